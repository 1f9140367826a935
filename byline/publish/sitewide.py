"""Every public URL of the site, and rendering them all into the store (`byline publish --all`)."""

import math
import os
from collections.abc import Callable, Iterator

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncDay
from django.utils import timezone

from byline.content import queries, snapshot, threads
from byline.content.links import Links
from byline.content.models import AuthorProfile, Category, Page, Post, Site, Tag
from byline.publish.deps import _path


def _paged(links: Links, base: str, count: int, per_page: int) -> Iterator[str]:
    for number in range(1, max(1, math.ceil(count / per_page)) + 1):
        yield _path(links.paged(base, number))


def public_paths() -> list[str]:
    """The path of every page an anonymous reader can reach by following links."""
    return [path for group in public_path_groups() for path in group]


def public_path_groups() -> tuple[list[str], list[str]]:
    """`public_paths` in two groups, each once: the posts' and pages' own pages (with their
    later pages of responses), then the listings (which show the same summaries again)."""
    site = Site.current()
    links = Links(site)
    entries: list[str] = []
    if not links.permalink.is_plain:
        entries += [_path(links.post(post)) for post in linked_posts(links)]
    entries += [_path(links.page(page)) for page in queries.live_pages()]
    entries += _responses_pages(links)
    entries = list(dict.fromkeys(entries))
    seen = set(entries)
    listings = [path for path in dict.fromkeys(_listing_paths(site, links)) if path not in seen]
    return entries, listings


def _listing_paths(site: Site, links: Links) -> list[str]:
    per_page = site.posts_per_page
    live = Post.objects.live()
    paths: list[str] = []
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
    return paths


def linked_posts(links: Links) -> QuerySet[Post]:
    """Live posts with what their links need and no more (for 10,000 posts, loading them as
    listings show them took a second)."""
    posts = Post.objects.live().order_by("-published_at", "-id")
    pattern = links.permalink.pattern
    if "%author%" in pattern:
        return posts.select_related("author__profile").prefetch_related(queries.CATEGORIES)
    posts = posts.only("id", "slug", "published_at", "created_at", "updated_at")  # the sitemap
    return posts.prefetch_related(queries.CATEGORIES) if "%category%" in pattern else posts


def _responses_pages(links: Links) -> list[str]:
    """The later pages of responses of the posts and pages with more threads than one holds."""
    from byline.responses.models import Discussion, Response, ResponseStatus, ResponseType

    settings = Discussion.current()
    if not settings.page_responses:
        return []
    per_page = settings.responses_per_page
    approved = Response.objects.filter(status=ResponseStatus.APPROVED, type=ResponseType.COMMENT)
    paths: list[str] = []
    for model, field in ((Post, "post"), (Page, "page")):
        # Fewer comments than a page holds cannot fill two (replies to hidden comments, which
        # stand alone, are comments too): only the others need their threads counted.
        counts = approved.filter(**{f"{field}__isnull": False}).values(field)
        busy = counts.annotate(n=Count("id")).filter(n__gt=per_page).values_list(field)
        for entry in model.objects.live().filter(pk__in=busy):
            rows = approved.filter(**{field: entry}).values_list("pk", "parent_id", "status")
            pages = threads.shape(list(rows), settings.thread_depth, per_page).pages
            links_to = (_path(links.responses_page(entry, n)) for n in range(2, pages + 1))
            paths += [path for path in links_to if "?" not in path]  # plain links: not stored
    return paths


def publish_all(
    progress: Callable[[int, int], None] | None = None, processes: int | None = None
) -> int:
    """Render every public page into the store, in one process per core; returns how many
    were stored."""
    from byline.publish.events import refresh_if_stale
    from byline.responses.models import Discussion
    from byline.site import analyze_database

    # Settings made on first use are a change to every page: make them before rendering any.
    Site.current(), Discussion.current()
    # A store from before a theme change, or that missed other nodes' changes while this one
    # was stopped, is emptied now and noted current: else `byline serve` would empty it after.
    refresh_if_stale()
    analyze_database()  # after an import, the planner may not know how big the site now is
    groups = public_path_groups()
    paths = [path for group in groups for path in group]
    keep_for_whole_site(paths)
    processes = processes or os.cpu_count() or 1
    if processes == 1 or len(paths) < FORK_FROM:
        stored, failed = publish_here(paths, progress)
    else:
        from byline.publish.workers import publish_in_processes

        stored, failed = publish_in_processes(list(groups), processes, progress)
    if failed:
        raise NotAllWritten(stored, failed)
    return stored


class NotAllWritten(Exception):
    """Pages `publish_all` could not write into the store, and why (`failed`); the others
    (`stored`) are in it."""

    def __init__(self, stored: int, failed: list[str]) -> None:
        super().__init__(f"{len(failed)} pages could not be written: {failed[0]}")
        self.stored, self.failed = stored, failed


def keep_for_whole_site(paths: list[str]) -> None:
    """Let this process keep what a run over every page of the site shows again and again (a
    process that ends with the run, not a server's)."""
    # Each post's summary is in about eight listings, rendered at different times.
    snapshot.FRAGMENTS = max(snapshot.FRAGMENTS, len(paths) * 2)
    # So are each listing's order and its posts as listings show them (each listing reads
    # them all again; a process keeping a few hundred loaded each post once per listing).
    snapshot.REMEMBERED = max(snapshot.REMEMBERED, len(paths) + 2 * BATCH)


# Pages a process renders between progress reports, their posts loaded together. Neighbouring
# pages share what they load (a listing's pages): in batches of 50, the processes worked 9%
# longer on 1,000 posts than in 100s; in 200s the last batch kept a core idle too long.
BATCH = 100
FORK_FROM = 100  # pages: fewer are rendered in this process (starting others costs more)


def publish_here(paths: list[str], progress=None) -> tuple[int, list[str]]:
    """Render `paths` into the store in this process; `progress(done, total)` after each.
    Returns how many were stored, and why those that could not be written were not."""
    from byline.publish.middleware import writes_held
    from byline.publish.render import NotWritten, describe_failure, store_path

    stored = done = 0
    failed: list[str] = []
    for batch in in_batches(paths):
        with writes_held() as held:
            for path in batch:
                try:
                    stored += store_path(path)
                except NotWritten as exc:
                    failed.append(str(exc))
                done += 1
                if progress:
                    progress(done, len(paths))
        stored -= len(held.failed)
        failed += [describe_failure(path, error) for path, error in held.failed]
    return stored, failed


def in_batches(paths: list[str]) -> Iterator[list[str]]:
    """`paths` a batch at a time, the posts among them loaded together with their neighbours
    before their batch is rendered (one by one, as a reader's request loads a post, a run in
    one process took twice as long) and let go after it (each post's page is rendered once:
    room for what listings keep)."""
    from byline.content.permalinks import Permalink

    for start in range(0, len(paths), BATCH):
        batch = paths[start : start + BATCH]
        shared = snapshot.current()
        permalink = Permalink(shared.site.permalink)
        found = (permalink.match(path) for path in batch)
        slugs = [values["postname"] for values in found if values and values.get("postname")]
        kept = queries.remember_posts(slugs, shared) if slugs else []  # paths are decoded
        yield batch
        for key in kept:
            shared.remembered.pop(key, None)
