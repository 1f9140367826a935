"""The HTML side of a static copy: the local addresses a page refers to, and the few parts of a
page rewritten because they need the running site (the response form, its script, endpoints)."""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

POST = "post"
READ_ONLY = "read-only"
COMMENT_MODES = (POST, READ_ONLY)
# Attributes whose value is an address the browser loads or follows.
URL_ATTRIBUTES = {"href", "src", "poster"}
SCRIPT = "/static/byline/byline.js"
ENDPOINTS = ("webmention", "pingback")
FEED_TYPE = "application/rss+xml"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


@dataclass
class Element:
    """One element of a page, with offsets into its text (`end` is None while unclosed)."""

    tag: str
    attrs: dict[str, str]
    start: int
    start_end: int
    end: int | None = None
    classes: set[str] = field(default_factory=set)


class _Scanner(HTMLParser):
    """Every element of a page with where it starts and ends in the text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.elements: list[Element] = []
        self.open: dict[str, list[Element]] = {}

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        values = {name: value or "" for name, value in attrs}
        element = Element(tag, values, start, start + len(raw))
        element.classes = set(values.get("class", "").split())
        self.elements.append(element)
        if tag in VOID:
            element.end = element.start_end
        else:
            self.open.setdefault(tag, []).append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open[tag].pop().end = self.elements[-1].start_end

    def handle_endtag(self, tag: str) -> None:
        stack = self.open.get(tag)
        if stack:
            position = self._offset()
            stack.pop().end = self.text.index(">", position) + 1


def scan(text: str) -> list[Element]:
    """The elements of `text`, in document order."""
    scanner = _Scanner(text)
    scanner.feed(text)
    scanner.close()
    return scanner.elements


def addresses(text: str) -> list[str]:
    """Every address in `href`, `src`, `poster` and `srcset` attributes, as written."""
    return _addresses_of(scan(text))


def _addresses_of(elements: Iterable[Element]) -> list[str]:
    found = []
    for element in elements:
        for name, value in element.attrs.items():
            if name in URL_ATTRIBUTES and value.strip():
                found.append(value.strip())
            elif name == "srcset":
                # "url 2x, url 640w": each candidate's address comes before its descriptor.
                found += [c.split()[0] for c in value.split(",") if c.strip()]
    return found


def local_path(address: str, page_path: str) -> str | None:
    """The decoded path `address` leads to on this site from `page_path`, or None when it
    leads elsewhere (another host, `mailto:`, a fragment of the same page)."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return unquote(urlsplit(urljoin(page_path, parts.path)).path)


def _absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path if path.startswith("/") else path


def _with_attribute(raw_tag: str, name: str, value: str) -> str:
    """The start tag `raw_tag` with attribute `name` set to `value` (escaped)."""
    pattern = re.compile(rf'(\s{name}\s*=\s*)("[^"]*"|\'[^\']*\'|[^\s>]+)', re.IGNORECASE)
    return pattern.sub(lambda m: f'{m.group(1)}"{html.escape(value)}"', raw_tag, count=1)


def _closed_line(text: str, base_url: str, live_page: str, link_text: str) -> str:
    """A one-line note, linking to the running site's page when its address is known."""
    if not base_url:
        return f'<p class="closed">{text}</p>'
    live = html.escape(_absolute(base_url, live_page))
    return f'<p class="closed">{text} <a href="{live}">{link_text}</a>.</p>'


CLOSED = "Responses are closed on this copy of the site."
LOCKED = "This text is protected by a password."


def _edit(
    element: Element, text: str, comments: str, base_url: str, page_path: str, replies: list[int]
) -> tuple[int, str] | None:
    """Where the part of the copy that replaces `element` ends, and what it is; None to keep
    it. A form kept in `post` mode changes only in its start tag."""
    tag, attrs, classes, end = element.tag, element.attrs, element.classes, element.end or 0
    raw = text[element.start : element.start_end]
    if tag == "form" and classes & {"reply-form", "post-password-form"}:
        if comments == POST:
            action = _absolute(base_url, attrs.get("action", ""))
            return element.start_end, _with_attribute(raw, "action", action)
        if "reply-form" in classes:
            return end, _closed_line(
                CLOSED, base_url, f"{page_path}#respond", "Respond on the site"
            )
        return end, _closed_line(LOCKED, base_url, page_path, "Read it on the site")
    if tag == "link" and attrs.get("rel") in ENDPOINTS:
        if comments == POST:
            return end, _with_attribute(raw, "href", _absolute(base_url, attrs.get("href", "")))
        return end, ""
    if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("type") == FEED_TYPE:
        # A feed's items carry the running site's addresses: it is read there, or not at all.
        if base_url:
            return end, _with_attribute(raw, "href", _absolute(base_url, attrs.get("href", "")))
        return end, ""
    # The theme's search (an attribute post bodies cannot carry): it needs the running site.
    if "data-byline-search" in attrs and not base_url:
        return end, ""
    if tag == "form" and "search-form" in classes:
        return element.start_end, _with_attribute(raw, "action", _absolute(base_url, "/"))
    # Following by email, the same: the running site keeps the subscribers.
    if "data-byline-subscribe" in attrs and not base_url:
        return end, ""
    if tag == "form" and "subscribe-form" in classes:
        return element.start_end, _with_attribute(raw, "action", _absolute(base_url, "/subscribe/"))
    if comments != READ_ONLY:
        return None
    if tag == "script" and urlsplit(attrs.get("src", "")).path == SCRIPT:
        return end, ""
    # Only the theme's own reply paragraphs: they hold its scripted reply link.
    if tag == "p" and "reply" in classes and any(element.start < a < end for a in replies):
        return end, ""
    return None


def rewrite_page(text: str, comments: str, base_url: str, page_path: str) -> tuple[str, list[str]]:
    """A page as the static copy holds it, and the addresses in it (those `addresses` finds in
    it, worked out from the one reading of the page this needs).

    `post`: the response form and the password form send to `base_url`, and the webmention
    and pingback endpoints are named there. `read-only`: the response form becomes a line
    saying responses are closed on this copy, and reply links, the theme's script, the
    password form and the endpoints go. In both, the feeds, the search form and the form to
    follow by email are the running site's, or left out without `base_url`. Anything else is
    left byte for byte as it was.
    """
    elements = scan(text)
    replies = [e.start for e in elements if e.tag == "a" and "data-reply-to" in e.attrs]
    edits: list[tuple[int, int, str]] = []
    for element in elements:
        edit = None
        if element.end is not None:
            edit = _edit(element, text, comments, base_url, page_path, replies)
        if edit is not None:
            edits.append((element.start, *edit))
    pieces, position, made = [], 0, []
    for start, end, new in sorted(edits):
        if start < position:  # inside a part already replaced
            continue
        pieces += [text[position:start], new]
        position = end
        made.append((start, end, new))
    # The page's elements but those in a replaced part (parts end where elements do), and
    # what replaced them.
    kept, index = [], 0
    for element in elements:  # in document order, as the parts are
        while index < len(made) and made[index][1] <= element.start:
            index += 1
        if index == len(made) or element.start < made[index][0]:
            kept.append(element)
    found = _addresses_of(kept) + [a for _start, _end, new in made for a in addresses(new)]
    return "".join(pieces) + text[position:], found
