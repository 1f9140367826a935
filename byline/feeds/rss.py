"""RSS 2.0 with each item's whole text, and the site's own addresses in that text made absolute
(a feed reader shows the text away from the site)."""

import re
from datetime import datetime

from django.utils.feedgenerator import Rss201rev2Feed

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
# href="/…", src="/…" (not protocol-relative "//…"), as the sanitizer writes attributes.
ROOT_RELATIVE = re.compile(r'(\s(?:href|src|poster)=")/(?!/)')
SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')


def absolute_addresses(html: str, origin: str) -> str:
    """`html` with its root-relative addresses (`/media/…`) prefixed with `origin`."""
    html = ROOT_RELATIVE.sub(lambda m: f"{m.group(1)}{origin}/", html)

    def candidates(match: re.Match) -> str:
        parts = [c.strip() for c in match.group(2).split(",")]
        fixed = [origin + c if c.startswith("/") and not c.startswith("//") else c for c in parts]
        return match.group(1) + ", ".join(fixed) + match.group(3)

    return SRCSET.sub(candidates, html)


class WholeTextRss(Rss201rev2Feed):
    """Django's RSS 2.0, with `content:encoded` (the item's whole HTML) as WordPress sends it,
    the site's language, and for a feed without items the date given as `quiet_since`."""

    def __init__(self, *args, site_language: str = "", quiet_since=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if site_language:
            self.feed["language"] = site_language
        self.quiet_since = quiet_since

    def latest_post_date(self) -> datetime:
        # Without items Django says "now": the same feed rendered again, or by another
        # process, would differ (and so would its ETag).
        return self.quiet_since or super().latest_post_date()

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])
