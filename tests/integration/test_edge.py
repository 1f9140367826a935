"""The edge of a running `byline serve` (publish/edge.py, relay.py), spoken to over raw sockets:
requests it answers itself and those it passes to Django, in order on one connection, whole,
with the reader's address, and hostile or broken requests refused without reaching Django."""

import os
import socket
import time

import httptools
import pytest

from tests.live import byline, database_url, run_python, serving, site_env

SETUP = """
from django.utils import timezone
from byline.content.links import Links
from byline.content.models import Post, Site, Status
from byline.content.roles import create_user
from byline.responses.models import Discussion
from byline.responses.tokens import issue_form_token
settings = Discussion.current()
settings.policy, settings.min_seconds = "guard_only", 0
settings.notify_author = settings.notify_moderator = False
settings.save()
author = create_user("amina", "amina@example.com", "author", "a long test passphrase 7")
post = Post.objects.create(title="Harbour budget", slug="harbour-budget", author=author,
    body="The council votes.", status=Status.PUBLISHED,
    published_at=timezone.now() - timezone.timedelta(hours=1))
print(post.pk, Links(Site.current()).post(post))
for _ in range(3):
    print(issue_form_token(post.pk))
"""
ADDRESSES = """
from byline.responses.models import Response
for response in Response.objects.order_by("pk"):
    print(response.text, response.author_ip)
"""
BIG = os.urandom(3 * 2**20)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("edge-site")
    with database_url() as url:
        env = site_env(url)
        byline(folder, "init", env=env)
        post_id, path, *tokens = run_python(folder, SETUP, env).split()
        (folder / "media").mkdir(exist_ok=True)
        (folder / "media" / "big.bin").write_bytes(BIG)
        with serving(folder, env, workers=2) as base:
            port = int(base.rsplit(":", 1)[1])
            for _ in range(2):  # the second is stored
                exchange(port, b"GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % (
                    path.encode()))  # fmt: skip
            yield {"port": port, "post": post_id, "path": path, "tokens": tokens,
                   "folder": folder, "env": env}  # fmt: skip


def exchange(port: int, data: bytes, then: bytes = b"") -> bytes:
    """Send `data` (and `then` after the first bytes come back); all that comes back until the
    server closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        received = b""
        if then:
            received = sock.recv(65536)
            sock.sendall(then)
        while chunk := sock.recv(65536):
            received += chunk
    return received


class Answers:
    """The answers in a stream of bytes, as httptools reads them."""

    def __init__(self, data: bytes) -> None:
        self.all: list[dict] = []
        self.parser = httptools.HttpResponseParser(self)
        self.parser.feed_data(data)

    def on_message_begin(self) -> None:
        self.all.append({"headers": {}, "body": b""})

    def on_header(self, name: bytes, value: bytes) -> None:
        self.all[-1]["headers"][name.decode().lower()] = value.decode()

    def on_headers_complete(self) -> None:
        self.all[-1]["status"] = self.parser.get_status_code()

    def on_body(self, chunk: bytes) -> None:
        self.all[-1]["body"] += chunk


def get(path: str, close: bool = False, extra: bytes = b"") -> bytes:
    end = b"Connection: close\r\n" if close else b""
    return b"GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s%s\r\n" % (path.encode(), extra, end)


def test_requests_on_one_connection_are_answered_in_their_order(site):
    # A stored page, a search and a missing address (both Django's), the home page: sent at
    # once, as a pipelining client does.
    data = get(site["path"]) + get("/?s=harbour") + get("/wp-login.php") + get("/", close=True)
    answers = Answers(exchange(site["port"], data)).all
    assert [a["status"] for a in answers] == [200, 200, 404, 200]
    assert b"<h1" in answers[0]["body"] and b"Harbour budget" in answers[0]["body"]
    assert b"harbour" in answers[1]["body"].lower()
    assert b"Harbour budget" in answers[3]["body"]
    assert all("date" in a["headers"] for a in answers)


def post_response(site, token: str, text: str, extra: bytes = b"", chunked: bool = False):
    body = (f"post={site['post']}&comment={text.replace(' ', '+')}&author=Reader&fax="
            f"&email=reader@example.com&token={token}").encode()  # fmt: skip
    origin = b"http://127.0.0.1:%d" % site["port"]
    head = (b"POST /responses/ HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nOrigin: %s\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n%s"
            % (site["port"], origin, extra))  # fmt: skip
    if not chunked:
        return exchange(site["port"], head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
    half = len(body) // 2
    chunks = b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (half, body[:half], len(body) - half,
                                                      body[half:])  # fmt: skip
    # Expect: 100-continue: the body goes once the edge says so.
    return exchange(
        site["port"],
        head + b"Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n",
        then=chunks,
    )


def test_responses_reach_django_with_the_readers_address_which_no_header_can_change(site):
    forged = b"X-Byline-Peer: 203.0.113.9\r\n"
    answer = post_response(site, site["tokens"][0], "Forged address", extra=forged)
    assert answer.startswith(b"HTTP/1.1 303"), answer[:300]
    answer = post_response(site, site["tokens"][1], "Sent in chunks", chunked=True)
    assert answer.startswith(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 303"), answer[:300]
    stored = run_python(site["folder"], ADDRESSES, site["env"]).splitlines()
    assert stored == ["Forged address 127.0.0.1", "Sent in chunks 127.0.0.1"]


@pytest.mark.parametrize(
    "request_bytes, status",
    [
        (b"NONSENSE\r\n\r\n", 400),
        (get("/" + "a" * 9000 + "/"), 414),
        (get("/", extra=b"X-Padding: " + b"p" * 70000 + b"\r\n"), 431),
        # Both framings at once: read one way here and another behind, a request smuggled in.
        (b"POST /responses/ HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
         b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin/ HTTP/1.1\r\n\r\n", 400),
    ],
    ids=["garbage", "long-url", "long-headers", "length-and-chunked"],
)  # fmt: skip
def test_broken_or_hostile_requests_are_refused_and_the_connection_ends(
    site, request_bytes, status
):
    start = time.monotonic()
    answers = Answers(exchange(site["port"], request_bytes)).all
    assert [a["status"] for a in answers] == [status]  # nothing smuggled got an answer
    assert answers[0]["headers"]["connection"] == "close"
    assert time.monotonic() - start < 5  # closed by the edge, not by a timeout


def test_a_large_file_comes_whole_and_a_head_leaves_the_connection_usable(site):
    answers = Answers(exchange(site["port"], get("/media/big.bin", close=True))).all
    assert answers[0]["status"] == 200 and answers[0]["body"] == BIG
    # Django's answer to a HEAD names the length of a body that does not follow.
    head = b"HEAD /?s=harbour HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    data = exchange(site["port"], head + get(site["path"], close=True))
    first, _, rest = data.partition(b"\r\n\r\n")
    assert first.startswith(b"HTTP/1.1 200") and b"content-length: " in first.lower()
    assert rest.startswith(b"HTTP/1.1 200") and b"Harbour budget" in rest


def test_http_1_0_readers_without_a_host_get_whole_answers(site):
    for path in (site["path"], "/?s=harbour"):
        data = exchange(site["port"], b"GET %s HTTP/1.0\r\n\r\n" % path.encode())
        answers = Answers(data).all
        assert [a["status"] for a in answers] == [200]
        assert b"Harbour budget" in answers[0]["body"] and b"</html>" in answers[0]["body"]


def test_an_address_that_is_not_utf8_is_djangos_to_answer(site):
    answers = Answers(exchange(site["port"], get("/%FF%FE/", close=True))).all
    assert [a["status"] for a in answers] == [404]
