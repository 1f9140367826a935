"""Embeds WordPress had fetched and kept with a post (its `_oembed_…` custom fields): a post on
X quoted, say. Where the post's text has that address alone on its line (or in an `[embed]`
shortcode, or an embed block), the quote WordPress showed takes its place, so the words stay
when the original is deleted. The sanitiser cleans the quote as it cleans the rest of the text
when the post is saved: the provider's script goes, its words and links stay.
"""

import html
import re
from urllib.parse import urlsplit

CACHE_PREFIX = "_oembed_"
# The provider's quote: X's and Threads' `blockquote`, TikTok's and Instagram's. Found by its
# first opening and the next closing (one pattern for both would scan on from every opening).
_OPENING = re.compile(r"<blockquote\b", re.IGNORECASE)
_CLOSING = re.compile(r"</blockquote\s*>", re.IGNORECASE)
_CITE = re.compile(r"""\b(?:cite|data-instgrm-permalink)\s*=\s*["']([^"']+)["']""", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# An address alone on its line, or alone in an `[embed]` shortcode.
_ALONE = re.compile(
    r"(?m)^([ \t]*)(https?://[^\s<>\"'\[\]]+)[ \t]*$"
    r"|\[embed[^\[\]]*\]\s*(https?://[^\s<>\"'\[\]]+)\s*\[/embed\]",
    re.IGNORECASE,
)
# Two addresses of one site.
_SAME_SITE = {"twitter.com": "x.com", "mobile.twitter.com": "x.com"}


def _key(url: str) -> str | None:
    """What two addresses of one embedded post have in common: host and path (its query, as
    X's `?ref_src=…`, and a closing slash aside)."""
    try:
        parts = urlsplit(html.unescape(url).strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.scheme not in ("http", "https") or not host:
        return None
    return _SAME_SITE.get(host, host) + parts.path.rstrip("/")


def cached_quotes(meta: dict[str, str]) -> dict[str, str]:
    """The quotes among an item's kept embeds, by the key of the post each quotes (its `cite`,
    else the quote's last link, which for X is the post's own)."""
    quotes: dict[str, str] = {}
    for name, value in meta.items():
        if not name.startswith(CACHE_PREFIX) or name.startswith(CACHE_PREFIX + "time_"):
            continue
        opening = _OPENING.search(value)
        closing = _CLOSING.search(value, opening.end()) if opening else None
        if closing is None:
            continue
        quote = value[opening.start() : closing.end()]
        cites = _CITE.findall(quote) or _HREF.findall(quote)[-1:]
        for url in cites:
            if key := _key(url):
                quotes.setdefault(key, quote)
    return quotes


def quote_embeds(content: str, meta: dict[str, str]) -> str:
    """`content` with each address alone on its line that WordPress had kept a quote of
    replaced by that quote, in a figure."""
    quotes = cached_quotes(meta)
    if not quotes:
        return content

    def replace(match: re.Match) -> str:
        url = match.group(2) or match.group(3)
        quote = quotes.get(_key(url) or "")
        if quote is None:
            return match.group(0)
        return f'{match.group(1) or ""}<figure class="embed embed-quote">{quote}</figure>'

    return _ALONE.sub(replace, content)
