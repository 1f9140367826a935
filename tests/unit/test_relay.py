"""What the edge writes to Django for a reader's request (publish/relay.py): the reader's own
framing and connection headers gone, and the reader's address only as the edge saw it."""

from byline.publish.relay import Request, request_bytes


def test_a_request_is_written_again_from_its_parts():
    reader = Request(
        b"POST",
        b"/responses/?x=1",
        [(b"host", b"blog.example.com"), (b"x-byline-peer", b"203.0.113.9"),
         (b"transfer-encoding", b"chunked"), (b"content-length", b"99"),
         (b"connection", b"keep-alive, x-byline-peer"), (b"expect", b"100-continue"),
         (b"cookie", b"a=b")],
        b"comment=hello",
        True,
    )  # fmt: skip
    head, _, body = request_bytes(reader, "198.51.100.4", b"127.0.0.1:8000").partition(b"\r\n\r\n")
    assert head.split(b"\r\n") == [
        b"POST /responses/?x=1 HTTP/1.1",
        b"host: blog.example.com",
        b"cookie: a=b",
        b"x-byline-peer: 198.51.100.4",
        b"content-length: 13",
    ]
    assert body == b"comment=hello"


def test_a_request_without_a_host_gets_the_servers():
    reader = Request(b"GET", b"/", [], b"", False)
    head = request_bytes(reader, "::1", b"127.0.0.1:8000")
    assert head == b"GET / HTTP/1.1\r\nhost: 127.0.0.1:8000\r\nx-byline-peer: ::1\r\n\r\n"
