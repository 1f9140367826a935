"""The reader's address behind a trusted proxy (nginx, a load balancer): from X-Forwarded-For,
believed only when the request comes from one of the proxies named in `trusted_proxies`."""

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


def client_address(remote: str, forwarded: str, trusted: Sequence[Network]) -> str:
    """The reader's address: `remote`, or, when `remote` is a trusted proxy, the last address
    in `forwarded` that is not one (each proxy appends the address it was reached from, so
    those on the left may be anything the reader wrote)."""
    peer = _address(remote)
    if not forwarded or peer is None or not any(peer in network for network in trusted):
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
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            remote = request.META.get("REMOTE_ADDR", "")
            trusted = settings.BYLINE_TRUSTED_PROXIES
            request.META["REMOTE_ADDR"] = client_address(remote, forwarded, trusted)
        return self.get_response(request)
