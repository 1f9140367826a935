"""Words as the search sees them, the same for both databases: runs of letters, digits and
combining marks, folded so that the ways a word is commonly typed find each other.

Folding (for documents and readers' terms alike):
- compatibility forms (Arabic presentation forms, ligatures, full-width letters) become plain
  letters, capitals small, `ß` "ss";
- accents and the optional marks of Arabic script (short vowels, hamza, madda) are dropped, as
  a WordPress database's collation ignores accents: `cafe` finds "café", `اجلاس` "اَجلاس";
- Arabic-keyboard letters become Urdu's (`ي ى` ی, `ك` ک, `ه ە` ہ), and digits of any script
  ASCII digits (`۲۰۲۴` is `2024`).
The marks of other scripts (Devanagari's vowel signs) are part of their letters and stay.

Both sides are cut into words here and handed to the database as words separated by spaces:
SQLite's and PostgreSQL's tokenizers then agree (PostgreSQL's would read tags, addresses and
hosts in its own way).
"""

import re
import unicodedata
from functools import cache

from byline import arabic

# Dropped after decomposition: Latin's combining accents; Arabic script's marks (the optional
# ones, honorific signs, and the tatweel, a stretch of the line).
DROPPED = [(0x0300, 0x036F), (0x0610, 0x061A), (0x0640, 0x0640), *arabic.OPTIONAL_MARKS]


@cache
def _tables() -> tuple[dict[int, str | None], re.Pattern]:
    """The folding table and the pattern of a word, read once from the Unicode database (the
    Basic Multilingual Plane, where every script Byline's readers write lives)."""
    table: dict[int, str | None] = {ord(a): b for a, b in arabic.LETTERS.items()}
    marks: list[str] = []
    start = None
    for point in range(0x10001):
        category = unicodedata.category(chr(point)) if point < 0x10000 else ""
        if category == "Nd":
            table[point] = str(unicodedata.decimal(chr(point)))
        if category.startswith("M") and start is None:
            start = point
        elif not category.startswith("M") and start is not None:
            marks.append(f"\\u{start:04x}-\\u{point - 1:04x}")
            start = None
    for first, last in DROPPED:
        table.update(dict.fromkeys(range(first, last + 1)))
    # Python's \w has letters and digits but not the marks, nor the underscore's opposite.
    # Possessive (++): with a backtracking point kept at each letter, one 40 MB "word" (a
    # hostile import's) took 5 GB to match.
    return table, re.compile(f"(?:[^\\W_]|[{''.join(marks)}])++")


def fold(text: str) -> str:
    """`text` folded as the search compares words."""
    table, _word = _tables()
    decomposed = unicodedata.normalize("NFKD", text).translate(table)
    return unicodedata.normalize("NFC", decomposed).casefold()


def words(text: str) -> list[str]:
    """The words of `text`, folded."""
    return _tables()[1].findall(fold(text))


def normalized(text: str) -> str:
    """`text` as the index keeps it: its words, one space between."""
    return " ".join(words(text))
