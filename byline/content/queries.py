"""What the public pages show: live posts with what they display, response threads, counts."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from byline.content.models import Page, Post
from byline.responses.entries import on
from byline.responses.models import Response, ResponseStatus, ResponseType

DEFAULT_THREAD_DEPTH = 5


def live_posts() -> QuerySet[Post]:
    """Posts anonymous readers may see, newest first, with what a listing shows (but their
    response counts: see `with_response_counts`)."""
    return (
        Post.objects.live()
        .select_related("author__profile__avatar", "featured_image")
        .prefetch_related("categories", "tags")
        # A listing shows teasers: sorting whole texts made a deep page of a big site slow.
        .defer("body", "body_html")
        .order_by("-published_at", "-id")
    )


def with_response_counts(posts: list[Post]) -> list[Post]:
    """`posts` with `response_count` set, in one query over their responses alone (counting in
    the listing's own query grouped every live post with its responses, for each page)."""
    approved = Response.objects.filter(post__in=posts, status=ResponseStatus.APPROVED)
    counts = dict(approved.values_list("post").annotate(n=Count("id")).order_by())
    for post in posts:
        post.response_count = counts.get(post.pk, 0)
    return posts


def post_for_page() -> QuerySet[Post]:
    """Live posts with what a post's own page shows (its count comes with its discussion,
    so no grouping over every response here)."""
    return (
        Post.objects.live()
        .select_related("author__profile__avatar", "featured_image")
        .prefetch_related("categories", "tags")
    )


def live_pages() -> QuerySet[Page]:
    return Page.objects.live().select_related("parent", "author__profile")


def menu_pages() -> list[Page]:
    return list(live_pages().filter(show_in_menu=True, parent__isnull=True))


@dataclass
class ThreadNode:
    """A comment with its replies, and its number among the top-level comments."""

    response: Response
    depth: int
    number: int | None = None
    children: list["ThreadNode"] = field(default_factory=list)

    @property
    def awaiting_moderation(self) -> bool:
        return self.response.status != ResponseStatus.APPROVED


@dataclass
class Discussion:
    """The approved responses of one post or page, as its page shows them."""

    thread: list[ThreadNode]
    pings: list[Response]
    count: int
    max_depth: int = DEFAULT_THREAD_DEPTH


def discussion(
    entry: Post | Page, max_depth: int = DEFAULT_THREAD_DEPTH, owner_key: str = ""
) -> Discussion:
    """Approved comments as a thread (replies past `max_depth` attach at the deepest level),
    and pingbacks, trackbacks and webmentions listed apart; all of them count. With
    `owner_key`, that poster's own held responses are threaded in too (they do not count)."""
    visible = Q(status=ResponseStatus.APPROVED)
    if owner_key:
        own = Q(owner_key=owner_key, status__in=[ResponseStatus.PENDING, ResponseStatus.SPAM])
        visible |= own
    # Only what the page shows: not the raw text, the guard's reasons (JSON) or the agent.
    shown = ["parent_id", "type", "status", "author_name", "author_url", "created_at", "text_html"]
    responses = list(Response.objects.filter(visible, **on(entry)).only(*shown))
    comments = [r for r in responses if r.type == ResponseType.COMMENT]
    pings = [r for r in responses if r.type != ResponseType.COMMENT]
    count = sum(1 for r in responses if r.status == ResponseStatus.APPROVED)
    nodes: dict[int, ThreadNode] = {}
    roots: list[ThreadNode] = []
    numbered = 0
    for response in comments:  # oldest first, so a parent is placed before its replies
        parent = nodes.get(response.parent_id) if response.parent_id else None
        while parent is not None and parent.depth >= max_depth:
            parent = nodes.get(parent.response.parent_id)
        node = ThreadNode(response, depth=parent.depth + 1 if parent else 1)
        nodes[response.pk] = node
        if parent is None:
            if not node.awaiting_moderation:  # numbers are the ones every reader sees
                numbered += 1
                node.number = numbered
            roots.append(node)
        else:
            parent.children.append(node)
    return Discussion(thread=roots, pings=pings, count=count, max_depth=max_depth)


def adjacent_posts(post: Post, shared) -> tuple[Post | None, Post | None]:
    """The live posts published just before and just after `post` (one query, or none when
    this process showed the post since the last change)."""
    return shared.remember(("adjacent", post.pk), lambda: _adjacent(post, shared))


def remember_posts(slugs: list[str], shared) -> None:
    """Load the live posts with these slugs and their neighbours in a few queries, and keep
    them as their pages would (for rendering many post pages in a row)."""
    from django.utils import timezone

    posts = list(post_for_page().filter(slug__in=slugs))
    now = timezone.now()
    around = {post.pk: shared.neighbours(post, now) for post in posts}
    wanted = {pk for pair in around.values() for pk in pair if pk is not None}
    found = Post.objects.filter(pk__in=wanted).select_related("author__profile")
    if "%category%" in shared.site.permalink:
        found = found.prefetch_related("categories")
    by_id = {p.pk: p for p in found}
    for post in posts:
        earlier, later = around[post.pk]
        shared.remembered[("slug", post.slug)] = post
        shared.remembered[("adjacent", post.pk)] = (by_id.get(earlier), by_id.get(later))


def _adjacent(post: Post, shared) -> tuple[Post | None, Post | None]:
    from django.utils import timezone

    earlier, later = shared.neighbours(post, timezone.now())
    wanted = [pk for pk in (earlier, later) if pk is not None]
    if not wanted:
        return None, None
    found = Post.objects.filter(pk__in=wanted).select_related("author__profile")
    if "%category%" in shared.site.permalink:
        found = found.prefetch_related("categories")
    by_id = {p.pk: p for p in found}
    return by_id.get(earlier), by_id.get(later)
