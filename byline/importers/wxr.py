"""Stream a WordPress export (WXR 1.0, 1.1, 1.2) into plain records; refuse hostile or broken files.

Memory stays flat whatever the file's size: each channel child is turned into a record as soon as
it ends, then dropped from the tree. defusedxml (expat) expands no entity and fetches nothing; a
file that declares a DTD (how billion-laughs and external-entity payloads arrive) is refused.
"""

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import partial
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError

from byline.importers.records import Author, Channel, Comment, Item, Record, Term
from byline.importers.xml_input import encoding_problem, events

WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/excerpt/$")
NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
VERSION = re.compile(r"^\d+\.\d+$")
KNOWN_VERSIONS = ("1.0", "1.1", "1.2")


class WxrError(ValueError):
    """A file that cannot be imported; the message tells the person importing it why."""


def _split(tag) -> tuple[str, str]:
    """(family, local name) of an element: family is "wp", "excerpt", "content", "dc", "" (no
    namespace) or "other" (anything else, including a redefined `wp:` prefix)."""
    if not isinstance(tag, str):  # a comment or processing instruction
        return "other", ""
    if not tag.startswith("{"):
        return "", tag
    namespace, local = tag[1:].split("}", 1)
    if WP_NAMESPACE.match(namespace):
        return "wp", local
    if EXCERPT_NAMESPACE.match(namespace):
        return "excerpt", local
    return NAMESPACES.get(namespace, "other"), local


def _text(elem) -> str:
    return "".join(elem.itertext())


def _fields(elem) -> dict[str, str]:
    """`family:name` → text of each child; the first of a name wins, as in WordPress's parser."""
    fields: dict[str, str] = {}
    for child in elem:
        family, name = _split(child.tag)
        if family != "other":
            fields.setdefault(f"{family}:{name}", _text(child))
    return fields


def _login(value: str) -> str:
    """A user login as WordPress's importer cleans it (stray `<` and `>` are seen in real files)."""
    return re.sub(r"<[^>]*>|[<>]", "", value).strip()


def _slug(value: str) -> str:
    """A slug as WordPress stores it, percent-encoded when not Latin, decoded."""
    return unquote(value.strip())


def _wp_date(value: str, utc: bool = False) -> datetime | None:
    """`2014-01-31 18:30:00` as a datetime (aware when `utc`); None for `0000-00-00 …` or junk."""
    try:
        parsed = datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if utc else parsed


