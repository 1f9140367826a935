"""What the public pages show: live posts with what they display, and response counts (the
threads themselves: byline.content.threads)."""

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch, QuerySet

from byline.content.models import Category, MenuItem, Page, Post
from byline.responses.models import Response, ResponseStatus

# What `Post.shown_categories` and `Post.shown_tags` hold, loaded for many posts at once.
CATEGORIES = Prefetch("categories", to_attr="shown_categories")
TERMS = (CATEGORIES, Prefetch("tags", to_attr="shown_tags"))


def live_posts() -> QuerySet[Post]:
    """Posts anonymous readers may see, newest first, with what a listing shows (but their
    response counts: see `with_response_counts`)."""
    return (
        Post.objects.live()
        .select_related("author__profile__avatar", "featured_image")
        .prefetch_related(CATEGORIES)  # a listing shows a post's categories, not its tags
        # A listing shows teasers: sorting whole texts made a deep page of a big site slow.
        .defer("body", "body_html")
        .order_by("-published_at", "-id")
    )


def with_response_counts(posts: list[Post]) -> list[Post]:
    """`posts` with `response_count` set, in one query over their responses alone (counting in
    the listing's own query grouped every live post with its responses, for each page)."""
    if not posts:
        return posts
    # The SQL is written out: the ORM took four times as long to build it as the database to
    # answer it, on every listing page.
    column = Response._meta.get_field
    name = connection.ops.quote_name
    post, status = name(column("post").column), name(column("status").column)
    marks = ", ".join(["%s"] * len(posts))
    sql = (
        f"SELECT {post}, COUNT(*) FROM {name(Response._meta.db_table)} "
        f"WHERE {status} = %s AND {post} IN ({marks}) GROUP BY {post}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [ResponseStatus.APPROVED, *(p.pk for p in posts)])
        counts = dict(cursor.fetchall())
    for post in posts:
        post.response_count = counts.get(post.pk, 0)
    return posts


READ_AHEAD = 5  # pages of a listing loaded together: readers and `publish --all` go in order


def listed_posts(order: Sequence[int], start: int, count: int, shared):
    """The posts at `order[start:start + count]` as a listing shows them, with their response
    counts. Posts are kept for this version of the site (every listing shows them in the same
    shape); those not kept are loaded with the next few pages' in one go."""
    ids = order[start : start + count]
    found = {pk: shared.remembered.get(("listed", pk)) for pk in ids}
    if None in found.values():
        wanted = set(order[start : start + count * READ_AHEAD]) | set(ids)
        for post in live_posts().filter(pk__in=wanted).order_by():
            found[post.pk] = shared.remember(("listed", post.pk), lambda post=post: post)
    # Copies: a kept post is shared by the threads of this process, its count is this page's.
    shown = [copy.copy(found[pk]) for pk in ids if found.get(pk) is not None]
    return with_response_counts(shown)


def post_for_page() -> QuerySet[Post]:
    """Live posts with what a post's own page shows (its count comes with its discussion,
    so no grouping over every response here)."""
    return (
        Post.objects.live()
        .select_related("author__profile__avatar", "featured_image")
        .prefetch_related(*TERMS)
    )


def live_pages() -> QuerySet[Page]:
    return Page.objects.live().select_related("parent", "author__profile")


def menu_pages() -> list[Page]:
    return list(live_pages().filter(show_in_menu=True, parent__isnull=True))


@dataclass
class MenuLink:
    """An entry of the site's menu: a page, a category or an address, and its sub-entries."""

    title: str
    page: Page | None = None
    category: Category | None = None
    url: str = ""
    children: list["MenuLink"] = field(default_factory=list)


def menu() -> list[MenuLink]:
    """The menu built under Menu items; without any, Home and the live pages in the menu.
    An item for a page readers cannot see (a draft) is left out, with its sub-items."""
    items = list(MenuItem.objects.select_related("page", "category"))
    if not items:
        return [MenuLink("Home", url="/")] + [MenuLink(p.title, page=p) for p in menu_pages()]
    live = set(Page.objects.live().filter(pk__in=[i.page_id for i in items if i.page_id])
               .values_list("pk", flat=True))  # fmt: skip
    links: dict[int, MenuLink] = {}
    top: list[MenuLink] = []
    for item in items:  # in order; a sub-item's parent is top-level (MenuItem.clean)
        if item.page_id and item.page_id not in live:
            continue
        link = MenuLink(item.title, item.page, item.category, item.url)
        links[item.pk] = link
        if item.parent_id is None:
            top.append(link)
        elif item.parent_id in links:
            links[item.parent_id].children.append(link)
    return top


def adjacent_posts(post: Post, shared, kept: bool = True) -> tuple[Post | None, Post | None]:
    """The live posts published just before and just after `post` (one query, or none when
    this process showed the post since the last change; not `kept`: a preview's, which may
    be dated otherwise than the post readers see)."""
    if not kept:
        return _adjacent(post, shared)
    return shared.remember(("adjacent", post.pk), lambda: _adjacent(post, shared))


def remember_posts(slugs: list[str], shared) -> list[tuple]:
    """Load the live posts with these slugs and their neighbours in a few queries, and keep
    them as their pages would (for rendering many post pages in a row); the keys they are
    kept under."""
    from django.utils import timezone

    posts = list(post_for_page().filter(slug__in=slugs))
    now = timezone.now()
    around = {post.pk: shared.neighbours(post, now) for post in posts}
    wanted = {pk for pair in around.values() for pk in pair if pk is not None}
    found = Post.objects.filter(pk__in=wanted).select_related("author__profile")
    if "%category%" in shared.site.permalink:
        found = found.prefetch_related(CATEGORIES)
    by_id = {p.pk: p for p in found}
    keys = []
    for post in posts:  # kept as a request keeps what it loads: no more than a process keeps
        pair = (by_id.get(around[post.pk][0]), by_id.get(around[post.pk][1]))
        shared.remember(("slug", post.slug), lambda post=post: post)
        shared.remember(("adjacent", post.pk), lambda pair=pair: pair)
        keys += [("slug", post.slug), ("adjacent", post.pk)]
    return keys


def _adjacent(post: Post, shared) -> tuple[Post | None, Post | None]:
    from django.utils import timezone

    earlier, later = shared.neighbours(post, timezone.now())
    wanted = [pk for pk in (earlier, later) if pk is not None]
    if not wanted:
        return None, None
    found = Post.objects.filter(pk__in=wanted).select_related("author__profile")
    if "%category%" in shared.site.permalink:
        found = found.prefetch_related(CATEGORIES)
    by_id = {p.pk: p for p in found}
    return by_id.get(earlier), by_id.get(later)
