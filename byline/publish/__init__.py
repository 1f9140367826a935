"""Publishing: which URLs a change touches, rendering them, and the page store they land in."""

from functools import cache

from django.conf import settings


@cache
def site_store():
    """This site's page store, or None when the store is turned off."""
    from byline.publish.store import PageStore

    return PageStore(settings.SITE_DIR / "store") if settings.BYLINE_STORE else None