def _rss_date(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _int(value: str, default: int = 0) -> int:
    try:
        return int(value.strip())
    except ValueError:
        return default


def _meta(elem) -> tuple[str, str] | None:
    fields = _fields(elem)
    key = fields.get("wp:meta_key")
    return (key.strip(), fields.get("wp:meta_value", "")) if key is not None else None


def _comment(elem) -> Comment:
    f = _fields(elem)
    return Comment(
        id=f.get("wp:comment_id", "").strip(),
        author=f.get("wp:comment_author", "").strip(),
        author_email=f.get("wp:comment_author_email", "").strip(),
        author_url=f.get("wp:comment_author_url", "").strip(),
        author_ip=f.get("wp:comment_author_IP", "").strip(),
        date=_wp_date(f.get("wp:comment_date", "")),
        date_gmt=_wp_date(f.get("wp:comment_date_gmt", ""), utc=True),
        content=f.get("wp:comment_content", "").strip(),
        approved=f.get("wp:comment_approved", "1").strip(),
        type=f.get("wp:comment_type", "").strip(),
        parent=f.get("wp:comment_parent", "0").strip() or "0",
        user_id=f.get("wp:comment_user_id", "0").strip() or "0",
    )


def _item(elem) -> Item:
    fields: dict[str, str] = {}
    terms: list[tuple[str, str, str]] = []
    meta: dict[str, str] = {}
    comments: list[Comment] = []
    for child in elem:
        family, name = _split(child.tag)
        if (family, name) == ("", "category"):
            # Those without a domain or nicename are WXR 1.0's duplicates; WordPress skips them too.
            domain, nicename = (child.get("domain") or "").strip(), child.get("nicename")
            if domain and nicename:
                taxonomy = "post_tag" if domain == "tag" else domain
                term = (taxonomy, _slug(nicename), _text(child).strip())
                if term not in terms:
                    terms.append(term)
        elif (family, name) == ("wp", "postmeta"):
            pair = _meta(child)
            if pair is not None:
                meta.setdefault(*pair)
        elif (family, name) == ("wp", "comment"):
            comments.append(_comment(child))
        elif family != "other":
            fields.setdefault(f"{family}:{name}", _text(child))
    f = fields.get
    return Item(
        post_id=f("wp:post_id", "").strip(),
        post_type=f("wp:post_type", "").strip(),
        title=f(":title", "").strip(),
        link=f(":link", "").strip(),
        guid=f(":guid", "").strip(),
        creator=_login(f("dc:creator", "")),
        content=f("content:encoded", "").strip(),
        excerpt=f("excerpt:encoded", "").strip(),
        post_date=_wp_date(f("wp:post_date", "")),
        post_date_gmt=_wp_date(f("wp:post_date_gmt", ""), utc=True),
        pub_date=_rss_date(f(":pubDate", "")),
        comment_status=f("wp:comment_status", "open").strip(),
        ping_status=f("wp:ping_status", "open").strip(),
        post_name=_slug(f("wp:post_name", "")),
        status=f("wp:status", "").strip(),
        post_parent=f("wp:post_parent", "0").strip() or "0",
        menu_order=_int(f("wp:menu_order", "0")),
        password=f("wp:post_password", ""),
        is_sticky=f("wp:is_sticky", "0").strip() == "1",
        attachment_url=f("wp:attachment_url", "").strip(),
        terms=terms,
        meta=meta,
        comments=comments,
    )


def _author(elem) -> Author | None:
    f = _fields(elem)
    login = _login(f.get("wp:author_login", ""))
    if not login:
        return None
    return Author(
        login=login,
        id=f.get("wp:author_id", "").strip(),
        email=f.get("wp:author_email", "").strip(),
        display_name=f.get("wp:author_display_name", "").strip(),
        first_name=f.get("wp:author_first_name", "").strip(),
        last_name=f.get("wp:author_last_name", "").strip(),
    )


def _term(kind: str, elem) -> Term | None:
    f = _fields(elem)
    if kind == "category":
        taxonomy, prefix, name_key = "category", "wp:category_", "wp:cat_name"
        slug = f.get("wp:category_nicename", "")
    elif kind == "tag":
        taxonomy, prefix, name_key = "post_tag", "wp:tag_", "wp:tag_name"
        slug = f.get("wp:tag_slug", "")
    else:
        taxonomy, prefix, name_key = (
            f.get("wp:term_taxonomy", "").strip(),
            "wp:term_",
            "wp:term_name",
        )
        slug = f.get("wp:term_slug", "")
    name = f.get(name_key, "").strip()
    slug = _slug(slug)
    if not taxonomy or not (slug or name):
        return None
    return Term(
        taxonomy=taxonomy,
        slug=slug,
        name=name or slug,
        id=f.get("wp:term_id", "").strip(),
        parent=_slug(f.get(prefix + "parent", "")),
        description=f.get(prefix + "description", "").strip(),
    )


def _ends_at(path: Path | None, line: int) -> bool:
    """Whether `line` is the file's last: an error there means the file was cut short."""
    if path is None or not line:
        return False
    with open(path, "rb") as stream:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))
    return lines > 1 and line >= lines


def _syntax_error(exc: ParseError, path: Path | None) -> WxrError:
    line, column = getattr(exc, "position", (0, 0))
    message = str(exc)
    encoding = encoding_problem(partial(open, path, "rb")) if path is not None else None
    if encoding:
        return WxrError(
            f"The file cannot be read: {encoding}. Export it again from WordPress, "
            "or save it as UTF-8."
        )
    if message.startswith(("no element found", "unclosed")) or _ends_at(path, line):
        return WxrError(
            f"The file ends too early (line {line}): it looks truncated. Download the export again."
        )
    return WxrError(f"The file is not well-formed XML ({message}).")


