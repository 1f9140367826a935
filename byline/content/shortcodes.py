"""WordPress shortcodes Byline renders itself: `[embed]`, `[audio]`, `[video]`, bare embed URLs.

`[caption]` lives in markup.py and `[gallery]` is expanded by the importer, which knows the
images. Any other shortcode is left as text, so readers see it rather than losing it silently.
"""

import html
import re

_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'\]]+))|"([^"]*)"|(\S+)""")
_EMBED = re.compile(r"\[embed([^\]]*)\](.*?)\[/embed\]", re.DOTALL | re.IGNORECASE)
_MEDIA = re.compile(r"\[(audio|video)((?:\s[^\]]*)?)\](?:(.*?)\[/\1\])?", re.DOTALL | re.IGNORECASE)
# WordPress turns a URL alone on its line into an embed; Byline shows it as a link.
_BARE_URL = re.compile(r"^([ \t]*)(https?://[^\s<>\"\[\]]+)[ \t]*$", re.MULTILINE)
_EMBED_WRAPPER = re.compile(
    r"(<div class=\"wp-block-embed__wrapper\">)\s*(https?://[^\s<>\"]+)\s*(</div>)"
)
AUDIO_EXTENSIONS = ("mp3", "m4a", "ogg", "oga", "wav", "flac")
VIDEO_EXTENSIONS = ("mp4", "m4v", "webm", "ogv", "mov", "wmv", "flv")


def shortcode_attributes(text: str) -> dict[str, str]:
    """`key="value"` pairs of a shortcode's opening tag; a bare value is keyed by position."""
    attrs: dict[str, str] = {}
    for position, found in enumerate(_ATTR.finditer(text)):
        key, double, single, bare, positional, word = found.groups()
        if key:
            attrs[key.lower()] = next(v for v in (double, single, bare) if v is not None)
        else:
            attrs[str(position)] = positional if positional is not None else word
    return attrs


def _link(url: str) -> str:
    escaped = html.escape(url.strip(), quote=True)
    return f'<a href="{escaped}">{escaped}</a>'


def _embed(match: re.Match) -> str:
    url = match.group(2).strip()
    if not re.match(r"^https?://", url):
        return match.group(0)
    return f'<figure class="wp-block-embed">{_link(url)}</figure>'


def _media(match: re.Match) -> str:
    kind = match.group(1).lower()
    attrs = shortcode_attributes(match.group(2) or "")
    extensions = AUDIO_EXTENSIONS if kind == "audio" else VIDEO_EXTENSIONS
    sources = [attrs.get("src", "")] + [attrs.get(ext, "") for ext in extensions]
    sources += [v for k, v in attrs.items() if k.isdigit()]  # [audio https://…/a.mp3]
    url = next((s for s in sources if re.match(r"^https?://|^/", s or "")), "")
    if not url:
        return match.group(0)  # nothing to play: keep it visible
    src = html.escape(url, quote=True)
    size = "".join(
        f' {name}="{html.escape(attrs[name])}"'
        for name in ("width", "height")
        if attrs.get(name, "").isdigit()
    )
    return (
        f'<figure class="wp-{kind}"><{kind} controls preload="metadata" src="{src}"{size}>'
        f"{_link(url)}</{kind}></figure>"
    )


def expand_shortcodes(text: str) -> str:
    """`[embed]`, `[audio]` and `[video]` as HTML; URLs alone on a line as links."""
    if "[" in text:
        text = _EMBED.sub(_embed, text)
        text = _MEDIA.sub(_media, text)
    text = _EMBED_WRAPPER.sub(lambda m: m.group(1) + _link(m.group(2)) + m.group(3), text)
    return _BARE_URL.sub(lambda m: m.group(1) + _link(m.group(2)), text)
