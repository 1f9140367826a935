"""The edge's way to Django: a request the edge does not answer itself is written out again,
whole and framed by its length, to one of granian's workers over a Unix socket, and the answer
is passed back to the reader as it comes, framed for their connection.

Nothing of the reader's request reaches granian as they wrote it: the edge parsed it, and
writes a new one from the parts (hop-by-hop headers dropped, the body's length its own), so a
request cannot be read one way here and another way there.
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

import httptools

from byline.publish.missing import KEPT_STATUSES, LARGEST

# Headers that describe one connection, not the message: never passed on either way.
HOP_BY_HOP = frozenset(
    (b"connection", b"keep-alive", b"proxy-connection", b"te", b"trailer",
     b"transfer-encoding", b"upgrade")
)  # fmt: skip
# The reader's address, which the edge alone may give Django (byline/asgi.py reads it).
PEER = b"x-byline-peer"
IDLE_KEPT = 16  # open connections to granian an edge keeps for the next requests


@dataclass
class Request:
    """A reader's request, as the edge parsed it."""

    method: bytes
    url: bytes
    headers: list[tuple[bytes, bytes]]  # names in lower case
    body: bytes
    keep_alive: bool  # the reader's connection stays open after the answer
    ticket: int = 0  # its place among the requests its edge read, in the order they came
    waited: bool = False  # it waited for the responses sent before it (turns.py)
    began: Callable[[], None] | None = None  # called as Django's answer begins
    # Given Django's answer once it is whole (status, headers, body; a body past
    # missing.LARGEST as None), or (None, (), None) if there is none: see missing.py.
    watch: Callable[[int | None, tuple, bytes | None], None] | None = None


def request_bytes(request: Request, peer: str, host: bytes) -> bytes:
    """`request` as granian gets it: HTTP/1.1, framed by its length, with the reader's
    address in `PEER` and `host` as its Host when the reader sent none (HTTP/1.0)."""
    lines = [request.method, b" ", request.url, b" HTTP/1.1\r\n"]
    has_host = False
    for name, value in request.headers:
        if name in HOP_BY_HOP or name in (b"content-length", b"expect", PEER):
            continue
        has_host = has_host or name == b"host"
        lines += (name, b": ", value, b"\r\n")
    if not has_host:
        lines += (b"host: ", host, b"\r\n")
    lines += (PEER, b": ", peer.encode("ascii", "replace"), b"\r\n")
    if request.body or request.method not in (b"GET", b"HEAD", b"DELETE", b"OPTIONS"):
        lines.append(b"content-length: %d\r\n" % len(request.body))
    lines += (b"\r\n", request.body)
    return b"".join(lines)


class Reader:
    """What the edge's side of a reader's connection offers an answer being passed back."""

    transport: asyncio.Transport

    def answered(self, keep_alive: bool) -> None:  # pragma: no cover - an interface
        raise NotImplementedError


