"""A WXR file as WordPress's exporter writes it: CDATA sections, dates, slugs, elements, and
the file itself, which appears only when complete.

No Django here: what makes a value safe in XML and readable by all three of the WordPress
importer's parsers (SimpleXML, the XML extension, and the line-based regex fallback).
"""

import os
import re
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from email.utils import format_datetime
from pathlib import Path
from typing import TextIO, TypeVar
from urllib.parse import quote

WXR_VERSION = "1.2"
NAMESPACES = (
    ("excerpt", f"http://wordpress.org/export/{WXR_VERSION}/excerpt/"),
    ("content", "http://purl.org/rss/1.0/modules/content/"),
    ("wfw", "http://wellformedweb.org/CommentAPI/"),
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("wp", f"http://wordpress.org/export/{WXR_VERSION}/"),
)
T = TypeVar("T")
NO_DATE = "0000-00-00 00:00:00"  # what WordPress stores for "no date yet" (a draft's GMT date)

# XML 1.0 cannot carry these even escaped; WordPress writes them and makes files no parser reads.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def xml_chars(value: str) -> str:
    """`value` without the characters XML cannot hold."""
    return _NOT_XML.sub("", value)


def cdata(value: str) -> str:
    """`value` as a CDATA section; a `]]>` inside is split across two sections, as WordPress's
    `wxr_cdata` does, so every parser (the regex one included) joins it back."""
    text = xml_chars(value).replace("]]>", "]]]]><![CDATA[>")
    return f"<![CDATA[{text}]]>"


def escape(value: str) -> str:
    """`value` as XML character data or a double-quoted attribute value."""
    return re.sub(r'[&<>"]', lambda m: _ESCAPES[m.group(0)], xml_chars(value))


def element(name: str, value: str | int, raw: bool = False) -> str:
    """`<name>value</name>`: text in CDATA, numbers (or `raw` ASCII) as they are."""
    if isinstance(value, int) or raw:
        return f"<{name}>{escape(str(value))}</{name}>"
    return f"<{name}>{cdata(value)}</{name}>"


def wp_slug(slug: str) -> str:
    """A slug as WordPress stores it: non-ASCII percent-encoded with lowercase hex."""
    encoded = quote(slug, safe="-_.~")
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), encoded)


def wp_date(moment: datetime | None, zone: tzinfo = UTC) -> str:
    """`2014-01-31 18:30:00` in `zone` (WordPress keeps whole seconds), or the zero date."""
    if moment is None:
        return NO_DATE
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def rss_date(moment: datetime) -> str:
    """An RSS `<pubDate>`: `Fri, 31 Jan 2014 13:30:00 +0000`."""
    return format_datetime(moment.astimezone(UTC).replace(microsecond=0))


def opening(generator: str, created: datetime) -> str:
    """Everything before the first author: XML declaration, `<rss>` with WordPress's five
    namespaces, and the comment WordPress puts there for whoever opens the file."""
    declarations = "\n".join(f'\txmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES)
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        "<!-- This is a WordPress eXtended RSS (WXR) file: an export of a Byline site. -->\n"
        "<!-- To import it into WordPress: Tools > Import > WordPress, then upload this file. -->\n"
        "<!-- To import it into Byline: byline import wordpress FILE -->\n"
        f'<!-- generator="{escape(generator)}" created="{wp_date(created)}" -->\n'
        f'<rss version="2.0"\n{declarations}\n>\n\n<channel>\n'
    )


def channel(title: str, link: str, description: str, language: str, now: datetime) -> str:
    """The channel's own elements: the site, and the WXR version every importer checks."""
    lines = [
        f"\t<title>{escape(title)}</title>",
        f"\t<link>{escape(link)}</link>",
        f"\t<description>{escape(description)}</description>",
        f"\t<pubDate>{rss_date(now)}</pubDate>",
        f"\t<language>{escape(language)}</language>",
        f"\t{element('wp:wxr_version', WXR_VERSION, raw=True)}",
        f"\t{element('wp:base_site_url', link, raw=True)}",
        f"\t{element('wp:base_blog_url', link, raw=True)}",
    ]
    return "\n".join(lines) + "\n\n"


def postmeta(key: str, value: str) -> str:
    return (
        "\t\t<wp:postmeta>"
        + element("wp:meta_key", key)
        + element("wp:meta_value", value)
        + "</wp:postmeta>\n"
    )


def comment(fields: list[str]) -> str:
    """A `<wp:comment>` of ready-made elements."""
    return "\t\t<wp:comment>\n" + "".join(f"\t\t\t{f}\n" for f in fields) + "\t\t</wp:comment>\n"


def item(fields: list[tuple[str, str | int]], extra: list[str]) -> str:
    """An `<item>` of (name, value) fields, then `extra` (terms, postmeta, comments), its
    opening and closing tags alone on their lines (the regex parser finds items by line)."""
    lines = ["\t<item>\n"]
    for name, value in fields:
        if name in ("link", "pubDate"):
            lines.append(f"\t\t<{name}>{escape(str(value))}</{name}>\n")
        elif name == "guid":
            lines.append(f'\t\t<guid isPermaLink="false">{escape(str(value))}</guid>\n')
        elif name == "description":
            lines.append("\t\t<description></description>\n")
        else:
            lines.append(f"\t\t{element(name, value)}\n")
    lines += extra
    lines.append("\t</item>\n")
    return "".join(lines)


CLOSING = "</channel>\n</rss>\n"


class ExportError(Exception):
    """The export could not be written; the message says why. No file was left behind."""


def write_file(path: Path, write: Callable[[TextIO], T]) -> T:
    """Run `write` on a new UTF-8 file that becomes `path` only once it is whole: a failure
    leaves no half-written export and an older file at `path` untouched."""
    folder = path.parent
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give the name of the file to write.")
    if not folder.is_dir():
        raise ExportError(f"The folder {folder} does not exist.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"Cannot write in {folder}: {exc.strerror or exc}.") from None
    try:
        with open(handle, "w", encoding="utf-8", newline="\n") as out:
            result = write(out)
            out.flush()
            os.fsync(out.fileno())
        # Owner-only, as mkstemp made it: the file holds readers' emails and IP addresses.
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise ExportError(f"Cannot write {path}: {exc.strerror or exc}.") from None
        raise
    return result
