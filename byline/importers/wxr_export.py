"""`export_wordpress`: the whole site as a WordPress export (WXR 1.2), written as it is read.

Posts are read in chunks with their terms and responses, so 10,000 posts and 100,000 responses
need no more memory than a few hundred of them. The file appears only when it is complete.
WordPress's importer and Byline's own read it; docs/export.md says what each one keeps.
"""

import html
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

import phpserialize
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.text import slugify

from byline import __version__
from byline.content.links import Links
from byline.content.markup import render_markdown
from byline.content.models import Category, Media, Page, Post, Site, Status, Tag
from byline.importers.models import ImportedItem
from byline.importers.wxr_writer import (
    CLOSING,
    ExportError,
    cdata,
    channel,
    comment,
    element,
    item,
    opening,
    postmeta,
    rss_date,
    wp_date,
    wp_slug,
    write_file,
)
from byline.responses.models import Response, ResponseStatus, ResponseType

CHUNK = 200  # posts read at once, with their terms and responses
APPROVED = {
    ResponseStatus.APPROVED: "1",
    ResponseStatus.PENDING: "0",
    ResponseStatus.SPAM: "spam",
    ResponseStatus.TRASH: "trash",
}
# WordPress stores a reader's comment with an empty type; pings and webmentions by name.
COMMENT_TYPES = {ResponseType.COMMENT: ""}
COUNTED_AS = {
    ResponseType.COMMENT: "comments",
    ResponseType.PINGBACK: "pingbacks",
    ResponseType.TRACKBACK: "trackbacks",
    ResponseType.WEBMENTION: "webmentions",
}
KINDS = (
    "authors", "categories", "tags", "attachments", "posts", "pages", "comments", "pingbacks",
    "trackbacks", "webmentions",
)  # fmt: skip
WEB_ADDRESS = ("http://", "https://")

__all__ = ["KINDS", "ExportError", "export_wordpress", "write_wxr"]


class _Context:
    """What every item needs: the site, its addresses, and WordPress ids for pages and media."""

    def __init__(self, absolute_media_links: bool) -> None:
        self.site = Site.current()
        self.zone = self.site.tzinfo
        self.base = settings.SITE_URL.rstrip("/")
        self.media_url = settings.MEDIA_URL
        self.absolute_media_links = absolute_media_links and self.media_url.startswith("/")
        self.counts: Counter = Counter()
        self.markdown = 0
        self.logins: dict[int, str] = {}
        self.categories = {c.pk: c for c in Category.objects.order_by("pk")}
        self.links = Links(self.site, _category_paths(self.categories))
        self.page_rows = {
            row[0]: row[1:] for row in Page.objects.values_list("pk", "slug", "parent_id")
        }
        self.page_ids, self.media_ids = _wordpress_ids()
        self.featured_in = dict(
            Post.objects.filter(featured_image__isnull=False)
            .order_by("-pk")
            .values_list("featured_image_id", "pk")
        )  # media pk → a post showing it (the lowest pk wins): WordPress's "uploaded to"

    def absolute(self, url: str) -> str:
        url = iri_to_uri(url)
        return self.base + url if url.startswith("/") and not url.startswith("//") else url

    def text(self, html: str) -> str:
        """Post text as exported: links to this site's media made absolute when asked, so
        WordPress's importer, which downloads each attachment, points them at its copies."""
        if not self.absolute_media_links or not html:
            return html
        pattern = r"(?<=[\s\"'(=,])" + re.escape(self.media_url)
        return re.sub(pattern, lambda m: self.base + m.group(0), html)

    def page_link(self, pk: int) -> str:
        slugs, node, seen = [], pk, set()
        while node in self.page_rows and node not in seen:
            seen.add(node)
            slug, parent = self.page_rows[node]
            slugs.insert(0, slug)
            node = parent
        return self.absolute("/" + "/".join(slugs) + "/")


def _category_paths(categories: dict[int, Category]) -> dict[int, str]:
    """`parent/child` slug paths of every category, from memory (a cycle stops the walk)."""
    paths = {}
    for pk, category in categories.items():
        slugs, node, seen = [category.slug], category.parent_id, {pk}
        while node in categories and node not in seen:
            seen.add(node)
            slugs.insert(0, categories[node].slug)
            node = categories[node].parent_id
        paths[pk] = "/".join(slugs)
    return paths


def _wordpress_ids() -> tuple[dict[int, int], dict[int, int]]:
    """WordPress ids for pages and media. WordPress numbers posts, pages and attachments from
    one counter, and its importer finds page parents and featured images by that number: posts
    keep their ids, and a page or image whose id a post already has gets a free one."""
    post_pks = set(Post.objects.values_list("pk", flat=True))
    page_pks = sorted(Page.objects.values_list("pk", flat=True))
    media_pks = sorted(Media.objects.values_list("pk", flat=True))
    taken = set(post_pks)
    next_free = max([0, *post_pks, *page_pks, *media_pks]) + 1
    maps: list[dict[int, int]] = []
    for pks in (page_pks, media_pks):
        mapping = {}
        for pk in pks:
            if pk in taken:
                mapping[pk], next_free = next_free, next_free + 1
            else:
                mapping[pk] = pk
            taken.add(mapping[pk])
        maps.append(mapping)
    return maps[0], maps[1]


