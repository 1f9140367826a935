"""Words as the search sees them, the same for both databases: runs of letters, digits and
combining marks (so Urdu's vowel marks stay inside their word), in lower case.

Both the documents and the readers' terms are cut into words here, and handed to the database
as words separated by spaces: SQLite's and PostgreSQL's own tokenizers then agree (PostgreSQL's
would otherwise read tags, addresses and hosts in its own way).
"""

import re
import unicodedata
from functools import cache


@cache
def _word() -> re.Pattern:
    # Python's \w has letters and digits but not the marks: their ranges, read once (the Basic
    # Multilingual Plane, where every script Byline's readers write lives).
    ranges: list[str] = []
    start = None
    for point in range(0x10000):
        mark = unicodedata.category(chr(point)).startswith("M")
        if mark and start is None:
            start = point
        elif not mark and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{point - 1:04x}")
            start = None
    return re.compile(f"(?:[^\\W_]|[{''.join(ranges)}])+")


def words(text: str) -> list[str]:
    """The words of `text`, in lower case."""
    return _word().findall(text.lower())


def normalized(text: str) -> str:
    """`text` as the index keeps it: its words, one space between."""
    return " ".join(words(text))
