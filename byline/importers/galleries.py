"""WordPress `[gallery]` shortcodes as the HTML WordPress would show, from the imported images."""

import html
import re
from collections.abc import Callable, Sequence
from typing import Protocol

from byline.content.shortcodes import shortcode_attributes

GALLERY = re.compile(r"\[gallery((?:\s[^\]]*)?)\]", re.IGNORECASE)


class Image(Protocol):
    url: str
    alt: str
    caption: str
    width: int | None
    height: int | None


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip().isdigit()]


def _figure(image: Image, link: str) -> str:
    url = html.escape(image.url, quote=True)
    size = f' width="{image.width}" height="{image.height}"' if image.width else ""
    img = f'<img src="{url}" alt="{html.escape(image.alt, quote=True)}"{size} loading="lazy">'
    if link != "none":
        img = f'<a href="{url}">{img}</a>'
    caption = (
        f'<figcaption class="wp-caption-text gallery-caption">{html.escape(image.caption)}'
        "</figcaption>"
        if image.caption
        else ""
    )
    return f'<figure class="gallery-item">{img}{caption}</figure>'


def expand_galleries(
    text: str, children: Sequence[str], image: Callable[[str], Image | None]
) -> str:
    """`text` with each `[gallery]` as a grid of figures. `children` are the WordPress ids of
    the post's attached images (a gallery without `ids` shows them); `image` finds an imported
    image by WordPress id. A gallery with no image found stays visible as it was."""

    def replace(match: re.Match) -> str:
        attrs = shortcode_attributes(match.group(1) or "")
        ids = _ids(attrs.get("ids") or attrs.get("include") or "") or list(children)
        excluded = set(_ids(attrs.get("exclude", "")))
        images = [image(i) for i in ids if i not in excluded]
        found = [i for i in images if i is not None and i.url]
        if not found:
            return match.group(0)
        columns = attrs.get("columns", "3")
        columns = columns if columns.isdigit() else "3"
        link = attrs.get("link", "file")
        figures = "".join(_figure(i, link) for i in found)
        return f'<div class="gallery gallery-columns-{columns}">{figures}</div>'

    return GALLERY.sub(replace, text)
