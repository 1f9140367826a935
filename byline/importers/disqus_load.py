"""Load a Disqus export into the site: one transaction, keyed on Disqus's ids, re-runnable.

`import_disqus` streams records from disqus.py. Each comment's thread is matched to a post or
page (disqus_match.py) and comments are written in batches; replies are threaded at the end,
once every comment of the file has its response. A broken file raises DisqusError, site unchanged.
"""

import ipaddress
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone

from byline.content.models import Site
from byline.importers.comments import comment_text
from byline.importers.disqus import DisqusError, DisqusPost, DisqusRecord, Thread, parse_disqus
from byline.importers.disqus_match import Entry, ThreadMatcher, not_found_reason
from byline.importers.models import ImportedItem
from byline.importers.report import ImportReport
from byline.importers.wordpress import fingerprint
from byline.responses.models import Response, ResponseStatus, ResponseType, render_text

SOURCE = "disqus"  # Disqus ids are unique across all of Disqus: one source for every forum
KIND = "comment"
BATCH = 500
FIELDS = [
    "post", "page", "type", "status", "author_name", "author_email", "author_ip", "created_at",
    "text", "text_html", "status_changed_at",
]  # fmt: skip
LISTED = 10  # ids named in a note before "…"

__all__ = ["DisqusError", "DisqusLoader", "import_disqus"]


def _ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def _entry_key(entry: Entry) -> tuple[str, int]:
    return (entry._meta.model_name, entry.pk)


def _status(post: DisqusPost) -> str:
    if post.is_deleted:
        return ResponseStatus.TRASH
    return ResponseStatus.SPAM if post.is_spam else ResponseStatus.APPROVED


def _fill(response: Response, post: DisqusPost, thread: Thread, entry: Entry) -> None:
    response.entry = entry
    response.type = ResponseType.COMMENT
    response.status = _status(post)
    # Deleted and spam stay their days from the import, as if put away then.
    put_away = response.status in (ResponseStatus.SPAM, ResponseStatus.TRASH)
    response.status_changed_at = timezone.now() if put_away else None
    response.author_name = (post.author_name or "Anonymous")[:200]
    response.author_email = post.author_email[:254]
    response.author_ip = _ip(post.ip_address)
    # Without its own date (a hand-made file) the thread's is the best there is.
    when = post.created_at or thread.created_at or entry.published_at
    response.created_at = when or timezone.now()
    response.text = comment_text(post.message)  # Disqus's HTML, shown as WordPress's is
    response.text_html = render_text(response.text, ResponseType.COMMENT)


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:LISTED])
    return shown + (", …" if len(ids) > LISTED else "")


