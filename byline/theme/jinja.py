"""The Jinja2 environment of the public theme; renders inside or outside a request."""

import hashlib
import re
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from functools import cache, lru_cache
from pathlib import Path

import jinja2
from django.utils import timezone
from django.utils.dateformat import DateFormat
from django.utils.translation import get_language
from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    pass_context,
    select_autoescape,
)
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import Markup

from byline.theme import THEME_DIR

STATIC_PREFIX = "/static/byline/"


class WordPressDateFormat(DateFormat):
    """PHP date format as WordPress prints it: `a` is "am"/"pm", not Django's "a.m."; month
    names in `language` (default: the active one)."""

    def __init__(self, obj: datetime, language: str | None = "") -> None:
        super().__init__(obj)
        self.language = get_language() if language == "" else language

    def a(self) -> str:
        return "pm" if self.data.hour >= 12 else "am"

    def A(self) -> str:
        return "PM" if self.data.hour >= 12 else "AM"

    def F(self) -> str:
        # A month's name is a lazy translation: looked up once per language, not per date.
        return _month_name(self.language, self.data.month)


@lru_cache(maxsize=256)
def _month_name(language: str | None, month: int) -> str:
    return str(DateFormat(datetime(2000, month, 1)).F())


# A format letter, unless escaped with a backslash (PHP's and Django's rule).
_LETTER = re.compile(r"(?<!\\)([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])")


# The letters most formats use, worked out from the date's own fields as Django's formatter
# works them out: building that formatter for each date took a fifth of the render of a post
# with two hundred responses (each shows its date and time).
_DIRECT: dict[str, Callable[[datetime, str | None], str]] = {
    "d": lambda d, language: f"{d.day:02d}",
    "j": lambda d, language: str(d.day),
    "m": lambda d, language: f"{d.month:02d}",
    "n": lambda d, language: str(d.month),
    "F": lambda d, language: _month_name(language, d.month),
    "y": lambda d, language: f"{d.year % 100:02d}",
    "Y": lambda d, language: f"{d.year:04d}",
    "G": lambda d, language: str(d.hour),
    "H": lambda d, language: f"{d.hour:02d}",
    "g": lambda d, language: str(d.hour % 12 or 12),
    "h": lambda d, language: f"{d.hour % 12 or 12:02d}",
    "i": lambda d, language: f"{d.minute:02d}",
    "s": lambda d, language: f"{d.second:02d}",
    "a": lambda d, language: "pm" if d.hour >= 12 else "am",
    "A": lambda d, language: "PM" if d.hour >= 12 else "AM",
}


@lru_cache(maxsize=64)
def _pieces(fmt: str) -> tuple[tuple[tuple[bool, str], ...], bool]:
    """`fmt` split once into format letters (True) and literal text (False), and whether
    every letter is one of the direct ones."""
    pieces = []
    for index, part in enumerate(_LETTER.split(fmt)):
        if index % 2:
            pieces.append((True, part))
        elif part:
            pieces.append((False, re.sub(r"\\(.)", r"\1", part)))
    return tuple(pieces), all(part in _DIRECT for letter, part in pieces if letter)


def format_date(value: datetime, fmt: str, tz, language: str | None = "") -> str:
    """`value` in the site's time zone, formatted with a WordPress (PHP) format string, in
    `language` (default: the active one; a page with many dates asks for it once: asking
    took half as long as the formatting)."""
    local = timezone.localtime(value, tz)
    language = get_language() if language == "" else language
    pieces, direct = _pieces(fmt)
    if direct:
        return "".join(_DIRECT[p](local, language) if letter else p for letter, p in pieces)
    formatter = WordPressDateFormat(local, language)
    return "".join(str(getattr(formatter, p)()) if letter else p for letter, p in pieces)


@cache
def _static_versions() -> dict[str, str]:
    static = THEME_DIR / "static" / "byline"
    return {p.name: str(int(p.stat().st_mtime)) for p in static.iterdir() if p.is_file()}


def static(name: str) -> str:
    """URL of a theme file, with a version so browsers refetch it after an upgrade."""
    version = _static_versions().get(name, "0")
    return f"{STATIC_PREFIX}{name}?v={version}"


class CompiledTemplates(FileSystemBytecodeCache):
    """The theme's templates as compiled code, kept between runs in Jinja's folder for this
    user (in the temporary folder, private to the user): compiling them all took each new
    process 0.2 s (`byline publish --all`, each web worker, each command). Jinja checks each
    against its template's text and its format's and Python's versions; the names carry
    Jinja's version and this module's text, which sets the options they were compiled with.
    A cache that cannot be read or written only means compiling again."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file (Jinja lets a cut-off pickle through): compile
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


def compiled_templates() -> CompiledTemplates | None:
    """The cache of compiled templates, or None when no safe folder for it can be had."""
    made_by = Path(__file__).read_bytes() + jinja2.__version__.encode()
    pattern = f"byline-{hashlib.sha256(made_by).hexdigest()[:16]}-%s.cache"
    try:
        return CompiledTemplates(pattern=pattern)
    except (OSError, RuntimeError):  # Jinja refuses a folder another user could write to
        return None


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(THEME_DIR / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=compiled_templates(),
    )
    env.globals["static"] = static
    env.globals["part"] = part
    return env


@pass_context
def part(context: Context, template: str) -> Markup:
    """`template` (a part of every page: its header, its sidebar) with the page's values;
    through the page's `kept_part` when it has one, which renders it once for many pages."""
    values = context.get_all()
    keep = values.get("kept_part")
    return keep(template, values) if keep else Markup(render(template, values))


def render(template: str, context: dict) -> str:
    """The HTML of `template` with `context`."""
    return environment().get_template(template).render(context)
