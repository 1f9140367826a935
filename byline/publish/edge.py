"""The edge: the processes of `byline serve` that readers connect to. Each answers what the
store holds (publish/front.py's rules) from its own event loop, and passes anything else to
Django in granian's workers (relay.py).

granian's ASGI costs some 45 µs of Python a request before any of Byline's code runs; parsed
by httptools and answered from memory here, a stored page costs a fraction of that, and
stored pages are no longer answered by processes whose Django threads may be busy
(bench/RESULTS.md, thirteenth session).
"""

import asyncio
import os
import signal
import socket
import time
from collections import deque
from email.utils import formatdate
from http import HTTPStatus
from urllib.parse import unquote

import httptools

from byline import stopping
from byline.publish.front import Front
from byline.publish.relay import HOP_BY_HOP, Pool, Reader, Request, request_bytes
from byline.publish.store import PageStore
from byline.publish.turns import Turns

# Limits on what a reader may send, past which they get an error and the connection closes.
MAX_URL = 8 * 1024
MAX_HEAD = 64 * 1024  # all header lines together
MAX_BODY = 32 * 2**20  # as docs/deploy.md's nginx (`client_max_body_size`)
BODIES_HELD = 256 * 2**20  # bodies being read at once, in all of a process's connections
MAX_QUEUED = 16  # requests a reader may send ahead of their answers (HTTP pipelining)
IDLE_SECONDS = 15.0  # a connection sending nothing (between requests, or in a body)
HEAD_SECONDS = 30.0  # to send a request's head (its line and headers) once it began
DRAIN_SECONDS = 5.0  # told to stop, for the answers on their way to go out
# Headers of a kept answer written anew for each reader.
FRAMING = HOP_BY_HOP | {b"content-length", b"date"}
STATUS = {200: b"HTTP/1.1 200 OK\r\n", 304: b"HTTP/1.1 304 Not Modified\r\n"}
REFUSALS = {
    400: b"Bad Request",
    413: b"Content Too Large",
    503: b"Service Unavailable",
    414: b"URI Too Long",
    431: b"Request Header Fields Too Large",
    502: b"Bad Gateway",
}


class Edge:
    """What an edge process's connections share: the store, the way to Django, the clock."""

    def __init__(self, front: Front, pool: Pool, host: bytes) -> None:
        self.front = front
        self.pool = pool
        self.host = host  # the Host of requests that name none (HTTP/1.0)
        self.connections: set[Connection] = set()
        self.held = 0  # bytes of request bodies read and not yet passed on
        self.turns = Turns()  # reads wait for the responses sent before them
        self.date = b""
        self.tick()

    def tick(self) -> None:
        """The Date header, written once a second."""
        self.date = b"date: " + formatdate(usegmt=True).encode() + b"\r\n"
        asyncio.get_event_loop().call_later(1.0, self.tick)

    def stored(self, request: Request) -> bytes | None:
        """The whole answer to `request` when the store has it, else None."""
        if request.method not in (b"GET", b"HEAD") or not request.url.startswith(b"/"):
            return None
        raw, _, query = request.url.partition(b"?")
        path = raw.decode("latin-1")
        if "%" in path:
            try:
                path = unquote(path, encoding="utf-8", errors="strict")
            except UnicodeDecodeError:
                return None  # Django says what such an address is
        accept = cookie = match = since = b""
        for name, value in request.headers:
            if name == b"accept-encoding":
                accept = value
            elif name == b"cookie":
                cookie += value + b";"  # any of them may name a session
            elif name == b"if-none-match":
                match = value
            elif name == b"if-modified-since":
                since = value
        if self.front.bypasses(path, query, cookie):
            return None
        page = self.front.lookup(path) if path.endswith("/") else None
        if page is None:
            return self.missing(request, path, not query)
        status, headers, body = self.front.respond(page, accept, match, since)
        lines = [STATUS[status], self.date]
        for name, value in headers:
            lines += (name, b": ", value, b"\r\n")
        if not request.keep_alive:
            lines.append(b"connection: close\r\n")
        lines.append(b"\r\n")
        if request.method == b"GET":
            lines.append(body)
        return b"".join(lines)

    def missing(self, request: Request, path: str, bare: bool) -> bytes | None:
        """Django's answer for an address with no page, as it was kept (missing.py); else
        None, and the request is watched on its way, to keep the answer it gets."""
        missing = self.front.missing
        kept = missing.answer(path)
        if kept is None:
            generation = missing.store.generation()
            get = request.method == b"GET"

            def watch(status: int | None, headers: tuple, body: bytes | None) -> None:
                missing.renewing.discard(path)
                if status is not None:
                    missing.keep(path, bare and get, get, status, headers, body, generation)

            request.watch = watch
            return None
        lines = [b"HTTP/1.1 %d %s\r\n" % (kept.status, HTTPStatus(kept.status).phrase.encode())]
        lines.append(self.date)
        for name, value in kept.headers:
            if name.lower() not in FRAMING:
                lines += (name, b": ", value, b"\r\n")
        lines.append(b"content-length: %d\r\n" % len(kept.body))
        if not request.keep_alive:
            lines.append(b"connection: close\r\n")
        lines.append(b"\r\n")
        if request.method == b"GET":
            lines.append(kept.body)
        return b"".join(lines)


