"""What every page shows and few edits change (the site and discussion settings, the menu,
the category list, the order of posts), kept in memory per process and checked against the
site version at each request: one tiny query instead of several. Recently shown posts are kept
too, with what their page shows besides their responses, until the next change."""

import bisect
import threading
from array import array
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from django.db.models import Min
from django.utils import timezone

from byline.content.models import Category, Post, Site, Status
from byline.content.models import version as site_version

if TYPE_CHECKING:
    from byline.content.queries import MenuLink


@dataclass(frozen=True)
class Snapshot:
    version: int
    site: Site
    discussion: object
    menu: list["MenuLink"]
    categories: list[Category]
    # When the next scheduled post goes live, the category list may change: stale from then.
    expires: datetime | None
    category_paths: dict[int, str]
    # Posts as their pages show them (with author, image, categories, tags, neighbours), by
    # lookup; responses are not in them: they change without a new site version.
    remembered: dict = field(default_factory=dict, compare=False)

    # Pieces of HTML that several pages show alike (a post's summary, in each of its listings).
    fragments: dict = field(default_factory=dict, compare=False)
    # Responses as their post's page shows them: its every render shows them all again.
    responses: dict = field(default_factory=dict, compare=False)
    # Posts' articles (with author box and neighbours), the same on every render of their page.
    articles: dict = field(default_factory=dict, compare=False)
    # Lookups that found nothing, by key: addresses that name no post or page.
    absent: dict = field(default_factory=dict, compare=False)
    # What readers' searches found, by their words: a story going round is searched for again
    # and again, and each search reads every post's text.
    searches: dict = field(default_factory=dict, compare=False)

    def remember(self, key: object, load: Callable[[], object]) -> object:
        """`load()`'s result, kept for this version of the site (None is not kept)."""
        return _keep(self.remembered, REMEMBERED, key, load)

    def find(self, key: object, load: Callable[[], object]) -> object:
        """`load()`'s result kept as `remember` keeps it; and when it is None, that too (bots
        asking for /wp-login.php, a mistyped link shared widely: each took two or three
        queries). Misses are kept apart: a flood of random addresses cannot push posts out."""
        if key in self.absent:
            return None
        found = self.remember(key, load)
        if found is None:
            _keep(self.absent, ABSENT, key, lambda: True)
        return found

    def search(self, key: object, load: Callable[[], array]) -> array:
        """`load()`'s result (a search's hits), kept for this version of the site: the last
        SEARCHES searches, within SEARCH_BYTES."""
        found = _keep(self.searches, SEARCHES, key, load)
        with suppress(RuntimeError, StopIteration):  # another thread changed it: next time
            while sum(a.itemsize * len(a) for a in self.searches.values()) > SEARCH_BYTES:
                self.searches.pop(next(iter(self.searches)))
        return found

    def fragment(self, key: object, render: Callable[[], str]) -> str:
        """`render()`'s HTML, kept for this version of the site."""
        return _keep(self.fragments, FRAGMENTS, key, render)

    def response(self, key: object, render: Callable[[], str]) -> str:
        """`render()`'s HTML of a response, kept for this version of the site."""
        return _keep(self.responses, RESPONSES, key, render)

    def article(self, key: object, render: Callable[[], str]) -> str:
        """`render()`'s HTML of a post's article, kept for this version of the site."""
        return _keep(self.articles, ARTICLES, key, render)

    @cached_property
    def timeline(self) -> list[tuple[datetime, int]]:
        """Published and scheduled posts in publication order: (published_at, id). Loaded when
        first asked for (a post's neighbours), not with the rest: on a site of 10,000 posts it
        takes tens of milliseconds, and saving a post in the admin takes a new snapshot at
        each of its signals (the post, its categories, its tags)."""
        posts = Post.objects.filter(status__in=[Status.PUBLISHED, Status.SCHEDULED])
        return sorted(posts.exclude(published_at=None).values_list("published_at", "id"))

    def neighbours(self, post: Post, now: datetime) -> tuple[int | None, int | None]:
        """Ids of the live posts published just before and just after `post`."""
        timeline = self.timeline
        # Live posts are the timeline's head (it is in date order): no copy on the hot path.
        live = bisect.bisect_right(timeline, (now, float("inf")))
        key = (post.published_at, post.pk)
        index = bisect.bisect_left(timeline, key, hi=live)
        earlier = timeline[index - 1][1] if index > 0 else None
        after = index + 1 if index < live and timeline[index] == key else index
        later = timeline[after][1] if after < live else None
        return earlier, later


REMEMBERED = 256  # posts per process: a few megabytes
FRAGMENTS = 4096  # summaries of about 1.5 kB: some 6 MB a process
RESPONSES = 2048  # responses of about 1 kB, with their text in the key: a few MB a process
ARTICLES = 128  # posts' articles, their body included: a few MB a process
ABSENT = 1024  # lookups that found nothing
SEARCHES = 64  # searches' hits (8 bytes each; 80 kB for a word in each of 10,000 posts)
SEARCH_BYTES = 4 * 2**20


def _keep(kept: dict, most: int, key: object, load: Callable[[], object]) -> object:
    """`kept[key]`, loaded first if missing; at most `most` entries, the oldest dropped."""
    found = kept.get(key)
    if found is None:
        found = load()
        if found is not None:
            if len(kept) >= most:
                # The oldest goes first, unless another request's thread changes the dict
                # meanwhile: then none this time.
                with suppress(RuntimeError, StopIteration):
                    kept.pop(next(iter(kept)), None)
            kept[key] = found
    return found


_lock = threading.Lock()
_cached: Snapshot | None = None


def _build(number: int) -> Snapshot:
    from byline.content import queries
    from byline.responses.models import Discussion

    now = timezone.now()
    upcoming = Post.objects.filter(
        status__in=[Status.PUBLISHED, Status.SCHEDULED], published_at__gt=now
    ).aggregate(first=Min("published_at"))["first"]
    categories = Category.objects.filter(posts__in=Post.objects.live()).distinct()
    every = {c.pk: c for c in Category.objects.all()}
    for category in every.values():  # ancestors from memory, not a query per level
        category.parent = every.get(category.parent_id)
    return Snapshot(
        version=number,
        site=Site.current(),
        discussion=Discussion.current(),
        menu=queries.menu(),
        categories=list(categories),
        expires=upcoming,
        category_paths={pk: c.path for pk, c in every.items()},
    )


_request = threading.local()


def begin_request() -> tuple[Snapshot, Snapshot | None]:
    """Check the version once for a whole request; `current()` then answers from memory.
    Returns the snapshot and the one to restore after (a render inside another request)."""
    outer = getattr(_request, "snapshot", None)
    _request.snapshot = None
    _request.snapshot = current()
    return _request.snapshot, outer


def end_request(outer: Snapshot | None) -> None:
    _request.snapshot = outer


def current() -> Snapshot:
    """The snapshot for the site as it is now (rebuilt after any change)."""
    global _cached
    during_request = getattr(_request, "snapshot", None)
    if during_request is not None:
        return during_request
    number = site_version.read()
    cached = _cached
    fresh = cached is not None and cached.version == number
    if fresh and (cached.expires is None or timezone.now() < cached.expires):
        return cached
    with _lock:
        _cached = _build(number)
        return _cached


def reset() -> None:
    """Forget the snapshot (tests that roll back their changes call this)."""
    global _cached
    _cached = None
