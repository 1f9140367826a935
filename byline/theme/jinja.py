"""The Jinja2 environment of the public theme; renders inside or outside a request."""

from datetime import datetime
from functools import cache
from pathlib import Path

from django.utils import timezone
from django.utils.dateformat import DateFormat
from jinja2 import Environment, FileSystemLoader, select_autoescape

THEME_DIR = Path(__file__).resolve().parent
STATIC_PREFIX = "/static/byline/"


class WordPressDateFormat(DateFormat):
    """PHP date format as WordPress prints it: `a` is "am"/"pm", not Django's "a.m."."""

    def a(self) -> str:
        return "pm" if self.data.hour >= 12 else "am"

    def A(self) -> str:
        return "PM" if self.data.hour >= 12 else "AM"


def format_date(value: datetime, fmt: str, tz) -> str:
    """`value` in the site's time zone, formatted with a WordPress (PHP) format string."""
    return WordPressDateFormat(timezone.localtime(value, tz)).format(fmt)


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
