"""Reads and changes at the edge (publish/edge.py, publish/turns.py): a read that comes while a
response POST sent before it is with Django waits for that POST's answer, and so shows what it
changed; but never long. Django is a stand-in on granian's Unix socket here, answering when
the test says, so that what is asserted is the order, not a speed."""

import asyncio
import contextlib
import time

from byline.publish import turns
from byline.publish.edge import Connection, Edge
from byline.publish.front import Front, dynamic_prefixes
from byline.publish.relay import Pool
from byline.publish.store import PageStore

PAGE = "/2026/11/harbour-budget/"
GET = b"GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" % PAGE.encode()
CLOSING = GET.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n")
POST = (
    b"POST /responses/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 12\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\n\r\ncomment=Yes!"
)


class StandIn:
    """Django's side of the socket: each request waits in `requests` with a future; its
    answer (a 303, as a response POST gets) goes out once the test sets that future."""

    def __init__(self) -> None:
        self.requests: asyncio.Queue[tuple[bytes, asyncio.Future]] = asyncio.Queue()
        self.writers: list[asyncio.StreamWriter] = []

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.writers.append(writer)
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    await reader.readexactly(int(line.split(b":")[1]))
            answer = asyncio.get_running_loop().create_future()
            await self.requests.put((head.split(b"\r\n")[0], answer))
            body = await answer  # None: a 303 and no body; else the head now, `body` later
            if body is None:
                writer.write(b"HTTP/1.1 303 See Other\r\nlocation: %s\r\ncontent-length: 0"
                             b"\r\n\r\n" % PAGE.encode())  # fmt: skip
            else:
                writer.write(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 9\r\n\r\n")
                writer.write(await body)
            await writer.drain()


async def exchange(port: int, data: bytes) -> bytes:
    """Send `data` on a new connection; the answer, read until the edge closes."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(data)
    answer = await reader.read()
    writer.close()
    return answer


def read_page(port: int):
    return asyncio.ensure_future(exchange(port, CLOSING))


@contextlib.asynccontextmanager
async def started(tmp_path):
    """An edge on a free port before a store holding PAGE, and Django's stand-in."""
    store = PageStore(tmp_path / "store")
    store.write(PAGE, b"<p>Before the response</p>")
    django = StandIn()
    socket_path = str(tmp_path / "granian.sock")
    behind = await asyncio.start_unix_server(django.handle, socket_path)
    edge = Edge(Front(None, store, dynamic_prefixes("admin")), Pool(socket_path), b"127.0.0.1")
    front = await asyncio.get_running_loop().create_server(lambda: Connection(edge), "127.0.0.1", 0)
    try:
        yield edge, store, django, front.sockets[0].getsockname()[1]
    finally:
        front.close()
        for connection in list(edge.connections):
            connection.end()
        edge.pool.close()
        for writer in django.writers:
            writer.close()
        behind.close()
        await asyncio.sleep(0.01)  # the transports closed above go


async def commenting(port: int, django: StandIn) -> tuple[asyncio.Future, asyncio.Future]:
    """A response POST sent, and now with Django: the commenter's answer to come, and the
    future that lets Django answer."""
    commenter = asyncio.ensure_future(exchange(port, POST))
    _, answer = await django.requests.get()
    return commenter, answer


async def held_or_answered(edge: Edge, read: asyncio.Future) -> None:
    for _ in range(2000):
        if edge.turns.waiting or read.done():
            return
        await asyncio.sleep(0.001)


def test_a_read_after_a_response_waits_for_it_and_shows_it(tmp_path):
    async def scenario():
        async with started(tmp_path) as (edge, store, django, port):
            commenter = asyncio.ensure_future(exchange(port, POST))
            line, answer = await django.requests.get()  # the POST is with Django
            assert line == b"POST /responses/ HTTP/1.1"
            reader = read_page(port)
            await held_or_answered(edge, reader)
            assert not reader.done(), "answered before the response sent earlier"
            # Django stores the response and renews the post's page, then answers.
            store.write(PAGE, b"<p>Before the response</p><p>Yes!</p>")
            answer.set_result(None)
            assert (await commenter).startswith(b"HTTP/1.1 303")
            page = await reader
            assert page.startswith(b"HTTP/1.1 200") and page.endswith(b"<p>Yes!</p>")

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_a_read_waits_for_a_slow_response_a_moment_only(tmp_path):
    async def scenario():
        async with started(tmp_path) as (edge, store, django, port):
            commenter, answer = await commenting(port, django)
            began = time.monotonic()
            page = await read_page(port)  # Django has not answered, and will not meanwhile
            assert time.monotonic() - began >= turns.HOLD_SECONDS * 0.9
            assert page.endswith(b"<p>Before the response</p>")
            assert not answer.done() and not commenter.done()
            assert not edge.turns.waiting
            answer.set_result(None)
            assert (await commenter).startswith(b"HTTP/1.1 303")

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_reads_on_their_own_wait_for_nothing_and_keep_their_order(tmp_path):
    async def scenario():
        async with started(tmp_path) as (edge, store, django, port):
            answers = await exchange(port, GET * 3 + CLOSING)
            assert answers.count(b"HTTP/1.1 200 OK") == 4
            assert django.requests.empty() and not edge.turns.waiting and not edge.turns.writing

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_a_read_does_not_wait_for_other_posts(tmp_path):
    # An editor's save or a ping may take long: readers do not wait for those.
    async def scenario():
        async with started(tmp_path) as (edge, store, django, port):
            ping = POST.replace(b"/responses/", b"/xmlrpc.php")
            pinger = asyncio.ensure_future(exchange(port, ping))
            _, answer = await django.requests.get()
            page = await read_page(port)
            assert page.endswith(b"<p>Before the response</p>") and not answer.done()
            answer.set_result(None)
            assert (await pinger).startswith(b"HTTP/1.1 303")

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_a_held_read_is_answered_even_when_what_follows_it_is_refused(tmp_path):
    async def scenario():
        async with started(tmp_path) as (edge, store, django, port):
            commenter, answer = await commenting(port, django)
            # A read and then bytes that are no HTTP, in one packet, as a pipelining client's.
            answers = await exchange(port, GET + b"NOT HTTP AT ALL\r\n\r\n")
            assert answers.startswith(b"HTTP/1.1 200") and answers.count(b"HTTP/1.1") == 1
            assert answers.endswith(b"<p>Before the response</p>")  # then the connection ended
            answer.set_result(None)
            await commenter

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_a_read_waits_no_more_once_the_answer_to_the_response_begins(tmp_path, monkeypatch):
    # A commenter who reads their answer slowly (or never) holds nobody up. (Reads held for a
    # minute at most here: what lets this one go is the answer's head.)
    monkeypatch.setattr(turns, "HOLD_SECONDS", 60)

    async def scenario():
        async with started(tmp_path) as (edge, store, django, port):
            commenter, answer = await commenting(port, django)
            reader = read_page(port)
            await held_or_answered(edge, reader)
            assert not reader.done()
            body = asyncio.get_running_loop().create_future()
            answer.set_result(body)  # the head goes out; the body does not, yet
            page = await asyncio.wait_for(reader, 10)
            assert page.endswith(b"<p>Before the response</p>") and not commenter.done()
            body.set_result(b"Try again")
            assert (await commenter).endswith(b"Try again")

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_a_response_passed_on_long_ago_holds_no_read(tmp_path):
    async def scenario():
        async with started(tmp_path) as (edge, store, django, port):
            commenter, answer = await commenting(port, django)
            await read_page(port)  # held, for HOLD_SECONDS
            # Several reads on one connection, then another reader: none waits again.
            pipelined = asyncio.ensure_future(exchange(port, GET * 3 + CLOSING))
            await held_or_answered(edge, pipelined)
            assert not edge.turns.waiting
            assert (await pipelined).count(b"HTTP/1.1 200 OK") == 4
            assert not answer.done()
            answer.set_result(None)
            await commenter

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_a_response_stuck_long_ago_does_not_keep_reads_behind_a_newer_one(tmp_path, monkeypatch):
    monkeypatch.setattr(turns, "HOLD_SECONDS", 1.0)

    async def scenario():
        async with started(tmp_path) as (edge, store, django, port):
            stuck, late = await commenting(port, django)
            await asyncio.sleep(1.1)  # passed on longer ago than HOLD_SECONDS
            commenter, answer = await commenting(port, django)
            reader = read_page(port)
            await held_or_answered(edge, reader)
            assert not reader.done()  # held by the newer one
            answer.set_result(None)
            await asyncio.wait_for(reader, 0.5)  # let go with it, not a second later
            await commenter
            late.set_result(None)
            await stuck

    asyncio.run(asyncio.wait_for(scenario(), 30))
