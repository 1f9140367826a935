"""App configuration for byline.content."""

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_delete, post_save


def _ensure_profile(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """Every user gets an author profile, however the user was made."""
    from byline.content.models import AuthorProfile

    if created and not raw and not AuthorProfile.objects.filter(user=instance).exists():
        AuthorProfile.objects.create(user=instance)


def _bump(sender, raw: bool = False, **kwargs) -> None:
    from byline.content.models.version import bump

    if not raw:
        bump()


def _connect_version() -> None:
    """Every change to what many pages show renews the site version (see snapshot.py)."""
    from django.db.models.signals import m2m_changed

    from byline.content.models import (
        AuthorProfile,
        Category,
        Media,
        MenuItem,
        Page,
        Post,
        Site,
        Tag,
    )
    from byline.responses.models import Discussion

    for model in (Post, Page, Category, Tag, Site, AuthorProfile, Media, MenuItem, Discussion):
        post_save.connect(_bump, sender=model, dispatch_uid=f"version_{model.__name__}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"version_del_{model.__name__}")
    for through in (Post.categories.through, Post.tags.through):
        m2m_changed.connect(_bump, sender=through, dispatch_uid=f"version_{through.__name__}")


class ContentConfig(AppConfig):
    name = "byline.content"
    label = "byline_content"
    verbose_name = "Content"

    def ready(self) -> None:
        from byline.content import roles

        roles.connect()
        _connect_version()
        from byline.content.models.media import Media, forget_renditions

        post_save.connect(_ensure_profile, sender=settings.AUTH_USER_MODEL, dispatch_uid="profile")
        post_delete.connect(forget_renditions, sender=Media, dispatch_uid="media_copies")
