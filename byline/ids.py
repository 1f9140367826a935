"""Row ids read from what a reader or an imported file sends (`?p=12`, a form's post, a
permalink's number): only what can name a row is taken."""

LARGEST = 2**63 - 1  # a bigint's largest, on SQLite and PostgreSQL


def row_id(text: str) -> int | None:
    """`text` as a row id, or None: ASCII digits only (`str.isdigit` takes "²", which int()
    refuses) and a number a database can hold (int() refuses 4,300 digits and more, the
    database anything past a bigint)."""
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    value = int(text)
    return value if 0 < value <= LARGEST else None
