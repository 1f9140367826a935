"""The listings (home, and the category, tag, author and date archives): which posts each shows,
in what order, and on which of its pages a post stands."""

from array import array
from collections.abc import Callable, Iterator
from datetime import datetime, tzinfo
from functools import partial

from django.db.models import QuerySet
from django.utils import timezone

from byline.content import queries, snapshot
from byline.content.links import Links
from byline.content.models import AuthorProfile, Category, Post, Tag


def home() -> QuerySet[Post]:
    return queries.live_posts().order_by("-sticky", "-published_at", "-id")


def category_at(path: str) -> Category | None:
    """The category whose slugs make `path` (`parent/child`), or None."""
    slug = path.strip("/").split("/")[-1]
    # Kept, as a listing's order is, for each of its pages until the site's next change (the
    # query built only when it is not: building it took longer than running it).
    category = snapshot.current().remember(
        ("category", slug),
        lambda: Category.objects.select_related("parent").filter(slug=slug).first(),
    )
    return category if category is not None and category.path == path.strip("/") else None


def tag_with_slug(slug: str) -> Tag | None:
    return snapshot.current().remember(("tag", slug), lambda: Tag.objects.filter(slug=slug).first())


def author_with_slug(slug: str) -> AuthorProfile | None:
    """The author whose archive is at `slug`, kept as a tag is (a query for each page of a
    prolific author's archive before); its query built only when it is not."""
    return snapshot.current().remember(
        ("author", slug),
        lambda: AuthorProfile.objects.select_related("user").filter(slug=slug).first(),
    )


def in_category(category: Category) -> QuerySet[Post]:
    # WordPress category archives include posts of subcategories.
    key = ("descendants", category.pk)
    descendants = snapshot.current().remember(key, lambda: _descendants(category))
    return queries.live_posts().filter(categories__in=descendants).distinct()


def _descendants(category: Category) -> frozenset[int]:
    descendants, frontier = {category.pk}, {category.pk}
    while frontier:
        children = Category.objects.filter(parent__in=frontier).values_list("pk", flat=True)
        frontier = set(children) - descendants
        descendants |= frontier
    return frozenset(descendants)


def with_tag(tag: Tag) -> QuerySet[Post]:
    return queries.live_posts().filter(tags=tag)


def by_author(user_id: int) -> QuerySet[Post]:
    return queries.live_posts().filter(author_id=user_id)


def dates(tz: tzinfo, year: int, month: int = 0, day: int = 0) -> tuple[datetime, datetime]:
    """The start and end of a year's, month's or day's archive (ValueError or OverflowError
    for a date that does not exist)."""
    if day:
        start = datetime(year, month, day, tzinfo=tz)
        return start, start + timezone.timedelta(days=1)
    if month:
        return datetime(year, month, 1, tzinfo=tz), datetime(
            year + month // 12, month % 12 + 1, 1, tzinfo=tz
        )
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def dated(start: datetime, end: datetime) -> QuerySet[Post]:
    return queries.live_posts().filter(published_at__gte=start, published_at__lt=end)


def order(base: str, posts: Callable[[], QuerySet[Post]], shared) -> array:
    """The ids of the listing at `base` in its order, kept until the site's next change: each
    of its pages is a slice of it (a deep page of a big site no longer sorts every post).
    `posts` gives the listing's query, built only when the order is not kept (building it
    took a listing page longer than rendering a post's summary)."""
    return shared.remember(
        ("listing", base), lambda: array("q", posts().values_list("pk", flat=True))
    )


def showing(post: Post, links: Links) -> Iterator[tuple[str, Callable[[], QuerySet[Post]]]]:
    """Every listing that shows `post` when it is live: its base path (as `links` gives it)
    and a function giving its posts."""
    yield "/", home
    for category in post.categories.all():
        for node in [*category.ancestors(), category]:
            yield links.category(node), partial(in_category, node)
    for tag in post.tags.all():
        yield links.tag(tag), partial(with_tag, tag)
    profile = AuthorProfile.objects.filter(user_id=post.author_id).first()
    if profile is not None:
        yield links.author(profile), partial(by_author, post.author_id)
    if post.published_at is not None:
        tz = links.site.tzinfo
        local = timezone.localtime(post.published_at, tz)
        year, month, day = local.year, local.month, local.day
        yield links.year(year), partial(dated, *dates(tz, year))
        yield links.month(year, month), partial(dated, *dates(tz, year, month))
        yield links.day(year, month, day), partial(dated, *dates(tz, year, month, day))


def page_of(post: Post, base: str, posts: Callable[[], QuerySet[Post]], shared) -> int | None:
    """The page of the listing at `base` that shows `post` (None: it shows it on none)."""
    try:
        index = order(base, posts, shared).index(post.pk)
    except ValueError:
        return None
    return index // shared.site.posts_per_page + 1
