"""The Jinja2 environment of the public theme; renders inside or outside a request."""

import re
from datetime import datetime
from functools import cache, lru_cache

from django.utils import timezone
from django.utils.dateformat import DateFormat
from django.utils.translation import get_language
from jinja2 import Environment, FileSystemLoader, select_autoescape

from byline.theme import THEME_DIR

STATIC_PREFIX = "/static/byline/"


class WordPressDateFormat(DateFormat):
    """PHP date format as WordPress prints it: `a` is "am"/"pm", not Django's "a.m."."""

    def a(self) -> str:
        return "pm" if self.data.hour >= 12 else "am"

    def A(self) -> str:
        return "PM" if self.data.hour >= 12 else "AM"

    def F(self) -> str:
        # A month's name is a lazy translation: looked up once per language, not per date.
        return _month_name(get_language(), self.data.month)


@lru_cache(maxsize=256)
def _month_name(language: str | None, month: int) -> str:
    return str(DateFormat(datetime(2000, month, 1)).F())


# A format letter, unless escaped with a backslash (PHP's and Django's rule).
_LETTER = re.compile(r"(?<!\\)([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])")


@lru_cache(maxsize=64)
def _pieces(fmt: str) -> tuple[tuple[bool, str], ...]:
    """`fmt` split once into format letters (True) and literal text (False)."""
    pieces = []
    for index, part in enumerate(_LETTER.split(fmt)):
        if index % 2:
            pieces.append((True, part))
        elif part:
            pieces.append((False, re.sub(r"\\(.)", r"\1", part)))
    return tuple(pieces)


def format_date(value: datetime, fmt: str, tz) -> str:
    """`value` in the site's time zone, formatted with a WordPress (PHP) format string."""
    formatter = WordPressDateFormat(timezone.localtime(value, tz))
    return "".join(str(getattr(formatter, p)()) if letter else p for letter, p in _pieces(fmt))


@cache
def _static_versions() -> dict[str, str]:
    static = THEME_DIR / "static" / "byline"
    return {p.name: str(int(p.stat().st_mtime)) for p in static.iterdir() if p.is_file()}


def static(name: str) -> str:
    """URL of a theme file, with a version so browsers refetch it after an upgrade."""
    version = _static_versions().get(name, "0")
    return f"{STATIC_PREFIX}{name}?v={version}"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(THEME_DIR / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals["static"] = static
    return env


def render(template: str, context: dict) -> str:
    """The HTML of `template` with `context`."""
    return environment().get_template(template).render(context)
