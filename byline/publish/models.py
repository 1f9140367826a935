"""What the nodes of a site keep in its database about their page stores."""

from django.db import models


class ChangeStamp(models.Model):
    """A stamp renewed by each change a node announces to the others (random, and kept by
    the same helpers as the site's version: byline/content/models/version.py). A node that
    was stopped or cut off when one was announced finds the stamp not the one it last heard,
    and knows its store may hold pages from before it (see broadcast.catch_up)."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "change stamp"

    def __str__(self) -> str:
        return f"stamp {self.value}"
