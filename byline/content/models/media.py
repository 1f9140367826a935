"""Media items: an uploaded file with its size, alt text and caption."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import FileExtensionValidator
from django.db import models

from byline.content.images import without_metadata

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]


class Media(models.Model):
    file = models.ImageField(
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

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name_plural = "media"

    def __str__(self) -> str:
        return self.title or self.file.name

    def save(self, *args, **kwargs) -> None:
        # A file uploaded now is stored without its camera's metadata (byline.content.images).
        upload = getattr(self.file, "file", None) if self.file else None
        if isinstance(upload, UploadedFile) and not self.file._committed:
            cleaned = without_metadata(upload)
            if cleaned is not None:
                self.file = cleaned  # its width and height read again (a photo turned upright)
        super().save(*args, **kwargs)

    @property
    def url(self) -> str:
        """The file's address here, or its original one when an import could not copy it."""
        return self.file.url if self.file else self.source_url