class Connection(asyncio.Protocol, Reader):
    """One reader's connection: requests parsed as they come, answered in order."""

    def __init__(self, edge: Edge) -> None:
        self.edge = edge
        self.queue: deque[Request] = deque()
        self.busy = False  # a request is with Django, or held back (`holding`)
        self.holding = False  # the first in `queue` waits for responses sent before it
        self.closing = False
        self.final = False  # the connection ends once the requests read are answered
        self.refusal = 400  # the status a request that cannot be parsed gets
        self.upstream = None

    def connection_made(self, transport) -> None:
        self.transport = transport
        peer = transport.get_extra_info("peername")
        self.peer = peer[0] if isinstance(peer, tuple) else "127.0.0.1"
        self.parser = httptools.HttpRequestParser(self)
        self.began = 0.0  # when the request being read began; 0 between requests
        self.active = time.monotonic()
        self.edge.connections.add(self)

    def connection_lost(self, exc) -> None:
        self.closing = True
        self.edge.held -= getattr(self, "body_size", 0)  # a body cut off as it came
        self.edge.connections.discard(self)
        if self.upstream is not None and self.upstream.transport is not None:
            self.upstream.transport.close()  # the answer has no one to go to

    # Flow control: a slow reader holds back granian's answer, not the edge's memory.
    def pause_writing(self) -> None:
        if self.upstream is not None:
            self.upstream.pause_reading()

    def resume_writing(self) -> None:
        if self.upstream is not None:
            self.upstream.resume_reading()

    def data_received(self, data: bytes) -> None:
        self.active = time.monotonic()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            # Byline upgrades to nothing: the request is answered as it is, and the connection
            # ends with it (what follows would be another protocol).
            self.final = True
            if not self.busy and not self.queue:
                self.end()
        except httptools.HttpParserError:  # malformed, or a limit passed (`limit`)
            self.refuse(self.refusal)

    # httptools' callbacks, as the request comes in.
    def on_message_begin(self) -> None:
        self.began = time.monotonic()
        self.url = b""
        self.headers: list[tuple[bytes, bytes]] = []
        self.head_size = 0
        self.body: list[bytes] = []
        self.body_size = 0

    def on_url(self, url: bytes) -> None:
        self.url += url
        if len(self.url) > MAX_URL:
            self.limit(414)

    def on_header(self, name: bytes, value: bytes) -> None:
        self.head_size += len(name) + len(value) + 4
        if self.head_size > MAX_HEAD:
            self.limit(431)
        self.headers.append((name.lower(), value))

    def on_headers_complete(self) -> None:
        self.began = 0.0  # the body may take as long as it keeps coming
        expects = any(name == b"expect" for name, _ in self.headers)
        if expects and not self.busy and not self.queue:
            self.transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")

    def on_body(self, chunk: bytes) -> None:
        if self.body_size + len(chunk) > MAX_BODY:
            self.limit(413)
        if self.edge.held + len(chunk) > BODIES_HELD:
            self.limit(503)
        # Counted together: what this connection holds is what it gives back when it ends.
        self.body_size += len(chunk)
        self.edge.held += len(chunk)
        self.body.append(chunk)

    def on_message_complete(self) -> None:
        self.began = 0.0
        self.edge.held -= self.body_size  # held by the request now, until passed on
        request = Request(
            self.parser.get_method(),
            self.url,
            self.headers,
            b"".join(self.body),
            self.parser.should_keep_alive(),
        )
        self.edge.turns.number(request)
        self.body, self.body_size = [], 0
        if len(self.queue) >= MAX_QUEUED:
            self.limit(400)
        self.queue.append(request)
        if not self.busy:
            self.next()

    def limit(self, status: int) -> None:
        """Stop reading a request past one of the limits: it gets `status`."""
        self.refusal = status
        raise ValueError(status)  # httptools ends feed_data() with its own error

    def next(self) -> None:
        """Answer the requests waiting, in order, until one goes to Django."""
        while self.queue and not self.busy and not self.closing:
            request = self.queue[0]
            if self.edge.turns.holds(request):
                self.busy = self.holding = True  # as with Django: nothing more is read
                self.transport.pause_reading()
                self.edge.turns.hold(self, request)
                return
            self.queue.popleft()
            answer = self.edge.stored(request)
            if answer is not None:
                self.transport.write(answer)
                if not request.keep_alive or (self.final and not self.queue):
                    self.end()
                continue
            self.busy = True
            self.transport.pause_reading()  # the rest waits in the socket, not in memory
            response = self.edge.turns.passed_on(request)
            asyncio.get_running_loop().create_task(self.relay(request, response))

    def release(self) -> None:
        """A read held back (publish/turns.py) goes on."""
        self.busy = self.holding = False
        if self.closing:
            return
        if self.final and not self.queue:
            self.end()
            return
        self.transport.resume_reading()
        self.next()

    async def relay(self, request: Request, response: bool) -> None:
        try:
            await self._relay(request)
        finally:
            if response:
                self.edge.turns.written(request.ticket)

    async def _relay(self, request: Request) -> None:
        data = request_bytes(request, self.peer, self.edge.host)
        for attempt in (1, 2):
            try:
                self.upstream = await self.edge.pool.connection()
                await self.upstream.pass_on(request, data, self)
                return
            except (ConnectionError, OSError):
                started = self.upstream is not None and self.upstream.started
                self.upstream = None
                if self.closing:
                    return
                if started:  # part of the answer went out: it cannot be taken back
                    self.end()
                    return
                if attempt == 2:
                    self.busy = False
                    self.refuse(502)
            # A kept connection granian had closed: once more on a new one.

    def answered(self, keep_alive: bool) -> None:
        """The answer from Django went out whole."""
        self.upstream = None
        self.busy = False
        if not keep_alive or (self.final and not self.queue):
            self.end()
            return
        if not self.closing:
            self.transport.resume_reading()
            self.next()

    def refuse(self, status: int) -> None:
        if self.busy:  # an answer is on its way: the connection ends after it instead
            self.final = True
            held = self.queue[0] if self.holding and self.queue else None
            self.queue.clear()
            if held is not None:  # read before what is refused: answered all the same
                self.queue.append(held)
            return
        reason = REFUSALS[status]
        body = b"%d %s\n" % (status, reason)
        self.transport.write(
            b"HTTP/1.1 %d %s\r\n%scontent-type: text/plain\r\ncontent-length: %d\r\n"
            b"connection: close\r\n\r\n%s" % (status, reason, self.edge.date, len(body), body)
        )
        self.end()

    def end(self) -> None:
        self.closing = True
        self.queue.clear()
        self.transport.close()

    def overdue(self, now: float) -> bool:
        if self.busy:
            return False
        if self.began:
            return now - self.began > HEAD_SECONDS
        return now - self.active > IDLE_SECONDS


