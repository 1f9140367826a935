"""Structured data for search engines (schema.org in JSON-LD): a post as an Article with its
headline, dates, author, image and publisher; the home page as the WebSite with its search.
Addresses are absolute, so they come with `base_url` set (byline.content.sharing)."""

import json

from markupsafe import Markup

from byline.content.links import Links
from byline.content.models import Post, Site
from byline.content.sharing import absolute, moment

# Inside <script>, "</script>" or "<!--" in a title would end or hide the data: as JSON escapes.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def as_script(data: dict) -> Markup:
    """`data` as a JSON-LD script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def article(site: Site, post: Post, description: str) -> Markup:
    """A post as an Article; a password-protected one without its image."""
    links = Links(site)
    profile = getattr(post.author, "profile", None)
    author = {"@type": "Person", "name": profile.display_name if profile else str(post.author)}
    if profile:
        author["url"] = absolute(links.author(profile))
    image = post.featured_image if not post.password else None
    url = absolute(links.post(post))
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": post.title,
        "description": description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url} if url else None,
        "image": [absolute(image.url)] if image and image.url and absolute(image.url) else [],
        "datePublished": moment(post.published_at),
        "dateModified": moment(post.updated_at),
        "author": [_without_empty(author)],
        "publisher": _without_empty(
            {"@type": "Organization", "name": site.title, "url": absolute("/")}
        ),
        "articleSection": [c.name for c in post.shown_categories[:1]],
        "keywords": [t.name for t in post.shown_tags],
        "inLanguage": post.language or site.language,
    }
    return as_script(_without_empty(data))


def website(site: Site) -> Markup:
    """The site, with how to search it (search engines may offer a search box for it); none
    without `base_url`."""
    home = absolute("/")
    if not home:
        return Markup("")
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.title,
        "description": site.tagline,
        "url": home,
        "inLanguage": site.language,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": home + "?s={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }
    return as_script(_without_empty(data))