def _ordered_categories(categories: dict[int, Category]) -> list[Category]:
    """Parents before their children, as WordPress's importer needs them."""
    ordered: list[Category] = []
    placed: set[int] = set()
    for category in categories.values():
        chain, node = [], category
        while node is not None and node.pk not in placed and node not in chain:
            chain.append(node)
            node = categories.get(node.parent_id)
        for found in reversed(chain):
            placed.add(found.pk)
            ordered.append(found)
    return ordered


def _authors(ctx: _Context) -> Iterator[str]:
    """Everyone whose name is on something: authors, uploaders, signed-in responders."""
    ids = set(Post.objects.values_list("author_id", flat=True).distinct())
    ids |= set(Page.objects.values_list("author_id", flat=True).distinct())
    ids |= set(Media.objects.exclude(uploaded_by=None).values_list("uploaded_by_id", flat=True))
    ids |= set(Response.objects.exclude(user=None).values_list("user_id", flat=True).distinct())
    users = get_user_model().objects.filter(pk__in=ids).select_related("profile").order_by("pk")
    for user in users:
        login = user.get_username()
        ctx.logins[user.pk] = login
        profile = getattr(user, "profile", None)
        display = profile.display_name if profile else user.get_full_name() or login
        ctx.counts["authors"] += 1
        # One line per author: WordPress's regex parser reads an author only from one line.
        yield (
            "\t<wp:author>"
            + element("wp:author_id", user.pk)
            + element("wp:author_login", login)
            + element("wp:author_email", user.email)
            + element("wp:author_display_name", display)
            + element("wp:author_first_name", user.first_name)
            + element("wp:author_last_name", user.last_name)
            + "</wp:author>\n"
        )


def _terms(ctx: _Context) -> Iterator[str]:
    categories = _ordered_categories(ctx.categories)
    for category in categories:
        parent = ctx.categories.get(category.parent_id)
        ctx.counts["categories"] += 1
        yield (
            "\t<wp:category>"
            + element("wp:term_id", category.pk)
            + element("wp:category_nicename", wp_slug(category.slug))
            + element("wp:category_parent", wp_slug(parent.slug) if parent else "")
            + element("wp:cat_name", category.name)
            + element("wp:category_description", category.description)
            + "</wp:category>\n"
        )
    # WordPress numbers all terms from one counter: tags are numbered after the categories.
    tag_offset = max(ctx.categories, default=0)
    tags = list(Tag.objects.order_by("pk"))
    for tag in tags:
        ctx.counts["tags"] += 1
        yield (
            "\t<wp:tag>"
            + element("wp:term_id", tag_offset + tag.pk)
            + element("wp:tag_slug", wp_slug(tag.slug))
            + element("wp:tag_name", tag.name)
            + "</wp:tag>\n"
        )
    # WordPress 4.x and later list every term once more in the generic form.
    for taxonomy, terms, offset in (("category", categories, 0), ("post_tag", tags, tag_offset)):
        for term in terms:
            parent = ctx.categories.get(getattr(term, "parent_id", None))
            yield (
                "\t<wp:term>"
                + element("wp:term_id", offset + term.pk)
                + element("wp:term_taxonomy", taxonomy)
                + element("wp:term_slug", wp_slug(term.slug))
                + element("wp:term_parent", wp_slug(parent.slug) if parent else "")
                + element("wp:term_name", term.name)
                + "</wp:term>\n"
            )


def _attached_file(media: Media) -> str:
    """Where the file sits under the uploads folder (`2014/01/name.jpg`), as WordPress says."""
    if media.file:
        return media.file.name
    path = unquote(urlsplit(media.source_url).path)
    return path.split("/wp-content/uploads/", 1)[1] if "/wp-content/uploads/" in path else ""


