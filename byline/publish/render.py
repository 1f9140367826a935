"""Render a public URL exactly as Django answers an anonymous reader, and keep it in the
store (or drop it there when it is no longer a page everyone may see)."""

from functools import cache

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.test.client import RequestFactory

from byline.publish import site_store
from byline.publish.middleware import storable


@cache
def handler() -> BaseHandler:
    handler = BaseHandler()
    handler.load_middleware()
    return handler


def _host() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".") and h != "*"]
    return hosts[0] if hosts else "localhost"


def render_path(path: str):
    """Django's answer to an anonymous GET of `path`, with no cookies."""
    request = RequestFactory(SERVER_NAME=_host()).get(path)
    return handler().get_response(request), request


def publish_path(path: str) -> bool:
    """Render `path` into the store; True when it was stored, False when it was dropped."""
    store = site_store()
    if store is None or "?" in path:
        return False
    response, request = render_path(path)
    if storable(request, response):
        # The store middleware has written it on the way out; nothing more to do.
        return True
    store.drop(path)
    return False


def fresh_body(path: str) -> bytes:
    """What Django would send for `path` now (for checking the store's coherence)."""
    response, _request = render_path(path)
    return response.content
