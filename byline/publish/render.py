"""Render a public URL exactly as Django answers an anonymous reader, and keep it in the
store (or drop it there when it is no longer a page everyone may see)."""

from contextlib import suppress
from functools import cache

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.exception import convert_exception_to_response
from django.test.client import RequestFactory
from django.utils.module_loading import import_string

from byline.publish import site_store
from byline.publish.middleware import storable


class StoreRenderHandler(BaseHandler):
    """Django's handler with the project's own middleware alone (the store's, the site's time
    zone, old addresses). Django's (sessions, users, CSRF, security headers, X-Frame-Options)
    change no stored page of an anonymous, cookieless GET, only its standard headers, and took
    some 7% of a page's time in `publish --all`. Reads go through them all: the coherence test
    compares what is stored with their render."""

    def load_middleware(self, is_async: bool = False) -> None:
        self._view_middleware, self._template_response_middleware = [], []
        self._exception_middleware = []
        chain = convert_exception_to_response(self._get_response)
        for path in reversed(settings.MIDDLEWARE):
            if path.startswith("byline."):
                # The project's middleware are plain callables, without Django's hooks.
                chain = convert_exception_to_response(import_string(path)(chain))
        self._middleware_chain = chain


def handler(full: bool = True) -> BaseHandler:
    """Django's request handler; without `full`, the leaner one the store's renders use."""
    return _handler(bool(full))


@cache
def _handler(full: bool) -> BaseHandler:
    handler = BaseHandler() if full else StoreRenderHandler()
    handler.load_middleware()
    return handler


def _host() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".") and h != "*"]
    return hosts[0] if hosts else "localhost"


def render_path(path: str, full: bool = True):
    """Django's answer to an anonymous GET of `path`, with no cookies (through all of its
    middleware, or without `full` through the store's)."""
    request = RequestFactory(SERVER_NAME=_host()).get(path)
    return handler(full).get_response(request), request


class NotWritten(Exception):
    """A page rendered for the store that could not be written there (a full disk, a folder
    that may not be written to)."""


def publish_path(path: str) -> bool:
    """Render `path` into the store; True when it was stored, False when it was dropped or
    could not be written (the next request renders it)."""
    try:
        return store_path(path)
    except NotWritten:
        # A render asked for by a change: what is stored is older than it, not to be served.
        with suppress(OSError):
            site_store().drop(path)
        return False


def store_path(path: str) -> bool:
    """Render `path` into the store; True when it was stored, False when it was dropped.
    Raises NotWritten, saying why, when the store could not be written."""
    store = site_store()
    if store is None or "?" in path:
        return False
    response, request = render_path(path, full=False)
    failure = getattr(response, "store_error", None)
    if failure is None:
        if storable(request, response):
            return True  # the store middleware has written it on the way out (or holds it)
        try:
            store.drop(path)
            return False
        except OSError as exc:
            failure = exc
    raise NotWritten(describe_failure(path, failure))


def describe_failure(path: str, failure: OSError) -> str:
    """Why `path` could not be stored, for `publish --all` to say."""
    where = f": {failure.filename}" if failure.filename else ""
    return f"{path}: {failure.strerror or failure}{where}"


def fresh_body(path: str) -> bytes:
    """What Django would send a reader for `path` now (for checking the store's coherence)."""
    response, _request = render_path(path)
    return response.content
