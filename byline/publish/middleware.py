"""Keep what Django renders for anonymous readers in the page store, so the front can answer
the next request for it without Django."""

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from byline.publish import site_store
from byline.publish.querystring import changes_nothing
from byline.publish.store import PageStore, StorePathError

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
            extra = {k: v for k, v in response.items() if k.lower() not in STANDARD}
            page = HeldPage(store, request.path, response.content, extra, generation, began)
            held = _held.get()
            if held is not None:
                held.add(page)
                return response
            # The page was served; storing it is only an optimisation. A failure to write it
            # (a full disk) is noted on the response for `byline publish --all` to report.
            try:
                page.keep()
            except OSError as exc:
                response.store_error = exc
                _tell(request.path, exc)
        return response


@dataclass
class HeldPage:
    """A render to store, and what decides whether it still may be when it is written."""

    store: PageStore
    path: str
    body: bytes
    headers: dict[str, str]
    generation: int  # the store's, before the render began
    began: int  # nanoseconds

    def keep(self, compressed: tuple[bytes, bytes] | None = None) -> None:
        store = self.store
        try:
            with store.locked(self.path):
                if store.generation() != self.generation:
                    # Rendered across a change: the worker renders it again soon. Meanwhile
                    # this render replaces a stored page older than itself (under a stream of
                    # responses a busy page would otherwise never be renewed), never a newer
                    # one, and never brings back a page that was dropped (a post taken down
                    # stays down).
                    store.mark_stale([self.path])
                    if not store.stored_before(self.path, self.began - CLOCK_SLACK_NS):
                        return
                store.write(self.path, self.body, self.headers, compressed)
        except StorePathError:
            pass


class HeldWrites:
    """Renders held to be stored together (`writes_held`): compressed one after the other,
    the compressors' tables stay in the processor's caches, and the renders' data between
    them. Compressed between two renders, a page's brotli took 300-420 µs against 120-170 in
    a row, and the renders slowed too: `publish --all` took an eighth longer."""

    def __init__(self) -> None:
        self.pages: list[HeldPage] = []
        self.size = 0  # bytes of the pages held
        self.failed: list[tuple[str, OSError]] = []  # (path, why it could not be written)

    def add(self, page: HeldPage) -> None:
        self.pages.append(page)
        self.size += len(page.body)
        if len(self.pages) >= HELD or self.size >= HELD_BYTES:
            self.write()

    def write(self) -> None:
        """Store the pages held (each as `PageStoreMiddleware` would have), and let them go."""
        pages, self.pages, self.size = self.pages, [], 0
        compressed_all = PageStore.compress_all([page.body for page in pages])
        for page, compressed in zip(pages, compressed_all, strict=True):
            try:
                page.keep(compressed)
            except OSError as exc:
                self.failed.append((page.path, exc))
                _tell(page.path, exc)


HELD = 100  # pages at most (a batch of `publish --all`'s): 50 did as well, 20 took 3% longer
# And at most this many bytes: a site whose posts show hundreds of responses each has pages of
# half a megabyte (a hundred of the bench site's take 1 MB).
HELD_BYTES = 8 * 1024 * 1024
_held: ContextVar[HeldWrites | None] = ContextVar("byline_held_writes", default=None)


@contextmanager
def writes_held() -> Iterator[HeldWrites]:
    """Hold the pages rendered in this block (by this thread) and store them HELD at a time,
    the last as the block ends; what could not be written is in `failed` after it."""
    held = HeldWrites()
    token = _held.set(held)
    try:
        yield held
    finally:
        _held.reset(token)
        held.write()


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