def _attachment(ctx: _Context, media: Media) -> str | None:
    url = ctx.absolute(media.url) if media.url else ""
    if not url.startswith(WEB_ADDRESS):
        return None  # no file and no address: nothing either importer could fetch or keep
    wp_id = ctx.media_ids[media.pk]
    name = media.title or os.path.splitext(os.path.basename(urlsplit(url).path))[0]
    fields: list[tuple[str, str | int]] = [
        ("title", media.title),
        ("link", f"{ctx.base}/?attachment_id={wp_id}"),
        ("pubDate", rss_date(media.uploaded_at)),
        ("dc:creator", ctx.logins.get(media.uploaded_by_id, "")),
        ("guid", url),
        ("description", ""),
        ("content:encoded", ""),
        ("excerpt:encoded", media.caption),
        ("wp:post_id", wp_id),
        ("wp:post_date", wp_date(media.uploaded_at, ctx.zone)),
        ("wp:post_date_gmt", wp_date(media.uploaded_at)),
        ("wp:comment_status", "closed"),
        ("wp:ping_status", "closed"),
        ("wp:post_name", wp_slug(slugify(unquote(name), allow_unicode=True))),
        ("wp:status", "inherit"),
        ("wp:post_parent", ctx.featured_in.get(media.pk, 0)),
        ("wp:menu_order", 0),
        ("wp:post_type", "attachment"),
        ("wp:post_password", ""),
        ("wp:is_sticky", 0),
        ("wp:attachment_url", url),
    ]
    meta = []
    if attached := _attached_file(media):
        meta.append(postmeta("_wp_attached_file", attached))
    if media.width and media.height:
        data = {"width": media.width, "height": media.height, "file": attached}
        meta.append(postmeta("_wp_attachment_metadata", phpserialize.dumps(data).decode()))
    if media.alt:
        meta.append(postmeta("_wp_attachment_image_alt", media.alt))
    ctx.counts["attachments"] += 1
    return item(fields, meta)


def _comment(ctx: _Context, response: Response) -> str:
    kind = response.type
    ctx.counts[COUNTED_AS.get(kind, "comments")] += 1
    # A comment written here is Markdown, which WordPress does not know: it goes out as readers
    # saw it. An imported one is WordPress's (or Disqus's) HTML, and a ping a plain excerpt.
    written_here = kind == ResponseType.COMMENT and not getattr(response, "imported", False)
    content = response.text_html.strip() if written_here else response.text
    fields = [
        element("wp:comment_id", response.pk),
        element("wp:comment_author", response.author_name),
        element("wp:comment_author_email", response.author_email),
        element("wp:comment_author_url", response.author_url),
        element("wp:comment_author_IP", response.author_ip or ""),
        element("wp:comment_date", wp_date(response.created_at, ctx.zone)),
        element("wp:comment_date_gmt", wp_date(response.created_at)),
        element("wp:comment_content", content),
        element("wp:comment_approved", APPROVED.get(response.status, "0")),
        element("wp:comment_type", COMMENT_TYPES.get(kind, kind)),
        element("wp:comment_parent", response.parent_id or 0),
        element("wp:comment_user_id", response.user_id or 0),
    ]
    return comment(fields)


def _entry_fields(ctx: _Context, entry: Post | Page, wp_id: int, kind: str, link: str) -> list:
    is_markdown = entry.body_format == "markdown"
    ctx.markdown += is_markdown
    body = entry.body_html.strip() if is_markdown else entry.body
    excerpt = getattr(entry, "excerpt", "")
    if is_markdown and excerpt.strip():
        excerpt = render_markdown(excerpt).strip()
    when = entry.published_at
    fields: list[tuple[str, str | int]] = [
        # WordPress shows a title as HTML: Byline's, which is text, goes with its `<` and `&`
        # written as entities, so that it reads the same there (and comes back the same).
        ("title", html.escape(entry.title, quote=False)),
        ("link", link),
        *([("pubDate", rss_date(when))] if when else []),
        ("dc:creator", ctx.logins.get(entry.author_id, "")),
        ("guid", f"{ctx.base}/?{'p' if kind == 'post' else 'page_id'}={wp_id}"),
        ("description", ""),
        ("content:encoded", ctx.text(body)),
        ("excerpt:encoded", ctx.text(excerpt)),
        ("wp:post_id", wp_id),
        # A draft has a local date (when it was written) but no GMT one, as in WordPress.
        ("wp:post_date", wp_date(when or entry.created_at, ctx.zone)),
        ("wp:post_date_gmt", wp_date(when)),
        ("wp:post_modified", wp_date(entry.updated_at, ctx.zone)),
        ("wp:post_modified_gmt", wp_date(entry.updated_at)),
        ("wp:comment_status", entry.comment_status),
        ("wp:ping_status", getattr(entry, "ping_status", "closed")),
        ("wp:post_name", wp_slug(entry.slug)),
        ("wp:status", entry.status),
    ]
    return fields


