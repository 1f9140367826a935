"""WordPress-style permalink patterns: build a post's path, and find the post a path names.

Tags: %year% %monthnum% %day% %hour% %minute% %second% %postname% %post_id% %category%
%author%. `/?p=%post_id%` (WordPress's "plain") addresses posts by id in the query string.
"""

import re
from dataclasses import dataclass

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
PLAIN = "/?p=%post_id%"
_TAG = re.compile(r"%([a-z_]+)%")


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
        values = {
            "year": f"{local_date.year:04d}",
            "monthnum": f"{local_date.month:02d}",
            "day": f"{local_date.day:02d}",
            "hour": f"{local_date.hour:02d}",
            "minute": f"{local_date.minute:02d}",
            "second": f"{local_date.second:02d}",
            "postname": post.slug,
            "post_id": str(post.pk),
            "category": category_path or "uncategorized",
            "author": author_slug,
        }
        return _TAG.sub(lambda m: values[m.group(1)], self.pattern)

    def match(self, path: str) -> dict[str, str] | None:
        """The tag values in `path`, or None when it is not a post path."""
        if self.is_plain:
            return None
        found = self.regex().match(path)
        return found.groupdict() if found else None
