"""From a saved change to fresh pages: model signals → deps → the page store, after commit,
on this node at once and on the other nodes through the broadcast."""

import logging
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
    pre_save,
)

from byline.content import snapshot
from byline.content.links import RESPONSES_PAGE
from byline.content.models import (
    AuthorProfile,
    Category,
    Media,
    MenuItem,
    Page,
    Post,
    Site,
    Tag,
)
from byline.importers.models import Redirect
from byline.publish import deps, site_store
from byline.responses.models import Discussion, Response

log = logging.getLogger(__name__)
_pending = threading.local()


def _queue(affected: deps.Affected | None = None, in_place: Post | Page | None = None) -> None:
    """Collect what a transaction changes; apply it once, when it commits. A response, or an
    edit that leaves a post where it stands in every listing, names the post or page
    (`in_place`): which pages show it is worked out after the commit, so that the database's
    one writer is not kept waiting for it."""
    if site_store() is None:
        return
    connection = transaction.get_connection()
    flush = getattr(_pending, "flush", None)
    # A rolled-back transaction drops its callbacks: then what was collected is stale. (Not the
    # callback's presence alone: tests that capture callbacks run them and leave them there.)
    waiting = flush is not None and any(cb is flush for _, cb, _ in connection.run_on_commit)
    if not waiting:
        _pending.affected, _pending.in_place = None, {}
    if affected is not None:
        _pending.affected = affected if _pending.affected is None else _pending.affected | affected
    if in_place is not None:
        _pending.in_place[(type(in_place), in_place.pk)] = in_place
    if not waiting:
        _pending.flush = _flush_pending
        transaction.on_commit(_flush_pending)  # outside a transaction: at once


def _everything_queued() -> bool:
    """Whether this thread is inside `renewing_everything`."""
    return getattr(_pending, "everything", False)


@contextmanager
def renewing_everything() -> Iterator[None]:
    """Within: every page is renewed once the transaction commits, and what each save
    affects is not worked out (an import saves thousands of posts: 44% of its time went to
    it)."""
    _queue(deps.Affected(everything=True))
    _pending.everything = True
    try:
        yield
    finally:
        _pending.everything = False


def _flush_pending() -> None:
    collected, in_place = _pending.affected, _pending.in_place
    _pending.affected, _pending.in_place, _pending.flush = None, {}, None
    from byline.publish import broadcast

    try:
        affected = collected or deps.Affected()
        if in_place:
            # Which listing page shows an entry follows the order of posts as it is now,
            # committed, not as it was when the request began: the site version is read again
            # (a change that reorders listings after this renews them all itself).
            _fresh, outer = snapshot.begin_request()
            try:
                for entry in in_place.values():
                    affected = affected | deps.in_place_affects(entry)
            finally:
                snapshot.end_request(outer)
        # Responses change no menu and no category list: only other changes are checked.
        apply(affected, check_fingerprint=collected is not None)
        broadcast.send(affected)
    except Exception:
        # The change is committed: its request must not fail now. Every page that may be
        # stale leaves the store instead, here and, if the message gets through, elsewhere.
        log.exception("bringing the page store up to date failed; it starts over")
        _start_over()


def apply(affected: deps.Affected, check_fingerprint: bool = False) -> None:
    """Bring this node's store up to date with a change."""
    from byline.publish.render import publish_path

    store = site_store()
    if store is None:
        return
    store.next_generation()
    if check_fingerprint and store.fingerprint() != deps.shared_fingerprint():
        affected = deps.Affected(everything=True)
    if affected.everything:
        store.clear()
        store.set_fingerprint(deps.shared_fingerprint())
        return
    # The pages the change is about are rendered now; the listings around them are served
    # as they are until the worker renders them again, coalesced (stale-while-revalidate).
    for path in affected.render:
        if "?" not in path:
            publish_path(path)
    stale = [p for tree in affected.trees for p in store.stored_under(tree)]
    stale += [p for p in affected.drop - affected.render if store.has(p)]
    if affected.at_once:
        for path in stale:  # the next reader's request renders it without the post
            store.drop(path)
        return
    store.mark_stale(stale)
    if settings.BYLINE_RENDER_STALE_AT_ONCE:
        render_stale()


# The worker renders a page again at most once per this many times its last render took (in
# CPU time: a loaded machine must not slow it further): a post with thousands of responses
# under a stream of new ones takes a tenth of a core, not all. But never waits longer than
# PACE_CAP: a change shows within a second even after a slow render, such as a process's first.
PACE = 10
PACE_CAP = 0.5
# And in one round (ten a second) it renders for this long at most, one page at least, the
# shallowest first (a listing's first page before its tenth): a post with a hundred stored
# pages of responses, under a stream of new ones, is renewed some pages a round, and the
# worker's process leaves half a core or more to the web workers.
ROUND_SECONDS = 0.1
# Later pages of a listing or of an entry's responses past this one are dropped, not rendered
# again: few readers go that deep, and the next who does has it rendered (and stored) then.
# Renewing every page of a big site's listings after each new post kept a core busy for
# half a minute.
DEEPEST_RENEWED = 10
_PAGED = re.compile(rf"/(?:page/|{RESPONSES_PAGE})([0-9]+)/$")
_last_render: dict[str, tuple[float, float]] = {}  # path: (finished, CPU seconds it took)


def page_number(path: str) -> int:
    """Which page of its listing or of its entry's responses `path` is (1: the first, or a
    page of another kind)."""
    found = _PAGED.search(path)
    return int(found.group(1)) if found else 1


