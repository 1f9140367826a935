"""A published post's or page's old address, kept when its address changes (a new slug, date,
category or parent page): the old one answers with a 301 to the new (middleware.py), as
WordPress's old slugs do, so links to it from elsewhere keep working."""

from django.db.models.signals import post_save, pre_save

from byline.content.links import Links
from byline.content.models import Page, Post, Site
from byline.importers.models import Redirect, Target
from byline.importers.redirects import path_key

SOURCE = "moved"  # what the site itself kept, as against an import's rows


def _address(entry: Post | Page) -> str:
    links = Links(Site.current())
    return links.post(entry) if isinstance(entry, Post) else links.page(entry)


def _before(sender, instance: Post | Page, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    old = instance.stored()  # none for a new row, even one an import gives its old id
    if old is not None and old.is_live:
        instance._address_before = _address(old)


def _after(sender, instance: Post | Page, raw: bool = False, **kwargs) -> None:
    before = instance.__dict__.pop("_address_before", None)
    if raw or not before or before.startswith("/?") or before == _address(instance):
        return
    target = Target.POST if isinstance(instance, Post) else Target.PAGE
    Redirect.objects.update_or_create(
        old_path=path_key(before),
        defaults={"target_type": target, "target_id": instance.pk, "source": SOURCE},
    )


def connect() -> None:
    for model in (Post, Page):
        pre_save.connect(_before, sender=model, dispatch_uid=f"moved_before_{model.__name__}")
        post_save.connect(_after, sender=model, dispatch_uid=f"moved_after_{model.__name__}")
