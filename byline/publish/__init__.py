"""Publishing: which URLs a change touches, rendering them, and the page store they land in."""

from functools import cache


@cache
def site_store():
    """This site's page store, or None when the store is turned off."""
    # Imported here: the edge's processes import this package, and need no Django.
    from django.conf import settings

    from byline import conf
    from byline.publish.store import PageStore

    return PageStore(settings.SITE_DIR / conf.STORE_DIR) if settings.BYLINE_STORE else None


def forget_store(setting: str, **kwargs) -> None:
    """Django's `setting_changed` receiver: the store follows the settings it is made from
    (tests turn it off and on with override_settings)."""
    if setting in ("BYLINE_STORE", "SITE_DIR"):
        site_store.cache_clear()
