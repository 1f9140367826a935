"""The front: anonymous GET and HEAD requests for a stored page are answered from memory,
checked against the store's file so that every worker serves the same version, and those for
an address Django found nothing at, or moved, as it answered then (missing.py); everything
else goes to Django.

A stored page is the same for every anonymous reader, and with or without a query string of
parameters Byline does not read (querystring.py). Requests that may see something of their
own (signed in, or holding a response awaiting moderation) bypass the store.
"""

import json
import os
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

from byline.publish.missing import Missing
from byline.publish.querystring import changes_nothing
from byline.publish.store import HEADERS, INDEX, PageStore, StorePathError, etag_of

# Stored pages a worker keeps in memory, in bytes (all encodings): a few hundred pages. A site
# read far and wide (a crawler, a big archive) is served from the files beyond that.
MEMORY_BYTES = 24 * 2**20
BYPASS_COOKIES = (b"sessionid=", b"byline_held=", b"byline_postpass=")
CACHE_CONTROL = b"public, max-age=0, must-revalidate, s-maxage=10, stale-while-revalidate=60"
BASE_HEADERS = [
    (b"content-type", b"text/html; charset=utf-8"),
    (b"cache-control", CACHE_CONTROL),
    (b"vary", b"Accept-Encoding, Cookie"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def dynamic_prefixes(admin_path: str) -> tuple[str, ...]:
    """Addresses under which Django answers every request and nothing is stored: the admin
    (at the site's `admin_path`), the response form, files, the ping endpoints."""
    return (f"/{admin_path}/", "/responses/", "/static/", "/media/", "/xmlrpc.php", "/webmention/")


@dataclass
class CachedPage:
    """One stored page in memory: its bodies by encoding and the headers to send."""

    index: str  # the stored file, as a plain string: stat() on it is the hot path
    stamp: tuple[int, int, int]
    bodies: dict[str, bytes]
    etags: dict[str, bytes]
    last_modified: bytes
    mtime: float
    extra: list[tuple[bytes, bytes]] = field(default_factory=list)
    # Response headers by encoding, built once per version of the page: without and with
    # Content-Length (a 304 carries none).
    headers: dict[str, list[tuple[bytes, bytes]]] = field(default_factory=dict)
    sized: dict[str, list[tuple[bytes, bytes]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.size = sum(map(len, self.bodies.values()))
        for encoding, body in self.bodies.items():
            headers = [*BASE_HEADERS, (b"etag", self.etags[encoding]),
                       (b"last-modified", self.last_modified), *self.extra]  # fmt: skip
            if encoding:
                headers.append((b"content-encoding", encoding.encode()))
            self.headers[encoding] = headers
            self.sized[encoding] = [*headers, (b"content-length", str(len(body)).encode())]


def _load(index: Path, stamp: tuple[int, int, int]) -> CachedPage:
    body = index.read_bytes()
    base = etag_of(body)[:-1]
    bodies, etags = {"": body}, {"": (base + '"').encode()}
    for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
        try:
            bodies[encoding] = index.with_name(INDEX + suffix).read_bytes()
            etags[encoding] = f'{base}-{encoding}"'.encode()
        except FileNotFoundError:
            pass
    try:
        extra = json.loads(index.with_name(INDEX + HEADERS).read_bytes())
    except (FileNotFoundError, ValueError):
        extra = {}
    mtime = stamp[0] / 1e9
    return CachedPage(
        str(index),
        stamp,
        bodies,
        etags,
        formatdate(mtime, usegmt=True).encode(),
        mtime,
        [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in extra.items()],
    )


def _encoding(accept: bytes) -> str:
    accepted = {part.split(b";")[0].strip() for part in accept.lower().split(b",")}
    if b"br" in accepted:
        return "br"
    if b"gzip" in accepted:
        return "gzip"
    return ""


class Front:
    """ASGI application: the page store first, `app` (Django) on a miss."""

    def __init__(self, app, store: PageStore, dynamic_prefixes: tuple[str, ...]) -> None:
        self.app = app
        self.store = store
        self.dynamic = dynamic_prefixes
        self.pages: dict[str, CachedPage] = {}
        self.held = 0  # bytes of bodies in `pages`
        self.missing = Missing(store)

    def _keep(self, path: str, page: CachedPage) -> None:
        """Keep `page` in memory; past the budget the longest kept go (they are files still)."""
        old = self.pages.pop(path, None)
        self.held += page.size - (old.size if old else 0)
        self.pages[path] = page
        while self.held > MEMORY_BYTES and len(self.pages) > 1:
            oldest = next(iter(self.pages))
            self.held -= self.pages.pop(oldest).size

    def lookup(self, path: str) -> CachedPage | None:
        """The stored page at `path`, reloaded when its file changed; None on a miss."""
        page = self.pages.get(path)
        try:
            index = page.index if page is not None else self.store.file_for(path)
            info = os.stat(index)
        except (StorePathError, OSError):
            gone = self.pages.pop(path, None)
            self.held -= gone.size if gone else 0
            return None
        stamp = (info.st_mtime_ns, info.st_ino, info.st_size)
        if page is None or page.stamp != stamp:
            try:
                page = _load(Path(index), stamp)
            except OSError:
                return None
            self._keep(path, page)
        return page

    def bypasses(self, path: str, query: bytes, cookie: bytes) -> bool:
        """Whether a GET or HEAD request goes to Django whatever the store holds: an address
        Django always answers, a query string that changes the page, a reader who may see
        something of their own."""
        if query and not changes_nothing(query.decode("latin-1")):
            return True
        if path.startswith(self.dynamic):
            return True
        return bool(cookie) and any(name in cookie for name in BYPASS_COOKIES)

    def respond(
        self, page: CachedPage, accept: bytes, match: bytes, since: bytes
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        """Status, headers and body of `page` for a reader accepting `accept` and holding the
        validators `match` (If-None-Match) and `since` (If-Modified-Since)."""
        encoding = _encoding(accept) if accept else ""
        if encoding not in page.bodies:
            encoding = ""
        if (match or since) and self._not_modified(match, since, page.etags[encoding], page.mtime):
            return 304, page.headers[encoding], b""
        return 200, page.sized[encoding], page.bodies[encoding]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return await self.app(scope, receive, send)
        path = scope["path"]
        accept = cookie = match = since = b""
        for key, value in scope["headers"]:  # one pass over the request's headers
            if key == b"accept-encoding":
                accept = value
            elif key == b"cookie":
                cookie = value
            elif key == b"if-none-match":
                match = value
            elif key == b"if-modified-since":
                since = value
        if self.bypasses(path, scope["query_string"], cookie):
            return await self.app(scope, receive, send)
        page = self.lookup(path) if path.endswith("/") else None
        if page is None:
            kept = self.missing.answer(path)
            if kept is None:
                return await self.missing.ask(self.app, scope, receive, send, path)
            await send(
                {"type": "http.response.start", "status": kept.status, "headers": kept.headers}
            )
            body = b"" if scope["method"] == "HEAD" else kept.body
            return await send({"type": "http.response.body", "body": body})
        status, headers, body = self.respond(page, accept, match, since)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body}
        )

    @staticmethod
    def _not_modified(match: bytes, since: bytes, etag: bytes, mtime: float) -> bool:
        if match:
            tags = {t.strip().removeprefix(b"W/") for t in match.split(b",")}
            return etag in tags or b"*" in tags
        if since:
            try:
                return int(mtime) <= parsedate_to_datetime(since.decode("latin-1")).timestamp()
            except (TypeError, ValueError):
                return False
        return False
