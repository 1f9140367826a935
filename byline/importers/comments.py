"""A post's WordPress comments, pingbacks and trackbacks as Byline responses, threads kept.

Written in bulk (an export may hold 100,000 comments), each keeping its WordPress id as its
Byline id when free so that old `#comment-ID` links still land on it.
"""

import ipaddress
import re
from datetime import UTC

from django.utils import timezone

from byline.content.autop import wpautop
from byline.content.models import Page, Post
from byline.ids import row_id
from byline.importers.models import ImportedItem
from byline.importers.records import Comment, Item
from byline.importers.wordpress import WordPressLoader, fingerprint
from byline.responses.entries import on
from byline.responses.models import Response, ResponseStatus, ResponseType, render_text

STATUSES = {
    "1": ResponseStatus.APPROVED,
    "approve": ResponseStatus.APPROVED,
    "0": ResponseStatus.PENDING,
    "hold": ResponseStatus.PENDING,
    "spam": ResponseStatus.SPAM,
    "trash": ResponseStatus.TRASH,
    "post-trashed": ResponseStatus.TRASH,
}
TYPES = {
    "": ResponseType.COMMENT,
    "comment": ResponseType.COMMENT,
    "pingback": ResponseType.PINGBACK,
    "trackback": ResponseType.TRACKBACK,
    "webmention": ResponseType.WEBMENTION,
}
COUNTED_AS = {
    ResponseType.COMMENT: "comments",
    ResponseType.PINGBACK: "pingbacks",
    ResponseType.TRACKBACK: "trackbacks",
    ResponseType.WEBMENTION: "webmentions",
}
FIELDS = [
    "type", "status", "author_name", "author_email", "author_url", "author_ip", "user_id",
    "created_at", "text", "text_html", "status_changed_at",
]  # fmt: skip


def comment_text(content: str) -> str:
    """A WordPress comment's HTML with WordPress's paragraphs, kept as one HTML block (no blank
    line), so Byline's Markdown renderer passes it through as WordPress showed it."""
    return re.sub(r"\n\s*\n", "\n", wpautop(content)).strip()


def _ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def _fill(
    loader: WordPressLoader, response: Response, comment: Comment, kind: str, post: Post | Page
):
    response.type = kind
    response.status = STATUSES.get(comment.approved, ResponseStatus.PENDING)
    # Spam and trash stay their days from the import, as from being put away in WordPress.
    put_away = response.status in (ResponseStatus.SPAM, ResponseStatus.TRASH)
    response.status_changed_at = timezone.now() if put_away else None
    response.author_name = (comment.author or "Anonymous")[:200]
    response.author_email = comment.author_email[:254]
    url = comment.author_url
    response.author_url = url if len(url) <= 500 else ""
    response.author_ip = _ip(comment.author_ip)
    response.user_id = loader.user_ids.get(comment.user_id)
    # Without a GMT date (a hand-made export) the local one is the best there is.
    local = comment.date.replace(tzinfo=UTC) if comment.date else None
    response.created_at = comment.date_gmt or local or post.published_at or timezone.now()
    content = comment.content
    response.text = comment_text(content) if kind == ResponseType.COMMENT else content
    response.text_html = render_text(response.text, kind)


def load_comments(loader: WordPressLoader, item: Item, post: Post | Page) -> None:
    """Create, update or leave alone each comment of `item` on `post` (a post or a page),
    then thread them."""
    comments = [c for c in item.comments if c.id]
    report = loader.report
    for _missing in range(len(item.comments) - len(comments)):
        report.skip("comments", "no wp:comment_id")
    if not comments:
        return
    ids = [c.id for c in comments]
    mappings = {
        m.source_id: m
        for m in ImportedItem.objects.filter(
            source=loader.source, kind="comment", source_id__in=ids
        )
    }
    mapped_pks = [m.object_id for m in mappings.values() if m.object_id]
    existing = Response.objects.in_bulk(mapped_pks)
    numeric = [pk for pk in map(row_id, ids) if pk and pk < 2**62]
    taken = set(Response.objects.filter(pk__in=numeric).values_list("pk", flat=True))
    pks: dict[str, int] = {}  # WordPress comment id → response pk
    created: list[tuple[Comment, Response, str]] = []
    updated: list[Response] = []
    new_mappings: list[ImportedItem] = []
    changed: set[str] = set()
    for comment in comments:
        kind = TYPES.get(comment.type)
        if kind is None:
            report.skip("comments", f"type “{comment.type}”: a plugin's note, not a response")
            continue
        counted = COUNTED_AS[kind]
        fp = fingerprint(comment)
        mapping = mappings.get(comment.id)
        response = existing.get(mapping.object_id) if mapping else None
        if response is not None and mapping.fingerprint == fp:
            report.count(counted, "unchanged")
            pks[comment.id] = response.pk
            continue
        changed.add(comment.id)
        if response is not None:
            _fill(loader, response, comment, kind, post)
            updated.append(response)
            mapping.fingerprint = fp
            mapping.save(update_fields=["fingerprint", "imported_at"])
            report.count(counted, "updated")
            pks[comment.id] = response.pk
            continue
        wanted = row_id(comment.id)
        wanted = wanted if wanted and wanted < 2**62 else None
        response = Response(**on(post), pk=wanted if wanted not in taken else None)
        if response.pk is not None:
            taken.add(response.pk)
            pks[comment.id] = response.pk
        _fill(loader, response, comment, kind, post)
        created.append((comment, response, fp))
        report.count(counted, "created")
    # Replies whose parent's id is known go in threaded at once (foreign keys are checked at
    # commit); the rest are threaded after the insert.
    for comment, response, _fp in created:
        response.parent_id = pks.get(comment.parent)
        if response.parent_id is not None and response.pk is not None:
            changed.discard(comment.id)
    if created:
        Response.objects.bulk_create([r for _c, r, _f in created])
        for comment, response, fp in created:
            pks[comment.id] = response.pk
            found = mappings.get(comment.id)
            fresh = ImportedItem.point(found, loader.source, "comment", comment.id, response.pk, fp)
            if fresh is not None:
                new_mappings.append(fresh)
        ImportedItem.objects.bulk_create(new_mappings)
    if updated:
        Response.objects.bulk_update(updated, FIELDS)
    _thread(comments, pks, changed)


def _thread(comments: list[Comment], pks: dict[str, int], changed: set[str]) -> None:
    """Point each new or changed reply at its parent (which may come later in the file)."""
    replies = [
        Response(pk=pks[c.id], parent_id=pks.get(c.parent))
        for c in comments
        if c.id in changed and c.id in pks and c.parent not in ("", "0")
    ]
    if replies:
        Response.objects.bulk_update(replies, ["parent"])
