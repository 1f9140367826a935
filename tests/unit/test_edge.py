"""The edge in this process (publish/edge.py): stored pages answered from the store, and what
it answers when Django cannot be reached."""

import asyncio

from byline.publish.edge import Connection, Edge
from byline.publish.front import Front, dynamic_prefixes
from byline.publish.relay import Pool
from byline.publish.store import PageStore


def ask(tmp_path, data: bytes) -> bytes:
    """Send `data` to an edge whose Django is gone; all it answers until it closes."""
    store = PageStore(tmp_path / "store")
    store.write("/2026/05/ferries/", b"<!doctype html><h1>Ferries</h1>\n" * 20)

    async def exchange() -> bytes:
        front = Front(None, store, dynamic_prefixes("admin"))
        edge = Edge(front, Pool(str(tmp_path / "no-django.sock")), b"127.0.0.1:8000")
        server = await asyncio.get_running_loop().create_server(
            lambda: Connection(edge), "127.0.0.1", 0
        )
        port = server.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(data)
        answer = await asyncio.wait_for(reader.read(), 5)
        writer.close()
        server.close()
        return answer

    return asyncio.run(exchange())


def request(path: str, *headers: bytes, method: bytes = b"GET") -> bytes:
    return b"%s %s HTTP/1.1\r\nHost: x\r\n%s\r\n" % (method, path.encode(), b"".join(headers))


def test_a_stored_page_its_validators_and_compressed_forms(tmp_path):
    close = b"Connection: close\r\n"
    whole = ask(tmp_path, request("/2026/05/ferries/", close))
    head, _, body = whole.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK\r\n") and body.count(b"<h1>Ferries</h1>") == 20
    etag = next(line for line in head.split(b"\r\n") if line.startswith(b"etag: "))[6:]
    again = ask(tmp_path, request("/2026/05/ferries/", b"If-None-Match: " + etag + b"\r\n", close))
    assert again.startswith(b"HTTP/1.1 304 Not Modified\r\n") and again.endswith(b"\r\n\r\n")
    zipped = ask(tmp_path, request("/2026/05/ferries/", b"Accept-Encoding: gzip\r\n", close))
    assert b"content-encoding: gzip" in zipped and b"<h1>" not in zipped
    bare = ask(tmp_path, request("/2026/05/ferries/", close, method=b"HEAD"))
    assert bare.startswith(b"HTTP/1.1 200 OK\r\n") and bare.endswith(b"\r\n\r\n")


def test_without_django_a_reader_is_told_so_after_what_the_store_answered(tmp_path):
    # The stored page first, then a page only Django has: 502, and the connection ends.
    answer = ask(tmp_path, request("/2026/05/ferries/") + request("/?s=ferries"))
    assert answer.startswith(b"HTTP/1.1 200 OK")
    assert answer.count(b"HTTP/1.1 ") == 2 and b"HTTP/1.1 502 Bad Gateway\r\n" in answer
    assert answer.endswith(b"502 Bad Gateway\n")
