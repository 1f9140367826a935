"""A stamp renewed by every change to what many pages show, so that each process can keep
those things in memory and know, with one tiny query, when they are stale.

A random stamp rather than a counter: a rolled-back transaction can never make an old
number come back with other content behind it."""

import secrets

from django.db import connection, models, transaction


class SiteVersion(models.Model):
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "site version"

    def __str__(self) -> str:
        return f"version {self.value}"


def bump() -> None:
    """Mark a change (inside the caller's transaction, so others see it with the change)."""
    stamp = secrets.randbits(62)
    with transaction.atomic():
        if not SiteVersion.objects.filter(pk=1).update(value=stamp):
            SiteVersion.objects.update_or_create(pk=1, defaults={"value": stamp})


def read() -> int:
    """The current stamp, in one cheap query."""
    table = connection.ops.quote_name(SiteVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0