def _post(ctx: _Context, post: Post, responses: list[Response]) -> str:
    visible = post.status in (Status.PUBLISHED, Status.SCHEDULED, Status.PRIVATE)
    link = ctx.absolute(ctx.links.post(post)) if visible else f"{ctx.base}/?p={post.pk}"
    fields = _entry_fields(ctx, post, post.pk, "post", link)
    fields += [
        ("wp:post_parent", 0),
        ("wp:menu_order", 0),
        ("wp:post_type", "post"),
        ("wp:post_password", post.password),
        ("wp:is_sticky", int(post.sticky)),
    ]
    extra = [
        f'\t\t<category domain="category" nicename="{wp_slug(c.slug)}">{cdata(c.name)}</category>\n'
        for c in sorted(post.categories.all(), key=lambda c: c.pk)
    ]
    extra += [
        f'\t\t<category domain="post_tag" nicename="{wp_slug(t.slug)}">{cdata(t.name)}</category>\n'
        for t in sorted(post.tags.all(), key=lambda t: t.pk)
    ]
    if post.featured_image_id in ctx.media_ids:
        extra.append(postmeta("_thumbnail_id", str(ctx.media_ids[post.featured_image_id])))
    extra += [_comment(ctx, r) for r in responses]
    ctx.counts["posts"] += 1
    return item(fields, extra)


def _page(ctx: _Context, page: Page, responses: list[Response]) -> str:
    wp_id = ctx.page_ids[page.pk]
    fields = _entry_fields(ctx, page, wp_id, "page", ctx.page_link(page.pk))
    parent = ctx.page_ids.get(page.parent_id, 0) if page.parent_id else 0
    fields += [
        ("wp:post_parent", parent),
        ("wp:menu_order", page.menu_order),
        ("wp:post_type", "page"),
        ("wp:post_password", page.password),
        ("wp:is_sticky", 0),
    ]
    ctx.counts["pages"] += 1
    return item(fields, [_comment(ctx, r) for r in responses])


def _chunks(pks: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(pks), CHUNK):
        yield pks[start : start + CHUNK]


def _responses_by_entry(field: str, pks: list[int]) -> dict[int, list[Response]]:
    """The responses on the posts or pages `pks`, each marked `imported` when it came from
    WordPress or Disqus (its text is their HTML, not Byline's Markdown)."""
    grouped: dict[int, list[Response]] = {}
    imported = ImportedItem.objects.filter(kind="comment", object_id=OuterRef("pk"))
    rows = Response.objects.filter(**{f"{field}_id__in": pks}).order_by("pk")
    rows = rows.annotate(imported=Exists(imported)).defer("guard_reasons", "owner_key")
    for response in rows:
        grouped.setdefault(getattr(response, f"{field}_id"), []).append(response)
    return grouped


def _items(ctx: _Context, tick: Callable[[], None]) -> Iterator[str]:
    for media in Media.objects.order_by("pk").iterator(chunk_size=CHUNK):
        text = _attachment(ctx, media)
        if text is not None:
            yield text
        tick()
    post_pks = list(Post.objects.order_by("pk").values_list("pk", flat=True))
    for pks in _chunks(post_pks):
        posts = Post.objects.filter(pk__in=pks).order_by("pk").select_related("author__profile")
        responses = _responses_by_entry("post", pks)
        for post in posts.prefetch_related("categories", "tags"):
            yield _post(ctx, post, responses.get(post.pk, []))
            tick()
    for pks in _chunks(sorted(ctx.page_rows)):
        responses = _responses_by_entry("page", pks)
        for page in Page.objects.filter(pk__in=pks).order_by("pk"):
            yield _page(ctx, page, responses.get(page.pk, []))
            tick()


@contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of the site for the whole export, without holding writers back."""
    if connection.in_atomic_block:
        yield  # inside a caller's transaction (a test): its view is the snapshot
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield
        return
    if connection.vendor == "sqlite":
        # Django begins SQLite transactions IMMEDIATE (a write lock): a plain BEGIN only reads.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
        return
    yield


def write_wxr(
    out: TextIO,
    absolute_media_links: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Counter:
    """Write the site as WXR 1.2 to the text stream `out`; the counts of what was written
    per kind, and under "markdown" how many posts and pages went out as rendered HTML."""
    Site.current()  # made before the snapshot, which may be read-only
    with _snapshot():
        ctx = _Context(absolute_media_links)
        total = Media.objects.count() + Post.objects.count() + len(ctx.page_rows)
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, total)

        out.write(opening(f"Byline/{__version__}", timezone.now()))
        site = ctx.site
        out.write(channel(site.title, ctx.base, site.tagline, site.language, timezone.now()))
        for part in (_authors(ctx), _terms(ctx), _items(ctx, tick)):
            for text in part:
                out.write(text)
        out.write(CLOSING)
    counts = Counter({kind: ctx.counts[kind] for kind in KINDS})
    counts["markdown"] = ctx.markdown
    return counts


def export_wordpress(
    path: Path,
    absolute_media_links: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Counter:
    """Write the site's WordPress export to `path`, replacing it only once the whole file is
    written; ExportError when it cannot be. `progress(done, total)` hears of each item."""
    return write_file(Path(path), lambda out: write_wxr(out, absolute_media_links, progress))
