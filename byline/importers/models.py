"""What an import leaves behind: which Byline object each source item became, and old URLs."""

from django.db import models


class ImportedItem(models.Model):
    """One item of a source (a WordPress blog, a Disqus forum) and the Byline object it became.

    Re-running an import finds its items here: nothing is created twice, and an item whose
    `fingerprint` (a hash of its record) is unchanged is left alone, with any edits made since.
    """

    source = models.CharField(max_length=300, help_text="e.g. wordpress:https://blog.example")
    kind = models.CharField(max_length=20)  # author, category, tag, post, page, media, comment…
    source_id = models.CharField(max_length=300)
    object_id = models.BigIntegerField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "source_id"], name="imported_item_unique"
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_id} → {self.object_id}"

    @classmethod
    def point(
        cls,
        found: "ImportedItem | None",
        source: str,
        kind: str,
        source_id: str,
        object_id: int,
        fingerprint: str,
    ) -> "ImportedItem | None":
        """Point the mapping `found` at a newly made object (its earlier one was deleted on the
        site) and save it; without one, a new unsaved mapping for the caller to bulk-create."""
        if found is not None:
            found.object_id, found.fingerprint = object_id, fingerprint
            found.save(update_fields=["object_id", "fingerprint", "imported_at"])
            return None
        return cls(source=source, kind=kind, source_id=source_id, object_id=object_id,
                   fingerprint=fingerprint)  # fmt: skip


class Target(models.TextChoices):
    POST = "post", "Post"
    PAGE = "page", "Page"
    CATEGORY = "category", "Category"
    TAG = "tag", "Tag"
    AUTHOR = "author", "Author"
    MEDIA = "media", "Media file"
    URL = "url", "Fixed address"


class Redirect(models.Model):
    """An old address (path, or `/?p=ID` style query) and what now lives there.

    The target is resolved when asked, so a later change of the permalink settings is followed.
    Consulted only when nothing else answers (see middleware.py), as flatpages does.
    """

    old_path = models.CharField(max_length=500, unique=True)
    target_type = models.CharField(max_length=10, choices=Target.choices)
    target_id = models.BigIntegerField(null=True, blank=True)
    target_url = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.old_path} → {self.target_type} {self.target_id or self.target_url}"
