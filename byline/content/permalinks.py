"""WordPress-style permalink patterns: build a post's path, and find the post a path names.

Tags: %year% %monthnum% %day% %hour% %minute% %second% %postname% %post_id% %category%
%author%. `/?p=%post_id%` (WordPress's "plain") addresses posts by id in the query string.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ValidationError

TAG_PATTERNS = {
    "year": r"(?P<year>\d{4})",
    "monthnum": r"(?P<monthnum>\d{2})",
    "day": r"(?P<day>\d{2})",
    "hour": r"(?P<hour>\d{2})",
    "minute": r"(?P<minute>\d{2})",
    "second": r"(?P<second>\d{2})",
    "postname": r"(?P<postname>[^/]+)",
    "post_id": r"(?P<post_id>\d+)",
    "category": r"(?P<category>.+?)",
    "author": r"(?P<author>[^/]+)",
}
# How each tag's value is written into a path (Permalink.build).
_FIELDS = {
    "year": "{d.year:04d}",
    "monthnum": "{d.month:02d}",
    "day": "{d.day:02d}",
    "hour": "{d.hour:02d}",
    "minute": "{d.minute:02d}",
    "second": "{d.second:02d}",
    "postname": "{p.slug}",
    "post_id": "{p.pk}",
    "category": "{c}",
    "author": "{a}",
}
PLAIN = "/?p=%post_id%"
_TAG = re.compile(r"%([a-z_]+)%")


@lru_cache(maxsize=8)
def _template(pattern: str) -> str:
    """`pattern` as a `str.format` template of the post (p), its local date (d), its
    category's path (c) and its author's slug (a): one call builds a path (a dict of every
    tag's value and a regex substitution took three times as long, several times a page)."""
    escaped = pattern.replace("{", "{{").replace("}", "}}")
    return _TAG.sub(lambda found: _FIELDS[found[1]], escaped)


def validate_pattern(pattern: str) -> None:
    """Reject a pattern that could not address every post uniquely."""
    if pattern == PLAIN:
        return
    unknown = [t for t in _TAG.findall(pattern) if t not in TAG_PATTERNS]
    if unknown:
        raise ValidationError(f"Unknown tag %{unknown[0]}% in the permalink pattern.")
    if not pattern.startswith("/") or "?" in pattern or "#" in pattern:
        raise ValidationError("A permalink pattern is a path starting with /, e.g. /%postname%/.")
    if "%postname%" not in pattern and "%post_id%" not in pattern:
        raise ValidationError("A permalink pattern needs %postname% or %post_id%.")


@dataclass(frozen=True)
class Permalink:
    """A compiled permalink pattern."""

    pattern: str

    @property
    def is_plain(self) -> bool:
        return self.pattern == PLAIN

    def regex(self) -> re.Pattern:
        parts = _TAG.split(self.pattern)
        source = "".join(TAG_PATTERNS[p] if i % 2 else re.escape(p) for i, p in enumerate(parts))
        return re.compile("^" + source.rstrip("/") + "/?$")

    def build(self, post, local_date, category_path: str, author_slug: str) -> str:
        """The path of `post`; `local_date` is its publish date in the site's time zone."""
        category = category_path or "uncategorized"
        return _template(self.pattern).format(p=post, d=local_date, c=category, a=author_slug)

    def match(self, path: str) -> dict[str, str] | None:
        """The tag values in `path`, or None when it is not a post path."""
        if self.is_plain:
            return None
        found = self.regex().match(path)
        return found.groupdict() if found else None