class Upstream(asyncio.Protocol):
    """One connection to granian, carrying one request at a time."""

    def __init__(self, release: Callable[["Upstream"], None]) -> None:
        self.release = release
        self.transport: asyncio.Transport | None = None
        self.done: asyncio.Future | None = None
        self.reader: Reader | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport

    def connection_lost(self, exc) -> None:
        self.transport = None
        if self.done is not None and not self.done.done():
            if self.request.watch is not None:
                self.request.watch(None, (), None)
            self.done.set_exception(ConnectionError("granian closed the connection"))

    def pass_on(self, request: Request, data: bytes, reader: Reader) -> asyncio.Future:
        """Send `data` (`request` written out) and pass the answer to `reader`."""
        self.request, self.reader = request, reader
        self.parser = httptools.HttpResponseParser(self)
        self.reason = b""
        self.framing = b""  # how the body goes to the reader: b"length", b"chunked", b"close"
        self.started = False  # whether the reader got the status line
        self.status = 0
        self.watched: list[bytes] | None = None  # the body, when a missing page's is kept
        self.watched_size = 0
        self.done = asyncio.get_running_loop().create_future()
        self.transport.write(data)
        return self.done

    def data_received(self, data: bytes) -> None:
        if self.reader is None:  # nothing was asked: nothing to read
            self.transport.close()
            return
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as error:
            self._fail(error)

    def on_status(self, reason: bytes) -> None:
        self.reason += reason

    def on_message_begin(self) -> None:
        self.headers: list[tuple[bytes, bytes]] = []

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name.lower(), value))

    def on_headers_complete(self) -> None:
        if self.request.began is not None:
            self.request.began()
        status = self.status = self.parser.get_status_code()
        keep = self.request.keep_alive
        if self.request.watch is not None and status in KEPT_STATUSES:
            self.watched = []
        lines = [b"HTTP/1.1 %d %s\r\n" % (status, self.reason or b"-")]
        length = False
        for name, value in self.headers:
            if name in HOP_BY_HOP:
                continue
            length = length or name == b"content-length"
            lines += (name, b": ", value, b"\r\n")
        bodiless = self.request.method == b"HEAD" or status in (204, 304) or status < 200
        if bodiless or length:
            self.framing = b"length"
        elif keep:
            self.framing = b"chunked"
            lines.append(b"transfer-encoding: chunked\r\n")
        else:
            self.framing = b"close"
        if not keep:
            lines.append(b"connection: close\r\n")
        lines.append(b"\r\n")
        self.reader.transport.write(b"".join(lines))
        self.started = True
        if self.request.method == b"HEAD":
            # granian sends no body, and the parser would wait for the one the length names:
            # the answer is whole, and this connection is not used again.
            self._finish(reuse=False)

    def on_body(self, chunk: bytes) -> None:
        if self.watched is not None:
            self.watched_size += len(chunk)
            if self.watched_size <= LARGEST:  # past it nothing is kept: nor held meanwhile
                self.watched.append(chunk)
        if self.framing == b"chunked":
            self.reader.transport.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        else:
            self.reader.transport.write(chunk)

    def on_message_complete(self) -> None:
        if self.done is None or self.done.done():
            return
        if self.framing == b"chunked":
            self.reader.transport.write(b"0\r\n\r\n")
        self._finish(reuse=self.parser.should_keep_alive())

    def _finish(self, reuse: bool) -> None:
        keep = self.request.keep_alive and self.framing != b"close"
        if self.request.watch is not None:
            whole = self.watched is not None and self.watched_size <= LARGEST
            body = b"".join(self.watched) if whole else None
            self.request.watch(self.status, tuple(self.headers), body)
        reader, self.reader = self.reader, None
        self.done.set_result(None)
        if reuse and self.transport is not None:
            self.release(self)
        elif self.transport is not None:
            self.transport.close()
        reader.answered(keep)

    def _fail(self, error: Exception) -> None:
        if self.request.watch is not None:
            self.request.watch(None, (), None)
        if self.transport is not None:
            self.transport.close()
        if self.done is not None and not self.done.done():
            self.done.set_exception(ConnectionError(str(error)))

    def pause_reading(self) -> None:
        if self.transport is not None:
            self.transport.pause_reading()

    def resume_reading(self) -> None:
        if self.transport is not None:
            self.transport.resume_reading()


class Pool:
    """An edge's connections to granian's Unix socket, opened as needed, kept when idle."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.idle: list[Upstream] = []

    def _release(self, upstream: Upstream) -> None:
        if len(self.idle) < IDLE_KEPT:
            self.idle.append(upstream)
        else:
            upstream.transport.close()

    async def connection(self) -> Upstream:
        while self.idle:
            upstream = self.idle.pop()
            if upstream.transport is not None and not upstream.transport.is_closing():
                return upstream
        loop = asyncio.get_running_loop()
        _, upstream = await loop.create_unix_connection(lambda: Upstream(self._release), self.path)
        return upstream

    def close(self) -> None:
        for upstream in self.idle:
            if upstream.transport is not None:
                upstream.transport.close()
        self.idle.clear()
