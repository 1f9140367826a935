"""App configuration for byline.content."""

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save


def _ensure_profile(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """Every user gets an author profile, however the user was made."""
    from byline.content.models import AuthorProfile

    if created and not raw and not AuthorProfile.objects.filter(user=instance).exists():
        AuthorProfile.objects.create(user=instance)


class ContentConfig(AppConfig):
    name = "byline.content"
    label = "byline_content"
    verbose_name = "Content"

    def ready(self) -> None:
        from byline.content import roles

        roles.connect()
        post_save.connect(_ensure_profile, sender=settings.AUTH_USER_MODEL, dispatch_uid="profile")
