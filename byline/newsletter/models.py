"""A reader who follows the site by email."""

from django.db import models


class Subscriber(models.Model):
    """An address that asked for new posts; mailed them once it confirmed. Unsubscribing
    deletes the row: nothing is kept of a reader who left."""

    email = models.EmailField(max_length=254, unique=True)
    confirmed = models.BooleanField(default=False)
    subscribed_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    ip = models.GenericIPAddressField("address", null=True, blank=True)

    class Meta:
        ordering = ["-subscribed_at"]
        indexes = [models.Index(fields=["confirmed", "subscribed_at"])]

    def __str__(self) -> str:
        return self.email
