"""What both importers (WordPress and Disqus) read an XML export with: a streamed, defused parse
(no DTD, no entities, nothing fetched) and the explanation of a file that is not valid text."""

import codecs
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

from defusedxml.ElementTree import iterparse


def events(stream: BinaryIO) -> Iterator:
    """("start" | "end", element) pairs as the file is read. An encoding the file declares and
    expat does not know is a ParseError, as other unreadable bytes are (expat raises
    LookupError)."""
    parsed = iterparse(
        stream,
        events=("start", "end"),
        forbid_dtd=True,
        forbid_entities=True,
        forbid_external=True,
    )
    try:
        yield from parsed
    except LookupError as exc:
        raise ParseError(str(exc)) from None


def encoding_problem(reopen: Callable[[], AbstractContextManager[BinaryIO]]) -> str | None:
    """Why the bytes are not text in their declared encoding, or None when they are."""
    with reopen() as stream:
        head = stream.read(200).lstrip(b"\xef\xbb\xbf")
        found = re.match(rb"""<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""", head)
        encoding = found.group(1).decode("ascii") if found else "utf-8"
        try:
            decoder = codecs.getincrementaldecoder(encoding)()
        except LookupError:
            return f"it declares an encoding Python does not know ({encoding})"
    with reopen() as stream:
        try:
            while chunk := stream.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            return f"its bytes are not valid {encoding} ({exc.reason})"
    return None
