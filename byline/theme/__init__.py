"""The default public theme: Jinja2 templates, static files, and the helpers they use."""

from pathlib import Path

THEME_DIR = Path(__file__).resolve().parent