def render_stale(paced: bool = False) -> int:
    """Render again the pages noted stale (the worker does it ten times a second, `paced`), the
    deep ones dropped instead; returns how many were rendered."""
    from byline.publish.render import publish_path

    store = site_store()
    if store is None:
        return 0
    paths, later = store.take_stale(), []
    if len(_last_render) > 10_000:
        _last_render.clear()
    deep = {path for path in paths if page_number(path) > DEEPEST_RENEWED}
    for path in deep:
        store.drop(path)
    round_began, rendered = time.monotonic(), 0
    for path in sorted(paths - deep, key=lambda p: (p.count("/"), page_number(p), p)):
        finished, took = _last_render.get(path, (0.0, 0.0))
        now = time.monotonic()
        due = now - finished >= min(PACE * took, PACE_CAP)
        if paced and (not due or (rendered and now - round_began > ROUND_SECONDS)):
            later.append(path)  # still served as it is; its turn comes soon
            continue
        cpu = time.thread_time()
        publish_path(path)
        rendered += 1
        _last_render[path] = (time.monotonic(), time.thread_time() - cpu)
    store.mark_stale(later)
    return len(paths) - len(deep) - len(later)


def render_stale_paced() -> int:
    return render_stale(paced=True)


def _start_over() -> None:
    from byline.publish import broadcast

    try:
        site_store().clear()
        broadcast.send(deps.Affected(everything=True))
    except Exception:
        log.exception("the page store could not be cleared")


def _after_migrate(sender, plan=None, **kwargs) -> None:
    """An upgrade's migrations may change what pages show (one renders bodies again): the
    stored pages go, on every node, and are rendered anew as they are read."""
    upgraded = any(not back for _, back in plan or ())
    if sender.label == "byline_publish" and upgraded and site_store() is not None:
        _start_over()


def refresh_if_stale() -> None:
    """Drop every stored page if what all pages show changed since they were stored, or if
    other nodes announced changes while this one was stopped."""
    from byline.publish import broadcast

    store = site_store()
    if store is not None and store.fingerprint() != deps.shared_fingerprint():
        apply(deps.Affected(everything=True))
    broadcast.catch_up()


def _before_post_save(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None or _everything_queued():
        return
    old = instance.stored()
    instance._in_place = False
    if old is not None:
        instance._was_live = old.is_live
        # Live before and after, with the same status, date, stickiness and author: it stays
        # where it was in every listing (new terms come through _post_terms_changed, which
        # renews the listings whole), so only the page of each that shows it changes. (A
        # scheduled post whose minute came is live, but no stored listing shows it until the
        # worker publishes it: a new status.)
        place = ("status", "published_at", "sticky", "author_id")
        instance._in_place = (
            old.is_live
            and instance.is_live
            and all(getattr(old, name) == getattr(instance, name) for name in place)
        )
        _queue(deps.post_affects(old, in_place=instance._in_place))


def _after_post_change(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    if not raw and not _everything_queued():
        in_place = getattr(instance, "_in_place", False)
        affected = deps.post_affects(instance, in_place=in_place)
        # Taken down (draft, private, scheduled again): no listing may show it a moment longer.
        affected.at_once = getattr(instance, "_was_live", False) and not instance.is_live
        _queue(affected, in_place=instance if in_place else None)


def _before_post_delete(sender, instance: Post, **kwargs) -> None:
    if _everything_queued():
        return
    affected = deps.post_affects(instance)
    affected.at_once = instance.is_live
    _queue(affected)


def _post_terms_changed(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    if _everything_queued():
        return
    if reverse:  # a category or tag gained or lost posts: names on many pages
        _queue(deps.Affected(everything=True))
    elif action in ("pre_add", "pre_remove", "pre_clear", "post_add", "post_remove", "post_clear"):
        _queue(deps.post_affects(instance))


def _after_response_change(sender, instance: Response, raw: bool = False, **kwargs) -> None:
    if raw or _everything_queued():
        return
    # The post or page as the request loaded it (it names the pages; responses change none
    # of what names them), else from the database.
    model, pk = (Post, instance.post_id) if instance.post_id else (Page, instance.page_id)
    field = Response._meta.get_field(model.__name__.lower())
    if field.is_cached(instance):
        entry = getattr(instance, field.name)
    else:
        entry = model.objects.filter(pk=pk).first()
    if entry is not None:
        _queue(in_place=entry)


def _after_page_change(sender, instance: Page, raw: bool = False, **kwargs) -> None:
    if not raw and not _everything_queued():
        _queue(deps.page_affects(instance))


def _redirect_changed(sender, raw: bool = False, **kwargs) -> None:
    if not raw:  # no stored page changes; the addresses kept as missing may (missing.py)
        _queue(deps.Affected())


def _everything(sender, raw: bool = False, **kwargs) -> None:
    if not raw:
        _queue(deps.Affected(everything=True))


def connect() -> None:
    post_migrate.connect(_after_migrate, dispatch_uid="publish_after_migrate")
    pre_save.connect(_before_post_save, sender=Post, dispatch_uid="publish_post_pre")
    post_save.connect(_after_post_change, sender=Post, dispatch_uid="publish_post")
    pre_delete.connect(_before_post_delete, sender=Post, dispatch_uid="publish_post_delete")
    for through in (Post.categories.through, Post.tags.through):
        m2m_changed.connect(_post_terms_changed, sender=through, dispatch_uid=f"terms_{through}")
    for signal in (post_save, post_delete):
        signal.connect(_after_response_change, sender=Response, dispatch_uid=f"resp_{signal}")
        signal.connect(_after_page_change, sender=Page, dispatch_uid=f"page_{signal}")
        signal.connect(_redirect_changed, sender=Redirect, dispatch_uid=f"redirect_{signal}")
        for model in (Site, Discussion, Category, Tag, AuthorProfile, Media, MenuItem):
            signal.connect(_everything, sender=model, dispatch_uid=f"all_{model}_{signal}")
