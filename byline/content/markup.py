"""Post bodies and bios to safe HTML: Markdown (markdown-it-py) or HTML, then an nh3 allowlist.

Every fragment goes through `clean_html`, so nothing an author writes can run script in a
reader's browser. WordPress `[caption]` shortcodes become `<figure>`/`<figcaption>`.
"""

import html
import re

import nh3
from django.utils.text import Truncator
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

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

_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")
_markdown.use(footnote_plugin)

_CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.DOTALL | re.IGNORECASE)
_CAPTION_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_LEADING_MEDIA = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.DOTALL)


def clean_html(fragment: str) -> str:
    """`fragment` with everything outside the allowlist removed."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
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


def _autop(text: str) -> str:
    """Blank-line-separated blocks of an HTML body as paragraphs, as WordPress shows them."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    block_start = re.compile(
        r"^<(?:p|div|figure|h[1-6]|ul|ol|li|blockquote|pre|table|hr|section|dl|details)\b", re.I
    )
    out = []
    for block in blocks:
        if block_start.match(block):
            out.append(block)
        else:
            out.append("<p>" + block.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def render_body(body: str, body_format: str = "markdown") -> str:
    """The safe HTML of a post or page body."""
    text = expand_captions(body)
    rendered = _markdown.render(text) if body_format == "markdown" else _autop(text)
    return clean_html(rendered)


def render_markdown(text: str) -> str:
    """Safe HTML of a short Markdown text such as a bio."""
    return clean_html(_markdown.render(text))


MORE = re.compile(r"<!--\s*more\b.*?-->", re.IGNORECASE)
TEASER_WORDS = 55


def render_teaser(excerpt: str, body: str, body_format: str = "markdown") -> str:
    """What the home page shows of a post: its excerpt, the part before `<!--more-->`, or
    the first words of the body."""
    if excerpt.strip():
        return render_markdown(excerpt)
    parts = MORE.split(body, maxsplit=1)
    if len(parts) == 2:
        return render_body(parts[0], body_format)
    html_body = render_body(body, body_format)
    html_body = re.sub(r"<figure\b.*?</figure>", "", html_body, flags=re.DOTALL)
    return Truncator(html_body).words(TEASER_WORDS, html=True, truncate=" …")
