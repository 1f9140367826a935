"""The spam classifier's learned counts: how often each hashed feature was seen in spam and ham."""

from django.db import models

# Bucket -1 holds the number of spam and ham documents learned.
TOTALS_BUCKET = -1


class SpamFeature(models.Model):
    bucket = models.IntegerField(primary_key=True)
    spam = models.PositiveIntegerField(default=0)
    ham = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "spam classifier feature"

    def __str__(self) -> str:
        return f"feature {self.bucket}: {self.spam} spam, {self.ham} ham"
