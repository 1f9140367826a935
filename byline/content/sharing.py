"""The card a link to the site shows where it is shared (Facebook, X, LinkedIn, Mastodon,
WhatsApp, Slack): Open Graph and Twitter tags from a page's title, teaser, featured image and
author. Their addresses must be absolute, so they come with `base_url` set, and not before (a
guessed host would be wrong)."""

import re
from datetime import datetime
from urllib.parse import quote, urlencode, urlsplit

from django.conf import settings
from jinja2.filters import do_truncate
from markupsafe import Markup, escape

from byline.content.links import Links
from byline.content.markup import plain_text
from byline.content.models import AuthorProfile, Page, Post, Site
from byline.theme.jinja import environment

DESCRIPTION = 160  # characters, as search engines show them
TWITTER_HOSTS = {"twitter.com", "www.twitter.com", "mobile.twitter.com", "x.com", "www.x.com"}
HANDLE = re.compile(r"@?([A-Za-z0-9_]{1,15})")

Card = list[tuple[str, str]]  # (property, content), in the order they are written


def describe(html: str) -> str:
    """The start of `html` as plain text, for a page's description."""
    return do_truncate(environment(), plain_text(html), DESCRIPTION)


def absolute(path: str) -> str:
    """`path` (or an address already absolute) on the site's public address; "" without
    `base_url`."""
    if path.startswith(("https://", "http://")):
        return path
    base = settings.CONFIG.base_url.rstrip("/")
    return base + path if base and path.startswith("/") else ""


def twitter_handle(profile: AuthorProfile | None) -> str:
    """The author's @handle on X (Twitter), from a handle or a link to their profile."""
    value = profile.twitter.strip() if profile else ""
    if value.startswith(("https://", "http://")):
        parts = urlsplit(value)
        value = parts.path.strip("/") if parts.hostname in TWITTER_HOSTS else ""
    found = HANDLE.fullmatch(value)
    return "@" + found[1] if found else ""


def moment(value: datetime) -> str:
    """A time as ISO 8601, to the second."""
    return value.replace(microsecond=0).isoformat()


def site_card(site: Site) -> Card:
    """The home page's card: the site itself."""
    card = [("og:type", "website"), ("og:site_name", site.title), ("og:title", site.title)]
    card += [("og:description", site.tagline)] if site.tagline else []
    card += [("og:url", absolute("/"))] if absolute("/") else []
    return card + [("twitter:card", "summary")]


def entry_card(site: Site, entry: Post | Page, description: str) -> Card:
    """A post's card (an article with its date, section, tags and featured image) or a
    page's. A password-protected entry shows no more than its title and teaser."""
    post = entry if isinstance(entry, Post) else None
    card = [("og:type", "article" if post else "website"), ("og:site_name", site.title)]
    card += [("og:title", entry.title)]
    card += [("og:description", description)] if description else []
    url = absolute(Links(site).entry(entry))
    card += [("og:url", url)] if url else []
    image = post.featured_image if post and not post.password else None
    image_url = absolute(image.url) if image and image.url else ""
    if image_url:
        card += [("og:image", image_url)]
        if image.width and image.height:
            card += [("og:image:width", str(image.width)), ("og:image:height", str(image.height))]
        card += [("og:image:alt", post.alt)] if post.alt else []
    if post:
        card += [("article:published_time", moment(post.published_at))]
        card += [("article:modified_time", moment(post.updated_at))]
        card += [("article:section", c.name) for c in post.shown_categories[:1]]
        card += [("article:tag", t.name) for t in post.shown_tags]
    card += [("twitter:card", "summary_large_image" if image_url else "summary")]
    handle = twitter_handle(getattr(entry.author, "profile", None))
    return card + ([("twitter:creator", handle)] if handle else [])


def head(card: Card, structured: str = "") -> Markup:
    """The card as the <meta> elements of a page's <head> (X reads `name`, the others
    `property`), then the page's structured data. Written out here: through a template, with
    its loop, they took twice as long, once for every post a run of `publish --all` stores."""
    lines = []
    for name, content in card:
        attribute = "name" if name.startswith("twitter:") else "property"
        lines.append(f'<meta {attribute}="{escape(name)}" content="{escape(content)}">')
    if structured:
        lines.append(str(structured))
    return Markup("\n".join(lines))


def share_links(site: Site, post: Post) -> list[tuple[str, str]]:
    """Where a reader can share `post`, as (network, link): plain links to each network's own
    share page, nothing loaded from them; none without `base_url`."""
    url = absolute(Links(site).post(post))
    if not url:
        return []

    def query(**values: str) -> str:
        return urlencode(values, quote_via=quote)  # %20, not +: mail clients show a + as is

    return [
        ("X", "https://x.com/intent/post?" + query(text=post.title, url=url)),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + query(u=url)),
        ("WhatsApp", "https://wa.me/?" + query(text=f"{post.title} {url}")),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + query(url=url)),
        ("Email", "mailto:?" + query(subject=post.title, body=url)),
    ]
