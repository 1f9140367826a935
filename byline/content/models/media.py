"""Media items: an uploaded file with its size, alt text and caption."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import FileExtensionValidator
from django.db import models, transaction

from byline.content.images import (
    make_renditions,
    measure,
    remove_renditions,
    without_metadata,
)

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]


def forget_renditions(sender, instance: "Media", **kwargs) -> None:
    """A deleted image's copies go with it, once the deletion is committed (its file stays:
    posts may still name it)."""
    if instance.renditions:
        file, copies = instance.file, list(instance.renditions)
        transaction.on_commit(lambda: remove_renditions(file, copies))


class MeasuredImageField(models.ImageField):
    """An image whose width and height are read when a file is given to it (and by Media.save
    when that missed), never when its row is loaded. Django's reads the file of a row loaded
    without them (an image it could not measure) at every load, and fails when it is gone."""

    def update_dimension_fields(self, instance, force: bool = False, *args, **kwargs) -> None:
        if force:  # a file assigned, not a row loaded
            super().update_dimension_fields(instance, force, *args, **kwargs)


class Media(models.Model):
    file = MeasuredImageField(
        upload_to="%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[FileExtensionValidator(IMAGE_EXTENSIONS)],
    )
    title = models.CharField(max_length=200, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt = models.CharField("alt text", max_length=300, blank=True)
    caption = models.TextField(blank=True)
    source_url = models.CharField(
        "original address",
        max_length=500,
        blank=True,
        help_text="Where an imported file was; shown when its file was not copied in.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # [width, file name] of each smaller WebP copy (byline.content.images), for srcset.
    renditions = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name_plural = "media"

    def __str__(self) -> str:
        return self.title or self.file.name

    def save(self, *args, **kwargs) -> None:
        # A file given now (an upload) is stored without its camera's metadata, and with its
        # renditions, before the row: no page is rendered with the one and not the other. (A
        # stored file's `.file` would open it: asked only of one not stored yet.)
        replaced: list[list] = []
        if self.file and not self.file._committed:
            replaced = list(self.renditions) if self.pk else []
            given = self.file.file
            stored = without_metadata(given) if isinstance(given, UploadedFile) else None
            self.file.save(given.name, stored or given, save=False)  # width and height read again
            self.renditions = make_renditions(self.file)
        if self.file and (self.width is None or self.height is None):
            # Stored by the field's own save(), which measures the content it was given and
            # can miss (it did for a ContentFile): measured once here, from the stored file.
            self.width, self.height = measure(self.file)
        super().save(*args, **kwargs)
        # A replaced file's copies serve nothing now (pages offer the new ones); the original
        # stays, as posts may name it in their text.
        gone = [copy for copy in replaced if copy not in self.renditions]
        if gone:
            transaction.on_commit(lambda: remove_renditions(self.file, gone))

    def srcset(self) -> str:
        """The renditions as a `srcset` (WebP)."""
        return ", ".join(
            f"{self.file.storage.url(name)} {width}w" for width, name in self.renditions
        )

    @property
    def url(self) -> str:
        """The file's address here, or its original one when an import could not copy it."""
        return self.file.url if self.file else self.source_url
