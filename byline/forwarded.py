"""The reader's address and scheme behind a trusted proxy (nginx, a load balancer): from
X-Forwarded-For and X-Forwarded-Proto, believed only when the request comes from one of the
proxies named in `trusted_proxies`."""

import ipaddress
from collections.abc import Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address as proxies write it: bare, `[v6]`, or with a port (`1.2.3.4:5678`)."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def from_proxy(remote: str, trusted: Sequence[Network]) -> bool:
    """Whether the connection's address `remote` is one of the trusted proxies."""
    peer = _address(remote)
    return peer is not None and any(peer in network for network in trusted)


def client_address(remote: str, forwarded: str, trusted: Sequence[Network]) -> str:
    """The reader's address: `remote`, or, when `remote` is a trusted proxy, the last address
    in `forwarded` that is not one (each proxy appends the address it was reached from, so
    those on the left may be anything the reader wrote)."""
    if not forwarded or not from_proxy(remote, trusted):
        return remote
    hops = [_address(hop) for hop in forwarded.split(",")]
    for hop in reversed(hops):
        if hop is None:
            return remote  # a garbled entry names no one: the proxy's own address stays
        if not any(hop in network for network in trusted):
            return str(hop)
    return str(hops[0])  # a reader on a trusted machine itself


class ForwardedForMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        remote = request.META.get("REMOTE_ADDR", "")
        trusted = settings.BYLINE_TRUSTED_PROXIES
        # Django takes the scheme from X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER): anyone
        # else's is dropped before anything asks for it.
        if "HTTP_X_FORWARDED_PROTO" in request.META and not from_proxy(remote, trusted):
            del request.META["HTTP_X_FORWARDED_PROTO"]
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            request.META["REMOTE_ADDR"] = client_address(remote, forwarded, trusted)
        return self.get_response(request)
