"""The front answers stored pages itself (ETag, 304, compression) and passes the rest on."""

import asyncio
import gzip
from concurrent.futures import ThreadPoolExecutor

import brotli

from byline.publish.front import Front
from byline.publish.store import PageStore

DYNAMIC = ("/admin/", "/responses/", "/static/", "/media/")


class Behind:
    """Stands for Django: answers 299 so a test can tell who answered."""

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, scope, receive, send):
        self.calls += 1
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b"django"})


def request(front, path: str, method: str = "GET", query: bytes = b"", **headers):
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": query,
        "headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()],
    }
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    # A thread of its own: the browser tests' Playwright may hold this thread's event loop.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, front(scope, receive, send)).result()
    start, body = sent[0], b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


def make(tmp_path):
    store, behind = PageStore(tmp_path), Behind()
    store.write("/news/", b"<p>stored page</p>" * 20, {"X-Pingback": "/xmlrpc.php"})
    return Front(behind, store, DYNAMIC), store, behind


def test_stored_page_answered_without_django(tmp_path):
    front, _store, behind = make(tmp_path)
    status, headers, body = request(front, "/news/")
    assert (status, body, behind.calls) == (200, b"<p>stored page</p>" * 20, 0)
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["x-pingback"] == "/xmlrpc.php" and "etag" in headers
    assert "public" in headers["cache-control"] and "Accept-Encoding" in headers["vary"]


def test_compressed_forms_by_accept_encoding(tmp_path):
    front, _store, _ = make(tmp_path)
    _, br_headers, br_body = request(front, "/news/", accept_encoding="gzip, deflate, br")
    assert br_headers["content-encoding"] == "br"
    assert brotli.decompress(br_body) == b"<p>stored page</p>" * 20
    _, gz_headers, gz_body = request(front, "/news/", accept_encoding="gzip")
    assert gz_headers["content-encoding"] == "gzip" and gzip.decompress(gz_body).startswith(b"<p>")
    assert len({br_headers["etag"], gz_headers["etag"]}) == 2


def test_conditional_requests_get_304(tmp_path):
    front, _store, _ = make(tmp_path)
    _, headers, _ = request(front, "/news/")
    status, _, body = request(front, "/news/", if_none_match=headers["etag"])
    assert (status, body) == (304, b"")
    status, _, _ = request(front, "/news/", if_modified_since=headers["last-modified"])
    assert status == 304
    assert request(front, "/news/", if_none_match='"other"')[0] == 200


def test_head_has_headers_without_body(tmp_path):
    front, _store, _ = make(tmp_path)
    status, headers, body = request(front, "/news/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0


def test_everything_else_goes_to_django(tmp_path):
    front, _store, behind = make(tmp_path)
    cases = [
        dict(path="/news/", method="POST"),
        dict(path="/news/", query=b"replytocom=3"),
        dict(path="/news/", query=b"utm_source=feed&replytocom=3"),
        dict(path="/news/", cookie="sessionid=abc"),
        dict(path="/news/", cookie="a=b; byline_held=1"),
        dict(path="/missing/"),
        dict(path="/admin/"),
    ]
    for case in cases:
        assert request(front, **case)[0] == 299, case
    assert behind.calls == len(cases)
    assert request(front, "/news/", cookie="csrftoken=x")[0] == 200


def test_a_query_string_byline_does_not_read_is_answered_from_the_store(tmp_path):
    front, _store, behind = make(tmp_path)
    queries = (b"fbclid=IwAR0vx-Q", b"utm_source=newsletter&utm_campaign=strike", b"x=84213")
    for query in queries:
        status, _, body = request(front, "/news/", query=query)
        assert (status, body) == (200, b"<p>stored page</p>" * 20)
    assert behind.calls == 0


def test_a_rewritten_page_is_served_at_once(tmp_path):
    front, store, _ = make(tmp_path)
    assert request(front, "/news/")[2].startswith(b"<p>stored")
    store.write("/news/", b"<p>edited</p>")
    assert request(front, "/news/")[2] == b"<p>edited</p>"
    store.drop("/news/")
    assert request(front, "/news/")[0] == 299


def test_memory_holds_a_bounded_share_of_a_big_store(tmp_path, monkeypatch):
    from byline.publish import front as front_module

    monkeypatch.setattr(front_module, "MEMORY_BYTES", 64 * 1024)
    front, store, behind = make(tmp_path)
    pages = [f"/2026/11/story-{n}/" for n in range(200)]
    for n, path in enumerate(pages):
        store.write(path, f"<p>story {n}</p>".encode() * 500)
    for n, path in enumerate(pages):  # a crawler reads every page once
        status, _, body = request(front, path)
        assert (status, body) == (200, f"<p>story {n}</p>".encode() * 500)
    assert front.held == sum(page.size for page in front.pages.values()) <= 64 * 1024
    assert 0 < len(front.pages) < len(pages)
    # A page no longer in memory is still served from its file, and nothing reached Django.
    assert request(front, pages[0])[2] == b"<p>story 0</p>" * 500
    assert behind.calls == 0