class DisqusLoader:
    """What one import knows: the file's threads, and where each comment went."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.matcher = ThreadMatcher()
        self.threads: dict[str, Thread] = {}
        self.batch: list[DisqusPost] = []
        self.waiting: list[DisqusPost] = []  # their thread comes later in the file (or never)
        self.seen: set[str] = set()
        self.placed: dict[str, tuple[int, str]] = {}  # dsq:id → (response pk, thread dsq:id)
        self.changed: list[tuple[str, str]] = []  # (dsq:id, parent dsq:id) written this run

    def load(self, record: DisqusRecord) -> None:
        if isinstance(record, Thread):
            self.thread(record)
        else:
            self.post(record)

    def thread(self, thread: Thread) -> None:
        if not thread.dsq_id:
            return  # no comment can point at it
        if thread.dsq_id in self.threads:
            self.report.note(f"Thread {thread.dsq_id} is twice in the file: the first is used.")
            return
        self.threads[thread.dsq_id] = thread

    def post(self, post: DisqusPost) -> None:
        if not post.dsq_id:
            self.report.skip("comments", "no dsq:id")
            return
        if post.dsq_id in self.seen:
            self.report.skip("comments", "its dsq:id appears twice in the file: the first is used")
            return
        self.seen.add(post.dsq_id)
        (self.batch if post.thread in self.threads else self.waiting).append(post)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Create, update or leave alone each comment of the batch."""
        posts, self.batch = self.batch, []
        targets: list[tuple[DisqusPost, Thread, Entry]] = []
        for post in posts:
            thread = self.threads.get(post.thread)
            if thread is None:
                reason = f"thread {post.thread} is not in the file (an orphan)"
                self.report.skip("comments", reason if post.thread else "it names no thread")
                continue
            match = self.matcher.match(thread)
            if match is None:
                self.report.skip("comments", not_found_reason(thread))
                continue
            targets.append((post, thread, match.entry))
        if not targets:
            return
        mappings = {
            m.source_id: m
            for m in ImportedItem.objects.filter(
                source=SOURCE, kind=KIND, source_id__in=[p.dsq_id for p, _t, _e in targets]
            )
        }
        wanted = [m.object_id for m in mappings.values() if m.object_id is not None]
        existing = set(Response.objects.filter(pk__in=wanted).values_list("pk", flat=True))
        created: list[tuple[DisqusPost, Response, str]] = []
        updated: list[tuple[DisqusPost, Response, ImportedItem]] = []
        for post, thread, entry in targets:
            fp = fingerprint(post, _entry_key(entry))
            mapping = mappings.get(post.dsq_id)
            pk = mapping.object_id if mapping and mapping.object_id in existing else None
            if pk is not None and mapping.fingerprint == fp:
                self.report.count("comments", "unchanged")
                self.placed[post.dsq_id] = (pk, post.thread)
                continue
            # Every field the import sets is filled below: the row itself need not be read.
            response = Response(pk=pk)
            if pk is None:
                created.append((post, response, fp))
            else:
                mapping.fingerprint, mapping.imported_at = fp, timezone.now()
                updated.append((post, response, mapping))
            _fill(response, post, thread, entry)
        self._update(updated)
        self._create(created, mappings)

    def _update(self, updated: list[tuple[DisqusPost, Response, ImportedItem]]) -> None:
        if not updated:
            return
        Response.objects.bulk_update([r for _p, r, _m in updated], FIELDS)
        ImportedItem.objects.bulk_update(
            [m for _p, _r, m in updated], ["fingerprint", "imported_at"]
        )
        for post, response, _mapping in updated:
            self.report.count("comments", "updated")
            self.placed[post.dsq_id] = (response.pk, post.thread)
            self.changed.append((post.dsq_id, post.parent))

    def _create(
        self, created: list[tuple[DisqusPost, Response, str]], mappings: dict[str, ImportedItem]
    ) -> None:
        if not created:
            return
        try:
            with transaction.atomic():
                Response.objects.bulk_create([r for _p, r, _f in created])
            saved = created
        except DatabaseError:  # one bad row: save them one by one to tell which
            saved = []
            for post, response, fp in created:
                response.pk = None  # a batch that went in before the failure was rolled back
                try:
                    with transaction.atomic():
                        response.save()
                    saved.append((post, response, fp))
                except DatabaseError as exc:
                    self.report.fail("comments", post.dsq_id, f"{type(exc).__name__}: {exc}")
        new: list[ImportedItem] = []
        for post, response, fp in saved:
            found = mappings.get(post.dsq_id)
            fresh = ImportedItem.point(found, SOURCE, KIND, post.dsq_id[:300], response.pk, fp)
            if fresh is not None:
                new.append(fresh)
            self.report.count("comments", "created")
            self.placed[post.dsq_id] = (response.pk, post.thread)
            self.changed.append((post.dsq_id, post.parent))
        ImportedItem.objects.bulk_create(new)

    def finish(self) -> None:
        """What waited for the whole file: comments before their thread, and the threading."""
        self.batch.extend(self.waiting)
        self.waiting = []
        self.flush()
        self._thread_replies()
        self._note_matches()
        if self.report.total("created") or self.report.total("updated"):
            # Responses went in by bulk insert, which sends no signal: saving the site's row
            # tells the page store that every page may have changed.
            Site.current().save()

    def _thread_replies(self) -> None:
        """Point each new or changed comment at the comment it replies to, in its thread."""
        replies: list[Response] = []
        missing: list[str] = []
        elsewhere: list[str] = []
        for number, (dsq_id, parent) in enumerate(self.changed, 1):
            pk, thread = self.placed[dsq_id]
            parent_pk = None
            if parent:
                found = self.placed.get(parent)
                if found is None:
                    missing.append(dsq_id)
                elif found[1] != thread:
                    elsewhere.append(dsq_id)
                elif found[0] != pk:
                    parent_pk = found[0]
            replies.append(Response(pk=pk, parent_id=parent_pk))
            if len(replies) == BATCH or number == len(self.changed):
                Response.objects.bulk_update(replies, ["parent"])
                replies = []  # a batch at a time keeps memory flat
        if missing:
            self.report.note(
                f"{len(missing)} replies kept unthreaded: the comment they answer is not in the "
                f"file or was not imported (dsq:id {_ids(missing)})."
            )
        if elsewhere:
            self.report.note(
                f"{len(elsewhere)} replies kept unthreaded: the comment they answer is in "
                f"another thread (dsq:id {_ids(elsewhere)})."
            )

    def _note_matches(self) -> None:
        found = self.matcher.found.values()
        ways = Counter(m.how for m in found if m is not None)
        if ways:
            how = ", ".join(f"{n} by {way}" for way, n in sorted(ways.items()))
            self.report.note(f"Threads matched to posts and pages: {how}.")
        lost = sum(1 for m in found if m is None)
        if lost:
            self.report.note(
                f"{lost} threads with comments matched no post or page: their comments are "
                "skipped (see above). Import the posts first, then run this again."
            )
        if not self.seen:
            self.report.note("The file holds no comments.")


def import_disqus(
    path: Path, dry_run: bool = False, progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Import the Disqus export at `path` (plain or gzipped XML) onto the site's posts and
    pages. All or nothing: DisqusError for a broken or hostile file, site unchanged.
    `progress` is called with the number of bytes read so far."""
    from byline.responses.outbox import quiet

    report = ImportReport(dry_run=dry_run)
    with quiet(), transaction.atomic():
        loader = DisqusLoader(report)
        for record in parse_disqus(path, progress=progress):
            loader.load(record)
        loader.finish()
        if dry_run:
            transaction.set_rollback(True)
    return report