class _Channel:
    """The channel's own fields, gathered until the first author, term or item needs them."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}
        self.emitted = False

    def record(self) -> Channel:
        version = self.fields.get("wp:wxr_version", "").strip()
        if not VERSION.match(version):
            raise WxrError(
                "This does not appear to be a WordPress export (WXR): it has no valid "
                "<wp:wxr_version>. Export it from WordPress with Tools → Export."
            )
        self.emitted = True
        f = self.fields.get
        return Channel(
            wxr_version=version,
            title=f(":title", "").strip(),
            link=f(":link", "").strip(),
            description=f(":description", "").strip(),
            language=f(":language", "").strip(),
            base_site_url=f("wp:base_site_url", "").strip(),
            base_blog_url=f("wp:base_blog_url", "").strip(),
        )


def _channel_child(elem, channel: _Channel, seen_terms: set[tuple[str, str]]) -> Record | None:
    """The record a child of `<channel>` makes, if any (the channel's own fields are kept)."""
    family, name = _split(elem.tag)
    if (family, name) == ("", "item"):
        return _item(elem)
    if family == "wp" and name == "author":
        return _author(elem)
    if family == "wp" and name in ("category", "tag", "term"):
        term = _term(name, elem)
        if term is None or (term.taxonomy, term.slug) in seen_terms:
            return None  # WXR 1.2 lists categories and tags twice: once as wp:term
        seen_terms.add((term.taxonomy, term.slug))
        return term
    if family in ("", "wp"):
        channel.fields.setdefault(f"{family}:{name}", _text(elem))
    return None


def parse_wxr(
    source: str | Path | BinaryIO, progress: Callable[[int], None] | None = None
) -> Iterator[Record]:
    """Records of the export at `source`: the Channel first, then authors, terms and items in
    file order. Raises WxrError (possibly after yielding some records) for a file that is not a
    well-formed, DTD-free WordPress export. `progress` hears how many bytes were read."""
    if isinstance(source, str | Path):
        with open(source, "rb") as stream:
            yield from _parse(stream, Path(source), progress)
    else:
        yield from _parse(source, None, progress)


def _parse(
    stream: BinaryIO, path: Path | None, progress: Callable[[int], None] | None
) -> Iterator[Record]:
    channel = _Channel()
    seen_terms: set[tuple[str, str]] = set()
    open_elements: list = []
    try:
        for event, elem in events(stream):
            if event == "start":
                if not open_elements and _split(elem.tag) != ("", "rss"):
                    raise WxrError(
                        f"This is not a WordPress export: its root element is "
                        f"<{_split(elem.tag)[1]}>, not <rss>."
                    )
                open_elements.append(elem)
                continue
            open_elements.pop()
            channel_ended = len(open_elements) == 1 and _split(elem.tag) == ("", "channel")
            if channel_ended and not channel.emitted:
                yield channel.record()
            if len(open_elements) != 2:
                continue
            record = _channel_child(elem, channel, seen_terms)
            if record is not None:
                if not channel.emitted:
                    yield channel.record()
                yield record
                if progress is not None:
                    progress(stream.tell())
            open_elements[-1].remove(elem)  # keeps memory flat: the tree never grows
    except DefusedXmlException as exc:
        raise WxrError(
            "The file declares a DTD or entities (<!DOCTYPE …>). WordPress exports never do; "
            "that is how entity-expansion and external-entity attacks arrive, so the file is "
            f"refused ({type(exc).__name__})."
        ) from None
    except ParseError as exc:
        raise _syntax_error(exc, path) from None
    if not channel.emitted:
        if not channel.fields:
            raise WxrError("This is not a WordPress export: it has no <channel>.")
        yield channel.record()