_LISTENING: list[socket.socket] = []  # this process's, for its forks that serve none


def listening_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """`count` sockets bound to one address, one per edge process (SO_REUSEPORT: the kernel
    shares new connections out between them evenly)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sockets = []
    for _ in range(count):
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
        sock.listen(1024)
        sock.set_inheritable(True)
        sockets.append(sock)
    _LISTENING.extend(sockets)
    return sockets


def close_listening_sockets() -> None:
    """In a fork of the supervisor that is no edge (a web worker): let go of the edges'
    sockets. Held there, they would keep the port taken, and connections waiting unanswered in
    their queues, for as long as the worker outlived the edges."""
    while _LISTENING:
        _LISTENING.pop().close()


def run(
    sock: socket.socket, upstream: str, store_dir: str, dynamic: tuple[str, ...], host: str
) -> None:
    """One edge process: serve `sock` until SIGTERM or SIGINT, or until the process that
    started it is gone."""
    import uvloop

    parent = os.getppid()
    loop = uvloop.new_event_loop()
    asyncio.set_event_loop(loop)
    front = Front(None, PageStore(store_dir), dynamic)
    edge = Edge(front, Pool(upstream), host.encode("idna"))
    stop = asyncio.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, stop.set)
    if stopping.told():  # before the handlers above were in place
        stop.set()
    # The supervisor's to act on (granian starts its web workers afresh), sent to the whole
    # group as a closing terminal does: the edge's connections are kept.
    signal.signal(signal.SIGHUP, signal.SIG_IGN)

    async def wait_for_django() -> None:
        # Readers' connections wait in the socket's queue meanwhile: none is refused.
        for _ in range(1200):
            if stop.is_set():
                return
            try:
                _, writer = await asyncio.open_unix_connection(upstream)
                writer.close()
                return
            except OSError:
                await asyncio.sleep(0.05)

    async def watch() -> None:
        while not stop.is_set():
            await asyncio.sleep(1.0)
            if os.getppid() != parent:
                stop.set()
            now = time.monotonic()
            for connection in [c for c in edge.connections if c.overdue(now)]:
                connection.end()

    async def main() -> None:
        watcher = loop.create_task(watch())  # the supervisor may end while Django starts
        await wait_for_django()
        if stop.is_set():
            watcher.cancel()
            return
        server = await loop.create_server(lambda: Connection(edge), sock=sock)
        await stop.wait()
        server.close()
        for connection in [c for c in edge.connections if not c.busy]:
            connection.end()
        deadline = time.monotonic() + DRAIN_SECONDS
        while any(c.busy for c in edge.connections) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        watcher.cancel()
        edge.pool.close()

    loop.run_until_complete(main())
