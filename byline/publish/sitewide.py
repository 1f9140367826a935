"""Every public URL of the site, and rendering them all into the store (`byline publish --all`)."""

import math
from collections.abc import Callable, Iterator

from django.db.models import Count
from django.db.models.functions import TruncDay
from django.utils import timezone

from byline.content import queries
from byline.content.links import Links
from byline.content.models import AuthorProfile, Category, Post, Site, Tag
from byline.publish.deps import _path


def _paged(links: Links, base: str, count: int, per_page: int) -> Iterator[str]:
    for number in range(1, max(1, math.ceil(count / per_page)) + 1):
        yield _path(links.paged(base, number))


def public_paths() -> list[str]:
    """The path of every page an anonymous reader can reach by following links."""
    site = Site.current()
    links, per_page = Links(site), site.posts_per_page
    live = Post.objects.live()
    paths: list[str] = []
    if not links.permalink.is_plain:
        posts = queries.live_posts().prefetch_related("categories")
        paths += [_path(links.post(post)) for post in posts]
    paths += [_path(links.page(page)) for page in queries.live_pages()]
    paths += _paged(links, "/", live.count(), per_page)
    for category in Category.objects.annotate(n=Count("posts")).filter(n__gt=0):
        count = live.filter(categories=category).count()
        paths += _paged(links, links.category(category), count, per_page)
    for tag in Tag.objects.filter(posts__in=live).annotate(n=Count("posts")).distinct():
        paths += _paged(links, links.tag(tag), tag.n, per_page)
    for profile in AuthorProfile.objects.filter(user__posts__in=live).distinct():
        count = live.filter(author=profile.user).count()
        paths += _paged(links, links.author(profile), count, per_page)
    days = (
        live.annotate(day=TruncDay("published_at", tzinfo=site.tzinfo))
        .values("day")
        .annotate(n=Count("id"))
    )
    years: dict[int, int] = {}
    months: dict[tuple[int, int], int] = {}
    for row in days:
        day = timezone.localtime(row["day"], site.tzinfo)
        years[day.year] = years.get(day.year, 0) + row["n"]
        months[day.year, day.month] = months.get((day.year, day.month), 0) + row["n"]
        paths += _paged(links, links.day(day.year, day.month, day.day), row["n"], per_page)
    for year, count in years.items():
        paths += _paged(links, links.year(year), count, per_page)
    for (year, month), count in months.items():
        paths += _paged(links, links.month(year, month), count, per_page)
    return list(dict.fromkeys(paths))


def publish_all(progress: Callable[[int, int], None] | None = None) -> int:
    """Render every public page into the store; returns how many were stored."""
    from byline.publish.render import publish_path

    paths = public_paths()
    stored = 0
    for number, path in enumerate(paths, 1):
        stored += publish_path(path)
        if progress:
            progress(number, len(paths))
    return stored
