"""What must never be in a page: script, event handlers, script URLs."""

import html
import re
from html.parser import HTMLParser

DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "applet", "base", "meta", "link", "style",
                  "form", "frame", "frameset", "svg", "math"}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background", "poster",
                  "srcset", "data", "lowsrc", "dynsrc"}  # fmt: skip


THEME_STATIC = "/static/byline/"


def _scheme(value: str) -> str:
    # Browsers ignore control characters and whitespace inside a scheme.
    cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


class DangerFinder(HTMLParser):
    def __init__(self, allowed_tags: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        theme_script = tag == "script" and dict(attrs).get("src", "").startswith(THEME_STATIC)
        # Structured data (the theme's JSON-LD) is never run; what would follow it if a value
        # ended it early is looked at as any other tag.
        data = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if tag in DANGEROUS_TAGS and tag not in self.allowed_tags:
            self.found.append(f"<{tag}>")
        elif tag == "script" and not (theme_script or data):
            self.found.append("<script> not from the theme")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name == "style" and value and re.search(r"expression|url\s*\(", value, re.I):
                self.found.append(f"<{tag} style={value!r}>")
            if (
                name in URL_ATTRIBUTES
                and value
                and _scheme(value) in {"javascript", "vbscript", "data", "livescript"}
            ):
                self.found.append(f"<{tag} {name}={value!r}>")


def dangers(page: str, allowed_tags: set[str] = frozenset()) -> list[str]:
    """Everything in `page` that could run script (the theme's own tags may be allowed)."""
    finder = DangerFinder(set(allowed_tags))
    finder.feed(page)
    return finder.found


def running_scripts(page: str) -> int:
    """How many <script> elements of `page` run: all but the theme's structured data."""
    lowered = page.lower()
    return lowered.count("<script") - lowered.count('<script type="application/ld+json">')
