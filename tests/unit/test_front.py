"""The front answers stored pages itself (ETag, 304, compression), and addresses Django found
missing for a while; it passes the rest on."""

import asyncio
import gzip
import time
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


class Lost:
    """Stands for Django answering "Page not found" (with a cookie, when told to)."""

    def __init__(self, store=None, cookie=False, change=False, body=b"<h1>Page not found</h1>"):
        self.calls, self.store, self.cookie, self.change = 0, store, cookie, change
        self.body = body

    async def __call__(self, scope, receive, send):
        self.calls += 1
        if self.change:  # something was published while this was rendered
            self.store.next_generation()
        size = str(len(self.body)).encode()
        headers = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", size)]
        if self.cookie:
            headers.append((b"set-cookie", b"csrftoken=x"))
        await send({"type": "http.response.start", "status": 404, "headers": headers})
        body = b"" if scope["method"] == "HEAD" else self.body
        half = len(body) // 2  # in two parts, as a streamed answer comes
        await send({"type": "http.response.body", "body": body[:half], "more_body": True})
        await send({"type": "http.response.body", "body": body[half:]})


def test_a_missing_address_is_answered_from_memory_until_the_store_changes(tmp_path):
    store = PageStore(tmp_path)
    lost = Lost()
    front = Front(lost, store, DYNAMIC)
    for path in ("/wp-login.php", "/wp-login.php", "/no-such-story/", "/no-such-story/"):
        status, headers, body = request(front, path, query=b"fbclid=x")
        assert (status, body) == (404, b"<h1>Page not found</h1>")
        assert headers["content-type"] == "text/html; charset=utf-8"
    assert lost.calls == 2
    assert request(front, "/wp-login.php", method="HEAD")[::2] == (404, b"")
    assert lost.calls == 2
    store.next_generation()  # a change: something may live there now
    assert request(front, "/wp-login.php")[0] == 404 and lost.calls == 3
    store.write("/no-such-story/", b"<p>published</p>")  # a stored page comes first
    assert request(front, "/no-such-story/")[2] == b"<p>published</p>"


def test_what_a_missing_address_is_not_kept_for(tmp_path):
    store = PageStore(tmp_path)
    cases = [
        (Lost(cookie=True), {}),  # an answer that sets a cookie
        (Lost(body=b"x" * 300_000), {}),  # a big one (a debug page)
        (Lost(store, change=True), {}),  # rendered across a change
        (Lost(), {"cookie": "sessionid=abc"}),  # a signed-in editor
        (Lost(), {"query": b"p=12"}),  # a parameter Byline reads
        (Lost(), {"method": "HEAD"}),  # no body to keep
        (Lost(), {"path": "/admin/nothing/"}),
    ]
    for lost, case in cases:
        front = Front(lost, store, DYNAMIC)
        case = {"path": "/wp-login.php"} | case
        for _ in range(2):
            assert request(front, **case)[0] == 404, case
        assert lost.calls == 2, case


def test_a_missing_address_is_asked_again_after_a_second(tmp_path, monkeypatch):
    """What comes with time alone, such as a scheduled post's minute, moves no generation."""
    from byline.publish import missing

    monkeypatch.setattr(missing, "LIFETIME", 0.05)
    lost = Lost()
    front = Front(lost, PageStore(tmp_path), DYNAMIC)
    request(front, "/budget-2027/")
    request(front, "/budget-2027/")
    assert lost.calls == 1
    time.sleep(0.06)
    request(front, "/budget-2027/")
    assert lost.calls == 2


def test_past_its_second_one_request_asks_again_and_the_others_get_the_last_answer(
    tmp_path, monkeypatch
):
    from byline.publish import missing

    monkeypatch.setattr(missing, "LIFETIME", 0.05)
    lost = Lost()
    front = Front(lost, PageStore(tmp_path), DYNAMIC)
    request(front, "/budget-2027/")
    time.sleep(0.06)
    assert front.missing.answer("/budget-2027/") is None  # this request goes to Django…
    assert front.missing.answer("/budget-2027/").body == b"<h1>Page not found</h1>"  # …not all
    front.missing.renewing.clear()  # that request was never passed on
    front.app = Behind()  # Django now answers otherwise there: the kept 404 goes at once
    time.sleep(0.06)
    assert request(front, "/budget-2027/")[0] == 299
    monkeypatch.setattr(missing, "LIFETIME", 1.0)  # the old 404 would be young enough again
    assert request(front, "/budget-2027/")[0] == 299


class Moved:
    """Stands for Django sending an old address to its new home."""

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, scope, receive, send):
        self.calls += 1
        location = b"/2026/11/harbour-strike/"
        if scope["query_string"]:  # as Django's slash-appending redirect carries it on
            location += b"?" + scope["query_string"]
        headers = [(b"location", location), (b"content-length", b"0")]
        await send({"type": "http.response.start", "status": 301, "headers": headers})
        await send({"type": "http.response.body", "body": b""})


def test_an_old_address_s_redirect_is_answered_from_memory(tmp_path):
    moved = Moved()
    front = Front(moved, PageStore(tmp_path), DYNAMIC)
    for _ in range(3):
        status, headers, _ = request(front, "/2014/01/15/harbour-strike/")
        assert (status, headers["location"]) == (301, "/2026/11/harbour-strike/")
    assert moved.calls == 1
    # With a query string the address may carry it on: each is Django's to answer.
    for query in (b"fbclid=a", b"fbclid=b"):
        status, headers, _ = request(front, "/2026/11/harbour-strike", query=query)
        assert headers["location"] == "/2026/11/harbour-strike/?" + query.decode()
    assert moved.calls == 3


class Named(Lost):
    """Stands for Django's debug 404 page, which names the address asked for."""

    async def __call__(self, scope, receive, send):
        self.body = b"<h1>Page not found</h1>" + scope["path"].encode() * 400
        await super().__call__(scope, receive, send)


def test_answers_naming_their_address_are_kept_within_a_byte_budget(tmp_path, monkeypatch):
    from byline.publish import missing

    monkeypatch.setattr(missing, "HELD", 100_000)
    named = Named()
    front = Front(named, PageStore(tmp_path), DYNAMIC)
    for n in range(200):  # some 2.4 MB of different pages
        path = f"/probe-{n:03d}/"
        assert request(front, path)[2].endswith(path.encode())
        held = {id(a.body): len(a.body) for a in front.missing.kept.values()}
        assert sum(held.values()) <= 100_000
    assert named.calls == 200
    assert request(front, "/probe-199/")[2].endswith(b"/probe-199/")
    assert named.calls == 200  # the latest are still kept
