"""Keep what Django renders for anonymous readers in the page store, so the front can answer
the next request for it without Django."""

import logging
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from byline.publish import site_store
from byline.publish.querystring import changes_nothing
from byline.publish.store import StorePathError

log = logging.getLogger(__name__)
TELL_EVERY = 60  # seconds between warnings that pages cannot be stored (a full disk: each one)
_told = 0.0

# File times come from a coarse kernel clock: a page written this close before a render began
# may in fact have been written after it.
CLOCK_SLACK_NS = 20_000_000

# Headers the front sends itself; anything else a page carries is kept beside it.
STANDARD = {"content-type", "content-length", "x-frame-options", "x-content-type-options",
            "referrer-policy", "cross-origin-opener-policy", "vary", "cache-control",
            "expires", "last-modified", "etag", "set-cookie"}  # fmt: skip
PERSONAL_COOKIES = ("sessionid", "byline_held", "byline_commenter", "byline_postpass")


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether `response` is the same for every anonymous reader and may be stored."""
    query = request.META.get("QUERY_STRING", "")
    return (
        request.method == "GET"
        and (not query or changes_nothing(query))  # parameters Byline does not read
        and request.path.endswith("/")
        and not request.path.startswith(settings.BYLINE_DYNAMIC_PREFIXES)
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
        and response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and "private" not in response.get("Cache-Control", "")
        and not response.cookies
        and not getattr(response, "streaming", False)
    )


class PageStoreMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        store = site_store()
        generation = store.generation() if store is not None else 0
        began = time.time_ns()
        response = self.get_response(request)
        if store is not None and storable(request, response):
            # The page was served; storing it is only an optimisation. A failure to write it
            # (a full disk) is noted on the response for `byline publish --all` to report.
            try:
                self._keep(store, request, response, generation, began)
            except StorePathError:
                pass
            except OSError as exc:
                response.store_error = exc
                _tell(request.path, exc)
        return response

    @staticmethod
    def _keep(store, request: HttpRequest, response: HttpResponse, generation: int, began: int):
        extra = {k: v for k, v in response.items() if k.lower() not in STANDARD}
        with store.locked(request.path):
            if store.generation() != generation:
                # Rendered across a change: the worker renders it again soon. Meanwhile this
                # render replaces a stored page older than itself (under a stream of responses
                # a busy page would otherwise never be renewed), never a newer one, and never
                # brings back a page that was dropped (a post taken down stays down).
                store.mark_stale([request.path])
                if not store.stored_before(request.path, began - CLOCK_SLACK_NS):
                    return
            store.write(request.path, response.content, extra)


def _tell(path: str, error: OSError) -> None:
    """Warn that pages cannot be stored (they are served all the same, each rendered), once a
    minute at most."""
    global _told
    if time.monotonic() - _told >= TELL_EVERY:
        _told = time.monotonic()
        log.warning(
            "Pages cannot be written to the page store (first: %s): %s (see `byline check`)",
            path,
            error,
        )
