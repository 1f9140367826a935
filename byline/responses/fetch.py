"""Fetching other sites' pages for pings, safely: public addresses only, bounded in time and size.

Built on the standard library's `http.client` rather than urllib3 or requests: the one thing a
safe fetcher needs that they hide, connecting to the exact address that was checked (so a second
DNS answer cannot point the request at 127.0.0.1: DNS rebinding), is a two-line `connect`
override here, with TLS still verified against the host name; and it adds no dependency.
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.encoding import iri_to_uri

from byline import __version__

CONNECT_TIMEOUT = 5.0
TOTAL_TIMEOUT = 10.0
MAX_BYTES = 1_000_000
MAX_REDIRECTS = 3
REDIRECTS = {301, 302, 303, 307, 308}
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """Why a URL was not fetched, in words fit for a log or a ping's sender."""


@dataclass(frozen=True)
class Fetched:
    """A fetched page: where it ended up (after redirects), and what came back."""

    url: str
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    truncated: bool = False  # the body was longer than the size limit and was cut

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k.lower() == name.lower()), "")

    def header_values(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def content_type(self) -> str:
        return self.header("Content-Type").split(";")[0].strip().lower()

    @property
    def text(self) -> str:
        charset = "utf-8"
        for param in self.header("Content-Type").split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip("\"'")
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:  # a charset Python does not know
            return self.body.decode("utf-8", errors="replace")


def forbidden_reason(address: Address) -> str:
    """Why `address` must not be fetched from (loopback, private…), or '' when it is public."""
    embedded = getattr(address, "ipv4_mapped", None) or getattr(address, "sixtofour", None)
    if embedded is not None:
        return forbidden_reason(embedded)
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("private", address.is_private),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("not public", not address.is_global),
    )
    return next((f"{name} address {address}" for name, hit in checks if hit), "")


def resolve(host: str, port: int, allow_private: bool) -> Address:
    """The address to connect to for `host`; FetchError when any of its addresses is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise FetchError(f"{host} has no address")
    if not allow_private:
        # One private answer is enough to refuse: mixed answers are how rebinding starts.
        reason = next((r for r in map(forbidden_reason, addresses) if r), "")
        if reason:
            raise FetchError(f"refused to fetch {host}: {reason}")
    return addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to a given address, whatever DNS says about the host later."""

    def __init__(self, host: str, port: int, address: Address, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((str(self.address), self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a given address; the certificate is still checked against the host name."""

    def __init__(self, host: str, port: int, address: Address, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.address = address

    def connect(self) -> None:
        raw = socket.create_connection((str(self.address), self.port), self.timeout)
        self.sock = self.tls.wrap_socket(raw, server_hostname=self.host)


def user_agent() -> str:
    return f"Byline/{__version__} (+{settings.SITE_URL})"


def _ascii_host(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(f"bad host name {host!r}") from None


def _target(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path and query) of an http(s) URL, or FetchError."""
    parts = urlsplit(iri_to_uri(url.strip()))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url[:200]!r}")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"bad port in {url[:200]!r}") from None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, _ascii_host(parts.hostname), port, path


def _cut(connection: http.client.HTTPConnection) -> None:
    """Wake a read blocked on `connection` (closing alone would not, from another thread)."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def check_url(url: str, allow_private: bool | None = None) -> Address:
    """The address `url` would be fetched from; FetchError when it may not be (see `fetch`)."""
    if allow_private is None:
        allow_private = settings.FETCH_PRIVATE_ADDRESSES
    _scheme, host, port, _path = _target(url)
    return resolve(host, port, allow_private)


def _read(response: http.client.HTTPResponse, deadline: float, max_bytes: int) -> tuple:
    chunks, size = [], 0
    while size <= max_bytes:
        if time.monotonic() > deadline:
            raise FetchError(f"took longer than {TOTAL_TIMEOUT:.0f} s")
        chunk = response.read1(65536)
        if not chunk:
            if time.monotonic() >= deadline:  # the watchdog cut the connection
                raise FetchError(f"took longer than {TOTAL_TIMEOUT:.0f} s")
            return b"".join(chunks), False
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)[:max_bytes], True


def _once(method, url, data, headers, deadline, max_bytes, allow_private) -> Fetched:
    scheme, host, port, path = _target(url)
    address = resolve(host, port, allow_private)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"took longer than {TOTAL_TIMEOUT:.0f} s")
    connection_class = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    connection = connection_class(host, port, address, min(CONNECT_TIMEOUT, remaining))
    # Per-read timeouts cannot stop a source that drips a byte a second; this can.
    watchdog = threading.Timer(remaining, _cut, (connection,))
    watchdog.start()
    try:
        connection.request(method, path, body=data, headers=headers)
        connection.sock.settimeout(max(0.01, deadline - time.monotonic()))
        response = connection.getresponse()
        body, truncated = _read(response, deadline, max_bytes)
        return Fetched(url, response.status, response.getheaders(), body, truncated)
    except (OSError, http.client.HTTPException, AttributeError, ValueError) as exc:
        if time.monotonic() >= deadline:
            raise FetchError(f"took longer than {TOTAL_TIMEOUT:.0f} s") from None
        raise FetchError(f"cannot fetch {url[:200]}: {exc or type(exc).__name__}") from None
    finally:
        watchdog.cancel()
        connection.close()


def fetch(
    url: str,
    method: str = "GET",
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    max_bytes: int = MAX_BYTES,
    allow_private: bool | None = None,
) -> Fetched:
    """Fetch `url`, following up to three redirects (GET only), each checked again.

    Raises FetchError for a URL that is not http(s), a host on a loopback, private, link-local
    or otherwise non-public address (unless the site's `fetch_private_addresses` is on), a
    failed connection, or more than 10 s in all. A body over `max_bytes` is cut there.
    """
    if allow_private is None:
        allow_private = settings.FETCH_PRIVATE_ADDRESSES
    all_headers = {
        "User-Agent": user_agent(),
        "Accept": "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
        "Accept-Encoding": "identity",
        "Connection": "close",
    } | (headers or {})
    deadline = time.monotonic() + TOTAL_TIMEOUT
    for _ in range(MAX_REDIRECTS + 1):
        page = _once(method, url, data, all_headers, deadline, max_bytes, allow_private)
        location = page.header("Location")
        if page.status not in REDIRECTS or not location or method != "GET":
            return page
        url = urljoin(url, location)
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")
