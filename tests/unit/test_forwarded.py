"""Behind a trusted proxy the reader's address comes from X-Forwarded-For; from anyone else,
the header is not believed."""

import ipaddress

import pytest

from byline.forwarded import client_address

TRUSTED = (ipaddress.ip_network("127.0.0.1"), ipaddress.ip_network("::1"),
           ipaddress.ip_network("10.0.0.0/8"))  # fmt: skip


@pytest.mark.parametrize(
    ("remote", "forwarded", "reader"),
    [
        ("127.0.0.1", "", "127.0.0.1"),  # no proxy: the connection's own address
        ("127.0.0.1", "203.0.113.7", "203.0.113.7"),  # nginx on the same machine
        ("198.51.100.2", "203.0.113.7", "198.51.100.2"),  # not a proxy: anyone can write it
        # The reader wrote the left part; each proxy appended the address it was reached from.
        ("127.0.0.1", "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        ("127.0.0.1", "203.0.113.7, 10.1.2.3", "203.0.113.7"),  # a load balancer, then nginx
        ("127.0.0.1", "203.0.113.7:4444", "203.0.113.7"),
        ("::1", "[2001:db8::1]:80", "2001:db8::1"),
        ("::1", "2001:db8::9, 127.0.0.1", "2001:db8::9"),
        ("127.0.0.1", "127.0.0.1", "127.0.0.1"),  # a reader on the machine itself
        # Hostile or garbled: never stored as an address; the proxy's own stays.
        ("127.0.0.1", "<script>alert(1)</script>", "127.0.0.1"),
        ("127.0.0.1", "203.0.113.7, unknown", "127.0.0.1"),
        ("127.0.0.1", "unknown, 203.0.113.7", "203.0.113.7"),
    ],
)
def test_the_readers_address(remote, forwarded, reader):
    assert client_address(remote, forwarded, TRUSTED) == reader


@pytest.mark.parametrize(("remote", "secure"), [("127.0.0.1", True), ("198.51.100.2", False)])
def test_the_scheme_is_believed_from_a_trusted_proxy_only(remote, secure):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from byline.forwarded import ForwardedForMiddleware

    seen = []
    middleware = ForwardedForMiddleware(lambda request: seen.append(request) or HttpResponse())
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_PROTO="https")
    middleware(request)
    assert seen[0].is_secure() is secure
    assert seen[0].build_absolute_uri("/").startswith("https://" if secure else "http://")
