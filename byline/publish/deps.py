"""Which stored pages a change touches.

A post change touches the post's page and its later pages of responses, its neighbours' pages
(their previous / next links, on all their pages of responses), and the listings that show it
(home, its categories, tags, author and dates, each with all its pagination). A response
touches its post's pages and, in each of those listings, the one page that shows the post
(with its count). A change to what many pages show drops every page: an edit of the site or
discussion settings, a category, tag, author or image (all rare), or a new fingerprint of
the menu, the category list and the theme.
"""

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings

from byline.content import listings, snapshot
from byline.content.links import RESPONSES_PAGE, Links
from byline.content.models import Category, Page, Post, Site
from byline.theme.jinja import THEME_DIR


@dataclass
class Affected:
    """Pages to render again at once, pages to renew (`drop`, and the folders of pages in
    `trees`), or all. Pages to renew are served as they are until the worker renders them,
    unless `at_once`: a post taken down leaves every listing at once."""

    render: set[str] = field(default_factory=set)
    drop: set[str] = field(default_factory=set)
    trees: set[str] = field(default_factory=set)
    everything: bool = False
    at_once: bool = False

    def __or__(self, other: "Affected") -> "Affected":
        return Affected(
            self.render | other.render,
            self.drop | other.drop,
            self.trees | other.trees,
            self.everything or other.everything,
            self.at_once or other.at_once,
        )

    def as_message(self) -> dict:
        return {
            "render": sorted(self.render),
            "drop": sorted(self.drop),
            "trees": sorted(self.trees),
            "everything": self.everything,
            "at_once": self.at_once,
        }

    @classmethod
    def from_message(cls, data: dict) -> "Affected":
        return cls(
            set(data.get("render", ())),
            set(data.get("drop", ())),
            set(data.get("trees", ())),
            bool(data.get("everything")),
            bool(data.get("at_once")),
        )


def _path(link: str) -> str:
    return unquote(link)  # the store is addressed by decoded paths, as Django's request.path


def _listing(affected: Affected, base: str) -> None:
    affected.drop.add(_path(base))
    affected.trees.add(_path(base) + "page/")


def responses_pages(entry_path: str) -> str:
    """The tree of an entry's later pages of responses (…/comment-page-N/), which show the
    entry too."""
    return _path(entry_path).rstrip("/") + "/" + RESPONSES_PAGE


def post_affects(
    post: Post, site: Site | None = None, neighbours: bool = True, in_place: bool = False
) -> Affected:
    """Pages that show `post` as it is now (call before and after a change). `in_place`: the
    change leaves the post where it stands in every listing; the listings are left out (see
    `in_place_affects`)."""
    shared = snapshot.current()
    site = site or shared.site
    links = Links(site, shared.category_paths)
    affected = Affected()
    if post.pk is None:
        return affected
    affected.render.add(_path(links.post(post)))
    affected.trees.add(responses_pages(links.post(post)))
    if not in_place:
        for base, _posts in listings.showing(post, links):
            _listing(affected, base)
    when = post.published_at
    if when is not None and neighbours:
        live = Post.objects.live().exclude(pk=post.pk)
        before = live.filter(published_at__lte=when).order_by("-published_at", "-id").first()
        after = live.filter(published_at__gte=when).order_by("published_at", "id").first()
        for neighbour in (before, after):
            if neighbour is not None:  # its pages of responses show the links too
                affected.drop.add(_path(links.post(neighbour)))
                affected.trees.add(responses_pages(links.post(neighbour)))
    return affected


def page_affects(page, site: Site | None = None) -> Affected:
    path = Links(site or Site.current()).page(page)
    return Affected(render={_path(path)}, trees={responses_pages(path)})


def in_place_affects(entry: Post | Page) -> Affected:
    """Pages showing a post or page that a change leaving it in place touches (a response, an
    edit of its words): its own pages and, in each listing that shows it, that one page (the
    others show other posts; renewing whole listings made every response on a big site cost
    thousands of renders). Responses are rendered again by the worker, not in the request that
    posted or moderated: a busy discussion is rendered a few times a second however many
    responses arrive, and the poster sees theirs at once through a cookie that bypasses the
    store (see byline.responses.views). The answer is kept until the site's next change (it
    depends on the entry's terms, author and date and on the listings' order only): callers
    must not change it."""
    key = ("in place", type(entry).__name__, entry.pk)
    return snapshot.current().remember(key, lambda: _in_place_affects(entry))


def _in_place_affects(entry: Post | Page) -> Affected:
    if not isinstance(entry, Post):
        affected = page_affects(entry)
        return Affected(drop=affected.render, trees=affected.trees)
    shared = snapshot.current()
    links = Links(shared.site, shared.category_paths)
    # As stored now: the caller's copy may carry the terms it was loaded with.
    post = Post.objects.filter(pk=entry.pk).first() or entry
    path = links.post(post)
    affected = Affected(drop={_path(path)}, trees={responses_pages(path)})
    if post.is_live:
        for base, posts in listings.showing(post, links):
            number = listings.page_of(post, base, posts, shared)
            if number is not None:
                affected.drop.add(_path(links.paged(base, number)))
    return affected


@cache
def theme_fingerprint() -> str:
    """A digest of the theme's files (read once per process: a new theme means a restart)."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(Path(THEME_DIR).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _menu_key(links: list) -> list:
    """What of the menu's links (queries.MenuLink) its HTML is made from."""
    return [
        (
            link.title,
            link.page and (link.page.pk, link.page.slug, link.page.parent_id),
            link.category and link.category.pk,
            link.url,
            _menu_key(link.children),
        )
        for link in links
    ]


def shared_fingerprint() -> str:
    """A digest of what every page shows that a post or page edit can change: the menu and
    the list of categories; with the theme and the site's public address (in shared links'
    cards). When it changes, every page is dropped."""
    from byline.content import queries

    categories = Category.objects.filter(posts__in=Post.objects.live()).distinct()
    menu = _menu_key(queries.menu())  # as shown: a page's new title or status shows in it
    parts = [repr(menu), repr(list(categories.values_list("pk", "name"))), theme_fingerprint()]
    parts.append(settings.CONFIG.base_url)
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()
