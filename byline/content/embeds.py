"""Videos from YouTube and Vimeo played in the post, where WordPress embeds them: a link alone
on its line, an `[embed]` shortcode, or the block editor's embed block.

The players are made here from the video's id alone (checked against the site's own id
pattern), after the author's HTML is sanitised: an author's own iframe is still removed. The
YouTube player comes from youtube-nocookie.com, which sets no cookie until the video plays,
and every player loads only when the reader scrolls near it.
"""

import html
import re
from urllib.parse import parse_qs, urlsplit

# A link alone in its paragraph, figure or embed wrapper, as markup.py's sanitiser writes it
# (its text the address itself), or a Markdown paragraph of the bare address.
_ALONE = re.compile(
    r'<(?P<tag>p|figure|div)(?:| class="wp-block-embed"| class="wp-block-embed__wrapper")>\s*'
    r'(?:<a href="(?P<href>[^"]+)"[^>]*>(?P<text>[^<]+)</a>|(?P<bare>https?://[^\s<]+))'
    r"\s*</(?P=tag)>"
)
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"}
_SECONDS = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?")


def _start(value: str) -> int:
    """`t=90`, `t=1m30s` or `start=90` as seconds; 0 if none."""
    found = _SECONDS.fullmatch(value or "")
    if not found:
        return 0
    hours, minutes, seconds = (int(part or 0) for part in found.groups())
    return hours * 3600 + minutes * 60 + seconds


def player(url: str) -> tuple[str, str] | None:
    """(player address, provider) for a YouTube or Vimeo video's address; None otherwise."""
    try:
        parts = urlsplit(html.unescape(url))
    except ValueError:
        return None
    host, path = (parts.hostname or "").lower(), parts.path
    query = parse_qs(parts.query)
    if parts.scheme not in ("http", "https"):
        return None
    video = ""
    if host == "youtu.be":
        video = path.strip("/")
    elif host in _YOUTUBE_HOSTS and path == "/watch":
        video = query.get("v", [""])[0]
    elif host in _YOUTUBE_HOSTS and path.startswith(("/shorts/", "/embed/", "/live/")):
        video = path.split("/")[2]
    if _YOUTUBE_ID.fullmatch(video):
        start = _start((query.get("t") or query.get("start") or [""])[0])
        address = f"https://www.youtube-nocookie.com/embed/{video}"
        return (address + (f"?start={start}" if start else ""), "YouTube")
    if host in ("vimeo.com", "www.vimeo.com", "player.vimeo.com"):
        number = path.rstrip("/").rsplit("/", 1)[-1]
        if number.isascii() and number.isdigit():
            return f"https://player.vimeo.com/video/{number}", "Vimeo"
    return None


def _replace(match: re.Match) -> str:
    href, text, bare = match.group("href"), match.group("text"), match.group("bare")
    url = bare or href
    if href is not None and html.unescape(text.strip()) != html.unescape(href):
        return match.group(0)  # a link with words of its own is the author's link
    found = player(url)
    if found is None:
        return match.group(0)
    address, provider = found
    link = html.escape(html.unescape(url), quote=True)
    return (
        f'<figure class="embed embed-video">'
        f'<iframe src="{html.escape(address, quote=True)}" title="{provider} video"'
        ' width="640" height="360" loading="lazy" allowfullscreen'
        ' referrerpolicy="strict-origin-when-cross-origin"'
        ' allow="encrypted-media; picture-in-picture; fullscreen"></iframe>'
        f'<figcaption><a href="{link}">Watch on {provider}</a></figcaption></figure>'
    )


def embed_videos(safe_html: str) -> str:
    """`safe_html` (sanitised already) with each video address alone on its line as a player."""
    if "youtu" not in safe_html and "vimeo" not in safe_html:
        return safe_html
    return _ALONE.sub(_replace, safe_html)
