"""Post bodies and bios to safe HTML: Markdown (markdown-it-py) or HTML, then an nh3 allowlist.

Every fragment goes through `clean_html`, so nothing an author writes can run script in a
reader's browser. WordPress `[caption]` shortcodes become `<figure>`/`<figcaption>`; HTML bodies
get WordPress's paragraphs (autop.py), shortcodes (shortcodes.py) and block-editor markup.
"""

import html
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import nh3
from django.utils.text import Truncator

from byline.content.autop import wpautop
from byline.content.embeds import embed_videos
from byline.content.shortcodes import expand_shortcodes

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "section", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Post bodies may also play audio and video (WordPress's [audio], [video] and media blocks).
MEDIA_TAGS = {"audio", "video", "source"}
MEDIA_ATTRIBUTES = {
    "audio": {"src", "controls", "preload"},
    "video": {"src", "controls", "preload", "width", "height"},
    "source": {"src", "type"},
}


@cache
def _markdown() -> "MarkdownIt":
    """The Markdown parser, made when first needed: importing it took 30 ms of every command's
    start, and most commands never use it (bodies and teasers are kept as HTML)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return (
        MarkdownIt("commonmark", {"html": True, "linkify": False})
        .enable("table")
        .use(footnote_plugin)
    )


_CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.DOTALL | re.IGNORECASE)
_CAPTION_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_LEADING_MEDIA = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.DOTALL)


def clean_html(fragment: str, media: bool = False) -> str:
    """`fragment` with everything outside the allowlist removed (`media`: audio and video kept)."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS | MEDIA_TAGS if media else ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES | MEDIA_ATTRIBUTES if media else ALLOWED_ATTRIBUTES,
        # WordPress's "Open in new tab": safe as every link gets rel="noopener".
        tag_attribute_values={"a": {"target": {"_blank"}}},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        # Markdown tables align columns with inline style; nothing else of style survives.
        filter_style_properties={"text-align"},
    )


def _caption_to_figure(match: re.Match) -> str:
    attrs = dict(_CAPTION_ATTR.findall(match.group(1)))
    inner = match.group(2).strip()
    media = _LEADING_MEDIA.match(inner)
    image, text = (media.group(1), media.group(2).strip()) if media else ("", inner)
    # WordPress 3.4+ may carry the caption in the attribute instead of after the image.
    text = text or html.escape(attrs.get("caption", ""))
    align = attrs.get("align", "alignnone")
    return (
        f'<figure class="wp-caption {html.escape(align)}">{image}'
        f"<figcaption>{text}</figcaption></figure>"
    )


def expand_captions(text: str) -> str:
    """`[caption …]<img …> Text[/caption]` as a `<figure>` with a `<figcaption>`."""
    return _CAPTION.sub(_caption_to_figure, text)


def _cut(text: str, opening: str, closing: str) -> str:
    """`text` without each span from `opening` to the next `closing`, left to right, until an
    `opening` has none after it."""
    kept, at = [], 0
    while (start := text.find(opening, at)) != -1:
        end = text.find(closing, start)
        if end == -1:
            break
        kept.append(text[at:start])
        at = end + len(closing)
    kept.append(text[at:])
    return "".join(kept)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment: comments, then tags, taken out; spaces run together;
    entities read. What markupsafe's `striptags` gives, in linear time: it copies the rest of
    the text at each tag it takes out, and a 10 MB post took ten minutes to index."""
    return html.unescape(" ".join(_cut(_cut(fragment, "<!--", "-->"), "<", ">").split()))


BLOCK_MARKUP = re.compile(r"<!--\s+wp:[a-z]")
_BLOCK_DELIMITER = re.compile(r"[ \t]*<!--\s+/?wp:[^>]*?-->[ \t]*\n?")
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\n?")


def render_html(text: str) -> str:
    """A classic or block-editor HTML body as WordPress shows it, before sanitising."""
    text = expand_shortcodes(text)
    if not BLOCK_MARKUP.search(text):
        return wpautop(text)
    # As WordPress does: block-editor content carries its own paragraphs, so no autop.
    return re.sub(r"\n{3,}", "\n\n", _BLOCK_DELIMITER.sub("", text))


def render_body(body: str, body_format: str = "markdown") -> str:
    """The safe HTML of a post or page body."""
    text = expand_captions(body)
    if body_format == "markdown":
        return embed_videos(clean_html(_markdown().render(text)))
    # A paragraph that only held a comment (<!--more-->, a block delimiter) is left empty.
    return embed_videos(_EMPTY_PARAGRAPH.sub("", clean_html(render_html(text), media=True)))


COMMENT_TAGS = {
    "a", "b", "blockquote", "br", "code", "del", "em", "i", "li", "ol", "p", "pre", "q", "s",
    "strong", "sub", "sup", "ul",
}  # fmt: skip


def render_comment(text: str) -> str:
    """A reader's response as safe HTML: a small Markdown subset (no images, headings or
    tables); links are marked `nofollow ugc` so spam earns no ranking."""
    return nh3.clean(
        _markdown().render(text),
        tags=COMMENT_TAGS,
        attributes={"a": {"href"}, "blockquote": {"cite"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener noreferrer",
        strip_comments=True,
    )


@lru_cache(maxsize=256)
def render_markdown(text: str) -> str:
    """Safe HTML of a short Markdown text such as a bio (kept: an author's bio is on every
    page of theirs, and rendering it took a twentieth of a post page's time)."""
    return clean_html(_markdown().render(text))


MORE = re.compile(r"<!--\s*more\b.*?-->", re.IGNORECASE)
TEASER_WORDS = 55


def render_teaser(
    excerpt: str, body: str, body_format: str = "markdown", body_html: str | None = None
) -> str:
    """What the home page shows of a post: its excerpt, the part before `<!--more-->`, or
    the first words of the body (`body_html`, when already rendered, saves rendering it again)."""
    if excerpt.strip():
        return render_markdown(excerpt)
    parts = MORE.split(body, maxsplit=1)
    if len(parts) == 2:
        return render_body(parts[0], body_format)
    html_body = body_html if body_html is not None else render_body(body, body_format)
    html_body = re.sub(r"<figure\b.*?</figure>", "", html_body, flags=re.DOTALL)
    return Truncator(html_body).words(TEASER_WORDS, html=True, truncate=" …")
