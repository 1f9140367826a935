"""Arabic-script text as Urdu and Persian writers type it, folded so that one word compares
equal however it was typed: the letters an Arabic keyboard gives in place of Urdu's, and the
optional marks (short vowels, tanween, superscript alef, Quranic signs) most text leaves out.
Used by the spam classifier's features and by readers' search."""

# An Arabic keyboard's letter → the one Urdu writers use.
LETTERS = {
    "\u064a": "\u06cc",  # Arabic yeh → Farsi yeh (choti ye)
    "\u0649": "\u06cc",  # alef maksura → choti ye
    "\u0643": "\u06a9",  # Arabic kaf → keheh
    "\u0647": "\u06c1",  # Arabic heh → heh goal
    "\u06d5": "\u06c1",  # ae → heh goal
    "\u0629": "\u06c3",  # teh marbuta → teh marbuta goal
}
# Code point ranges (first, last) of the optional marks.
OPTIONAL_MARKS = [(0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED)]


def marks_class() -> str:
    """The optional marks as a regular expression's character class."""
    return "[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in OPTIONAL_MARKS) + "]"
