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


def bump(model: type[models.Model] = SiteVersion) -> None:
    """Mark a change (inside the caller's transaction, so others see it with the change).
    `model` names another one-row stamp of the same shape (the nodes' change stamp)."""
    stamp = secrets.randbits(62)
    with transaction.atomic():
        if not model.objects.filter(pk=1).update(value=stamp):
            model.objects.update_or_create(pk=1, defaults={"value": stamp})


def read(model: type[models.Model] = SiteVersion) -> int:
    """The current stamp, in one cheap query."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0
