"""Single-use keys already spent: form tokens per address, and links sent by email."""

from django.db import models


class UsedToken(models.Model):
    key = models.CharField(max_length=128, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key
