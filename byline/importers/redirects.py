"""Old addresses of imported things: how they are keyed, and where each one now leads.

A key is an unquoted path without its trailing slash (`/2014/01/old-post`), or `/?p=4`-style
for WordPress's query links. Feeds, comment pages and paged posts under an old address follow it.
"""

import re
from urllib.parse import parse_qs, unquote, urlsplit

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.utils.encoding import iri_to_uri

from byline.content.links import Links
from byline.content.models import AuthorProfile, Category, Media, Page, Post, Site, Tag
from byline.importers.models import Redirect, Target

# WordPress's query links, in the order WordPress itself looks at them.
QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author", "feed", "m")
# What may follow an old address: (pattern, what to add to the new address).
_TRAILERS = (
    (re.compile(r"^(.*)/feed(?:/(?:rss2?|atom|rdf))?$"), "feed/"),
    (re.compile(r"^(.*)/(?:rss2?|atom|rdf)$"), "feed/"),
    (re.compile(r"^(.*)/page/([0-9]+)$"), "page/{1}/"),
    (re.compile(r"^(.*)/comment-page-[0-9]+$"), ""),
    (re.compile(r"^(.*)/(?:amp|trackback|embed)$"), ""),
    (re.compile(r"^(.*)/[0-9]+$"), ""),  # a page of a post split with <!--nextpage-->
)
_MONTH = re.compile(r"^([0-9]{4})([0-9]{2})?([0-9]{2})?$")


def path_key(path: str) -> str:
    """The key of a path: unquoted, without its trailing slash ("/" stays "/")."""
    path = re.sub("/{2,}", "/", unquote(path)) or "/"
    return path.rstrip("/") or "/"


def url_key(url: str) -> str | None:
    """The key of an old absolute or relative URL, or None when it names no single thing."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("", "http", "https"):
        return None
    query = parse_qs(parts.query)
    for key in QUERY_KEYS:
        if query.get(key):
            return f"/?{key}={query[key][0]}"
    if parts.query:
        return None
    return path_key(parts.path)


def old_query_key(request: HttpRequest) -> str | None:
    """`/?p=4`-style key of a request to the home page with one of WordPress's query links."""
    if request.path != "/":
        return None
    for key in QUERY_KEYS:
        value = request.GET.get(key, "")
        if key == "feed" and request.GET.get("s", "").strip():
            return None  # a search's feed, which the home page answers
        if value:
            return f"/?{key}={value}"
    return None


def _live_url(redirect: Redirect, links: Links) -> str | None:
    kind, pk = redirect.target_type, redirect.target_id
    if kind == Target.URL:
        return redirect.target_url or None
    if kind == Target.POST:
        post = Post.objects.live().filter(pk=pk).first()
        return links.post(post) if post else None
    if kind == Target.PAGE:
        page = Page.objects.live().filter(pk=pk).first()
        return links.page(page) if page else None
    if kind == Target.CATEGORY:
        category = Category.objects.filter(pk=pk).first()
        return links.category(category) if category else None
    if kind == Target.TAG:
        tag = Tag.objects.filter(pk=pk).first()
        return links.tag(tag) if tag else None
    if kind == Target.AUTHOR:
        profile = AuthorProfile.objects.filter(pk=pk).first()
        return links.author(profile) if profile else None
    if kind == Target.MEDIA:
        media = Media.objects.filter(pk=pk).first()
        return iri_to_uri(media.url) if media and media.url else None
    return None


def _fixed_query_target(key: str) -> str | None:
    """Query links that need no table: feeds and month archives."""
    name, _, value = key[2:].partition("=")
    if name == "feed":
        return "/comments/feed/" if value.startswith("comments") else "/feed/"
    if name == "m":
        found = _MONTH.match(value)
        if found:
            return "/" + "/".join(g for g in found.groups() if g) + "/"
    return None


def _candidates(request: HttpRequest) -> list[tuple[str, str]]:
    """(key, suffix) pairs to look up for `request`, most specific first."""
    query_key = old_query_key(request)
    if query_key:
        return [(query_key, "")]
    key = path_key(request.path)
    found = [(key, "")]
    for pattern, suffix in _TRAILERS:
        match = pattern.match(key)
        if match:
            base = match.group(1) or "/"
            found.append((base, suffix.format(*match.groups())))
    return found


def redirect_for(request: HttpRequest) -> HttpResponsePermanentRedirect | None:
    """A 301 to the new home of the old address `request` asks for, or None."""
    candidates = _candidates(request)
    rows = {r.old_path: r for r in Redirect.objects.filter(old_path__in=[k for k, _ in candidates])}
    links: Links | None = None
    for key, suffix in candidates:
        if key in rows:
            links = links or Links(Site.current())
            target = _live_url(rows[key], links)
        else:
            target = _fixed_query_target(key) if key.startswith("/?") else None
        if target and target.startswith("/") and "?" not in target and suffix:
            target = target.rstrip("/") + "/" + suffix
        if target and target != request.get_full_path():
            return HttpResponsePermanentRedirect(target)
    return None
