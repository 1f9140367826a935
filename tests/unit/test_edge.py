"""The edge in this process (publish/edge.py): stored pages answered from the store, and what
it answers when Django cannot be reached."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from byline.publish.edge import Connection, Edge
from byline.publish.front import Front, dynamic_prefixes
from byline.publish.relay import Pool
from byline.publish.store import PageStore

NOT_FOUND = b"<!doctype html><h1>Nothing here</h1>"


def ask(tmp_path, *sent: bytes, django: list | None = None, between=None) -> list[bytes]:
    """Send each of `sent` on a connection of its own to an edge; what each got back. With
    `django` (a list), a Django of sorts answers 404 behind it and notes each request's head
    in the list; without it, there is none. `between` runs before each request but the first."""
    store = PageStore(tmp_path / "store")
    store.write("/2026/05/ferries/", b"<!doctype html><h1>Ferries</h1>\n" * 20)
    socket_path = str(tmp_path / "django.sock")

    async def answer_404(reader, writer) -> None:  # one request a connection
        django.append(await reader.readuntil(b"\r\n\r\n"))
        writer.write(b"HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-type: text/html"
                     b"\r\ncontent-length: %d\r\n\r\n%s" % (len(NOT_FOUND), NOT_FOUND))  # fmt: skip
        await writer.drain()
        writer.close()

    async def exchange() -> list[bytes]:
        loop = asyncio.get_running_loop()
        behind = (
            await asyncio.start_unix_server(answer_404, socket_path) if django is not None else None
        )
        front = Front(None, store, dynamic_prefixes("admin"))
        edge = Edge(front, Pool(socket_path), b"127.0.0.1:8000")
        server = await loop.create_server(lambda: Connection(edge), "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        answers = []
        for number, data in enumerate(sent):
            if number and between:
                between(store)
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(data)
            answers.append(await asyncio.wait_for(reader.read(), 5))
            writer.close()
        server.close()
        edge.pool.close()
        if behind is not None:
            behind.close()
            await behind.wait_closed()
        return answers

    # In a thread of its own: the browser tests' Playwright keeps a loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(lambda: asyncio.run(exchange())).result()


def request(path: str, *headers: bytes, method: bytes = b"GET") -> bytes:
    return b"%s %s HTTP/1.1\r\nHost: x\r\n%s\r\n" % (method, path.encode(), b"".join(headers))


CLOSE = b"Connection: close\r\n"


def test_a_stored_page_its_validators_and_compressed_forms(tmp_path):
    path = "/2026/05/ferries/"
    (whole,) = ask(tmp_path, request(path, CLOSE))
    head, _, body = whole.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK\r\n") and body.count(b"<h1>Ferries</h1>") == 20
    etag = next(line for line in head.split(b"\r\n") if line.startswith(b"etag: "))[6:]
    again, zipped, bare = ask(
        tmp_path,
        request(path, b"If-None-Match: " + etag + b"\r\n", CLOSE),
        request(path, b"Accept-Encoding: gzip\r\n", CLOSE),
        request(path, CLOSE, method=b"HEAD"),
    )
    assert again.startswith(b"HTTP/1.1 304 Not Modified\r\n") and again.endswith(b"\r\n\r\n")
    assert b"content-encoding: gzip" in zipped and b"<h1>" not in zipped
    assert bare.startswith(b"HTTP/1.1 200 OK\r\n") and bare.endswith(b"\r\n\r\n")


def test_without_django_a_reader_is_told_so_after_what_the_store_answered(tmp_path):
    # The stored page first, then a page only Django has: 502, and the connection ends.
    (answer,) = ask(tmp_path, request("/2026/05/ferries/") + request("/?s=ferries"))
    assert answer.startswith(b"HTTP/1.1 200 OK")
    assert answer.count(b"HTTP/1.1 ") == 2 and b"HTTP/1.1 502 Bad Gateway\r\n" in answer
    assert answer.endswith(b"502 Bad Gateway\n")


def test_a_missing_address_is_asked_of_django_once_until_the_store_changes(tmp_path):
    django: list[bytes] = []
    bot = request("/wp-login.php", CLOSE)
    first, second = ask(tmp_path, bot, bot, django=django)
    assert len(django) == 1  # the second was answered as Django had answered the first
    for answer in (first, second):
        assert answer.startswith(b"HTTP/1.1 404 Not Found\r\n") and answer.endswith(NOT_FOUND)
    # A change to the site (a post published where nothing was, say) moves the store on.
    django.clear()
    ask(tmp_path, bot, bot, django=django, between=lambda store: store.next_generation())
    assert len(django) == 2


def test_a_body_refused_as_too_large_leaves_nothing_counted(tmp_path, monkeypatch):
    # The edge counts the bodies its connections are reading, to refuse more past a budget;
    # a refused one must not stay in (or be taken twice from) that count.
    monkeypatch.setattr("byline.publish.edge.MAX_BODY", 10)
    edges: list[Edge] = []
    original = Edge.__init__

    def noted(self, *args) -> None:
        original(self, *args)
        edges.append(self)

    monkeypatch.setattr(Edge, "__init__", noted)
    big = b"POST /responses/ HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n" + b"x" * 20
    (answer,) = ask(tmp_path, big)
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert edges[0].held == 0
