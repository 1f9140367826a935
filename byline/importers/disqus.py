"""Stream a Disqus export (`<disqus>` XML, plain or gzipped) into plain records; refuse hostile or
broken files. Memory stays flat: each thread or post is made a record as it ends, then dropped.
"""

import gzip
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError

from byline.importers.xml_input import encoding_problem, events

DISQUS_NAMESPACE = "http://disqus.com"
DSQ_ID = "{http://disqus.com/disqus-internals}id"
GZIP_MAGIC = b"\x1f\x8b"


class DisqusError(ValueError):
    """A file that cannot be imported; the message tells the person importing it why."""


@dataclass
class Thread:
    """A Disqus thread: one page of the old site that had comments."""

    dsq_id: str
    identifier: str = ""  # `<id>`: what the embedding page called itself, e.g. "12 http://…/?p=12"
    link: str = ""
    title: str = ""
    forum: str = ""
    created_at: datetime | None = None  # aware, UTC


@dataclass
class DisqusPost:
    """A Disqus post: one comment, in a thread, perhaps replying to another."""

    dsq_id: str
    thread: str = ""  # the thread's dsq:id
    parent: str = ""  # the dsq:id of the post it replies to, or ""
    message: str = ""  # HTML
    created_at: datetime | None = None  # aware, UTC
    is_deleted: bool = False
    is_spam: bool = False
    author_name: str = ""
    author_email: str = ""
    author_username: str = ""
    ip_address: str = ""


DisqusRecord = Thread | DisqusPost


def _local(tag) -> str | None:
    """The local name of an element in Disqus's namespace (or none); None for anything else."""
    if not isinstance(tag, str):  # a comment or processing instruction
        return None
    if not tag.startswith("{"):
        return tag
    namespace, local = tag[1:].split("}", 1)
    return local if namespace == DISQUS_NAMESPACE else None


def _children(elem) -> dict[str, object]:
    """Local name → the first child element of that name."""
    found: dict[str, object] = {}
    for child in elem:
        name = _local(child.tag)
        if name is not None:
            found.setdefault(name, child)
    return found


def _text(elem) -> str:
    return "".join(elem.itertext()).strip() if elem is not None else ""


def _flag(elem) -> bool:
    return _text(elem).lower() in ("true", "1")


def _date(value: str) -> datetime | None:
    """`2013-10-10T19:20:29Z` as an aware UTC datetime; None for junk."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _ref(elem) -> str:
    """The dsq:id an element such as `<thread dsq:id="2"/>` points at."""
    return (elem.get(DSQ_ID) or "").strip() if elem is not None else ""


def _thread(elem) -> Thread:
    f = _children(elem)
    return Thread(
        dsq_id=_ref(elem),
        identifier=_text(f.get("id")),
        link=_text(f.get("link")),
        title=_text(f.get("title")),
        forum=_text(f.get("forum")),
        created_at=_date(_text(f.get("createdAt"))),
    )


def _post(elem) -> DisqusPost:
    f = _children(elem)
    author = _children(f["author"]) if "author" in f else {}
    message = f.get("message")
    return DisqusPost(
        dsq_id=_ref(elem),
        thread=_ref(f.get("thread")),
        parent=_ref(f.get("parent")),
        message="".join(message.itertext()).strip() if message is not None else "",
        created_at=_date(_text(f.get("createdAt"))),
        is_deleted=_flag(f.get("isDeleted")),
        is_spam=_flag(f.get("isSpam")),
        author_name=_text(author.get("name")),
        author_email=_text(author.get("email")),
        author_username=_text(author.get("username")),
        ip_address=_text(f.get("ipAddress")),
    )


@contextmanager
def _open_xml(path: Path) -> Iterator[tuple[BinaryIO, BinaryIO]]:
    """The export's XML bytes, and the file under them (for progress): Disqus mails the export
    gzipped, and people often unpack it first; both are read."""
    with open(path, "rb") as raw:
        packed = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
        if not packed:
            yield raw, raw
            return
        with gzip.GzipFile(fileobj=raw, mode="rb") as xml:
            yield xml, raw


def _reopener(path: Path) -> Callable[[], AbstractContextManager[BinaryIO]]:
    @contextmanager
    def reopen() -> Iterator[BinaryIO]:
        with _open_xml(path) as (xml, _raw):
            yield xml

    return reopen


def _syntax_error(
    exc: ParseError, reopen: Callable[[], AbstractContextManager[BinaryIO]]
) -> DisqusError:
    message = str(exc)
    encoding = encoding_problem(reopen)
    if encoding:
        return DisqusError(f"The file cannot be read: {encoding}. Export it again from Disqus.")
    if message.startswith("no element found") and getattr(exc, "position", None) == (1, 0):
        return DisqusError("The file is empty: it holds no XML.")
    # What expat says when the bytes stop inside an element, a tag or a CDATA section.
    if message.startswith(("no element found", "unclosed")):
        line = getattr(exc, "position", (0, 0))[0]
        return DisqusError(
            f"The file ends too early (line {line}): it looks truncated. Download the export again."
        )
    return DisqusError(f"The file is not well-formed XML ({message}).")


def parse_disqus(
    path: str | Path, progress: Callable[[int], None] | None = None
) -> Iterator[DisqusRecord]:
    """Threads and posts of the Disqus export at `path`, in file order. Raises DisqusError
    (possibly after yielding some records) for a file that is not a well-formed, DTD-free
    Disqus export. `progress` hears how many bytes of the file were read."""
    reopen = _reopener(Path(path))
    try:
        with _open_xml(Path(path)) as (stream, raw):
            yield from _parse(stream, lambda: raw.tell(), progress)
    except (EOFError, gzip.BadGzipFile, zlib.error):
        raise DisqusError(
            "The file is gzipped but cut short or damaged: it looks truncated. "
            "Download the export again."
        ) from None
    except ParseError as exc:
        raise _syntax_error(exc, reopen) from None


def _parse(
    stream: BinaryIO, position: Callable[[], int], progress: Callable[[int], None] | None
) -> Iterator[DisqusRecord]:
    root = None
    depth = 0
    try:
        for event, elem in events(stream):
            if event == "start":
                if root is None:
                    root = elem
                    if _local(elem.tag) != "disqus" or not elem.tag.startswith("{"):
                        name = str(elem.tag).rpartition("}")[2]
                        raise DisqusError(
                            f"This is not a Disqus export: its root element is <{name}>, not "
                            f'<disqus xmlns="{DISQUS_NAMESPACE}">. Export the comments from '
                            "Disqus (Admin → Tools → Import/Export → Export) and import that file."
                        )
                depth += 1
                continue
            depth -= 1
            if depth != 1:
                continue
            name = _local(elem.tag)
            if name == "thread":
                yield _thread(elem)
            elif name == "post":
                yield _post(elem)
            if progress is not None and name in ("thread", "post"):
                progress(position())
            root.remove(elem)  # keeps memory flat: the tree never grows
    except DefusedXmlException as exc:
        raise DisqusError(
            "The file declares a DTD or entities (<!DOCTYPE …>). Disqus exports never do; "
            "that is how entity-expansion and external-entity attacks arrive, so the file is "
            f"refused ({type(exc).__name__})."
        ) from None
    if root is None:
        raise DisqusError("The file is empty: it holds no XML.")
