"""Reading a fetched page: does it link to a URL, its title, an excerpt around the link, and
the webmention and pingback endpoints it advertises."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

from django.utils.encoding import iri_to_uri

from byline.responses.fetch import Fetched

URL_ATTRIBUTES = {"href", "src", "cite", "data", "poster", "action"}
SKIPPED = {"script", "style", "template", "noscript"}
EXCERPT_CHARS = 120
DEFAULT_PORTS = {"http": 80, "https": 443}
HTML_TYPES = {"text/html", "application/xhtml+xml", ""}


def split_url(url: str, base: str = "") -> SplitResult | None:
    """`url` (resolved against `base`) in its parts, or None for what no parser reads as an
    address (`http://[abc`: urllib raises ValueError at an unclosed bracket)."""
    try:
        return urlsplit(urljoin(base, url.strip()) if base else url.strip())
    except ValueError:
        return None


def normalize_url(url: str, base: str = "") -> str:
    """`url` (resolved against `base`) in one spelling: case of scheme and host, default port,
    empty path, fragment and percent-encoding no longer make two URLs differ. Unreadable
    (split_url), it is left as it came."""
    joined = split_url(url, base)
    parts = split_url(iri_to_uri(joined.geturl())) if joined is not None else None
    if parts is None:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def _rels(attrs: dict[str, str]) -> set[str]:
    return set((attrs.get("rel") or "").lower().split())


@dataclass
class _Found:
    title: str = ""
    base: str = ""
    urls: list[str] = field(default_factory=list)
    # (position in the page text where its text starts, href) of every <a href>
    anchors: list[tuple[int, str]] = field(default_factory=list)
    webmention: str | None = None
    pingback: str | None = None


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = _Found()
        self.text: list[str] = []
        self.length = 0
        self.skipping: list[str] = []
        self.in_title = False
        self.title: list[str] = []

    def handle_starttag(self, tag: str, attr_list: list) -> None:
        attrs = {name: value or "" for name, value in attr_list}
        found = self.found
        if tag == "title" and not found.title:
            self.in_title = True
        if tag == "base" and "href" in attrs and not found.base:
            found.base = attrs["href"]
        for name in URL_ATTRIBUTES & attrs.keys():
            found.urls.append(attrs[name])
        if tag == "a" and "href" in attrs:
            found.anchors.append((self.length, attrs["href"]))
        if tag in ("a", "link") and "href" in attrs:
            rels = _rels(attrs)
            if "webmention" in rels and found.webmention is None:
                found.webmention = attrs["href"]
            if tag == "link" and "pingback" in rels and found.pingback is None:
                found.pingback = attrs["href"]
        if tag in SKIPPED:
            self.skipping.append(tag)
        if tag in ("p", "br", "div", "li", "h1", "h2", "h3", "h4", "td", "blockquote"):
            self._add(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self._add(data)

    def _add(self, data: str) -> None:
        self.text.append(data)
        self.length += len(data)


@dataclass(frozen=True)
class SourcePage:
    """What a linking page says, read once."""

    url: str
    title: str
    text: str
    urls: list[str]  # every URL it names in an attribute, resolved and normalized
    anchors: list[tuple[int, str]]  # (position in text, normalized href) of its links
    is_html: bool
    raw: str

    def links_to(self, targets: set[str]) -> bool:
        """True when the page links to one of `targets` (or, not being HTML, names one)."""
        wanted = {normalize_url(t) for t in targets}
        if not self.is_html:
            return any(t in self.raw for t in targets)
        return not wanted.isdisjoint(self.urls)

    def excerpt(self, targets: set[str]) -> str:
        """Plain text around the first link to a target, as WordPress shows a pingback."""
        wanted = {normalize_url(t) for t in targets}
        position = next((pos for pos, href in self.anchors if href in wanted), None)
        if position is None:
            words = " ".join(self.text.split())
            return f"[…] {_cut_words(words, EXCERPT_CHARS * 2)} […]" if words else ""
        before = " ".join(self.text[max(0, position - EXCERPT_CHARS * 2) : position].split())
        after = " ".join(self.text[position : position + EXCERPT_CHARS * 2].split())
        if len(before) > EXCERPT_CHARS:  # start at a word
            before = before[-EXCERPT_CHARS:].split(" ", 1)[-1]
        after = _cut_words(after, EXCERPT_CHARS + 40)
        return f"[…] {before} {after} […]".replace("  ", " ")


def _cut_words(text: str, limit: int) -> str:
    """`text` up to `limit` characters, not ending inside a word."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut


def read_source(page: Fetched) -> SourcePage:
    """Parse a fetched page (HTML, or any text) for links, title and text."""
    raw = page.text
    is_html = page.content_type in HTML_TYPES
    parser = _PageParser()
    if is_html:
        parser.feed(raw)
        parser.close()
    found = parser.found
    base = urljoin(page.url, found.base) if found.base else page.url
    urls = [normalize_url(u, base) for u in found.urls if _is_web(u, base)]
    anchors = [(pos, normalize_url(h, base)) for pos, h in found.anchors if _is_web(h, base)]
    title = " ".join("".join(parser.title).split())[:200]
    return SourcePage(page.url, title, "".join(parser.text), urls, anchors, is_html, raw)


def _is_web(url: str, base: str) -> bool:
    parts = split_url(url, base)
    return parts is not None and parts.scheme in ("http", "https")


_LINK = re.compile(r"<([^>]*)>((?:\s*;\s*[^;,]+)*)")


def rel_links(header_values: list[str]) -> list[tuple[str, set[str]]]:
    """(URL, rels) of each link in HTTP `Link` headers."""
    links = []
    for value in header_values:
        for match in _LINK.finditer(value):
            rels: set[str] = set()
            for param in match.group(2).split(";"):
                key, _, raw = param.partition("=")
                if key.strip().lower() == "rel":
                    rels |= set(raw.strip().strip("\"'").lower().split())
            links.append((match.group(1).strip(), rels))
    return links


@dataclass(frozen=True)
class Endpoints:
    webmention: str | None = None
    pingback: str | None = None


def discover_endpoints(page: Fetched) -> Endpoints:
    """Where `page` takes webmentions and pingbacks: HTTP headers first, then its HTML.

    Webmention as the W3C specification orders it (Link header, then the first <link> or <a>
    with rel="webmention"; an empty href is the page itself), pingback by `X-Pingback` or
    <link rel="pingback">. Relative URLs are resolved against the page's final URL.
    """
    webmention = next(
        (url for url, rels in rel_links(page.header_values("Link")) if "webmention" in rels), None
    )
    pingback = page.header("X-Pingback").strip() or None
    if (webmention is None or pingback is None) and page.content_type in HTML_TYPES:
        parser = _PageParser()
        parser.feed(page.text)
        parser.close()
        webmention = webmention if webmention is not None else parser.found.webmention
        pingback = pingback or parser.found.pingback
    return Endpoints(
        webmention=urljoin(page.url, webmention) if webmention is not None else None,
        pingback=urljoin(page.url, pingback) if pingback else None,
    )
