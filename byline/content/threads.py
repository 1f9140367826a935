"""The responses under a post or page as its pages show them: threads, the numbers of their
first responses, and their split over pages (WordPress's "Break comments into pages")."""

import math
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Q, signals
from django.db.models.base import ModelState

from byline.responses.entries import on
from byline.responses.models import Response, ResponseStatus, ResponseType

DEFAULT_THREAD_DEPTH = 5
# Only what a page shows: not the raw text, the guard's reasons (JSON) or the agent.
SHOWN = ["parent_id", "type", "status", "author_name", "author_url", "created_at", "text_html"]
LOADED = [Response._meta.pk.attname, *SHOWN]
# Discussions up to this many responses are read whole in one query.
SMALL = 300


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
    """The responses one page of a post or page shows, and how many there are in all."""

    thread: list[ThreadNode]
    pings: list[Response]
    count: int
    max_depth: int = DEFAULT_THREAD_DEPTH
    page: int = 1
    pages: int = 1


@dataclass
class Shape:
    """Where each comment goes: under which comment (replies past the deepest level attach
    at it), in which thread, and each thread's number and page."""

    parent_of: dict[int, int | None] = field(default_factory=dict)
    root_of: dict[int, int] = field(default_factory=dict)
    order: list[int] = field(default_factory=list)  # each comment after the one it answers
    number: dict[int, int] = field(default_factory=dict)
    page_of: dict[int, int] = field(default_factory=dict)  # by thread (its first comment)
    pages: int = 1

    def page_of_comment(self, pk: int) -> int:
        return self.page_of.get(self.root_of.get(pk, pk), 1)


Row = tuple[int, int | None, str]


def _parents_first(rows: list[Row]) -> list[Row]:
    """`rows` (oldest first) with each reply after the comment it answers, as WordPress
    threads them whatever their dates (an imported reply may be dated hours before the
    comment it answers); threads and the replies to each stay in time order. A reply to a
    hidden comment, or in a loop of replies, stands alone."""
    visible = {row[0] for row in rows}
    seen: set[int] = set()
    for pk, parent, _ in rows:  # nearly always so already: nothing to move (a post's render)
        if parent in visible and parent not in seen:
            break
        seen.add(pk)
    else:
        return rows
    replies: dict[int, list[Row]] = {}
    starts = []
    for row in rows:
        pk, parent = row[0], row[1]
        if parent in visible and parent != pk:
            replies.setdefault(parent, []).append(row)
        else:
            starts.append(row)
    ordered: list[Row] = []
    placed: set[int] = set()

    def place(row: Row) -> None:
        stack = [row]
        while stack:
            current = stack.pop()
            if current[0] in placed:
                continue
            placed.add(current[0])
            ordered.append(current)
            stack.extend(reversed(replies.get(current[0], [])))

    for row in starts:
        place(row)
    for row in rows:  # in a loop: no start leads to them
        if row[0] not in placed:
            place(row)
    return ordered


def shape(rows: list[Row], max_depth: int, per_page: int | None) -> Shape:
    """The shape of a discussion from its visible comments as (id, parent id, status), oldest
    first. Only approved threads are numbered, and only they fill pages: a poster's own
    held response goes where it falls in time, on the last page at the latest."""
    found = Shape()
    depth: dict[int, int] = {}
    numbered = 0
    for pk, parent_id, status in _parents_first(rows):
        found.order.append(pk)
        parent = parent_id if parent_id in depth else None  # hidden, or in a loop: alone
        while parent is not None and depth[parent] >= max_depth:
            parent = found.parent_of[parent]
        depth[pk] = depth[parent] + 1 if parent is not None else 1
        found.parent_of[pk] = parent
        if parent is not None:
            found.root_of[pk] = found.root_of[parent]
            continue
        found.root_of[pk] = pk
        found.page_of[pk] = numbered // per_page + 1 if per_page else 1
        if status == ResponseStatus.APPROVED:  # numbers are the ones every reader sees
            numbered += 1
            found.number[pk] = numbered
    found.pages = max(1, math.ceil(numbered / per_page)) if per_page else 1
    for pk, page in found.page_of.items():
        found.page_of[pk] = min(page, found.pages)
    return found


def _visible(owner_key: str) -> Q:
    visible = Q(status=ResponseStatus.APPROVED)
    if owner_key:
        own = Q(owner_key=owner_key, status__in=[ResponseStatus.PENDING, ResponseStatus.SPAM])
        visible |= own
    return visible


def _shown(entry, owner_key: str, limit: int | None) -> list[Response]:
    """The responses on `entry` that `_visible` admits, with the columns in SHOWN, oldest
    first, at most `limit`. The SQL is written out: built by the ORM, it took most of the
    time of rendering a post page's responses (most discussions are a few rows)."""
    db = connections[DEFAULT_DB_ALIAS]  # once: each use of `connection` looks it up again
    [(field, value)] = on(entry).items()
    params = [ResponseStatus.APPROVED]
    if owner_key:
        params += [owner_key, ResponseStatus.PENDING, ResponseStatus.SPAM]
    params.append(value.pk)
    if limit is not None:
        params.append(limit)
    return _instances(db, _shown_sql(db, field, bool(owner_key), limit is not None), params)


# Per database connection (a few per process), what is the same for every page.
@lru_cache(maxsize=64)
def _shown_sql(db, field: str, held: bool, limited: bool) -> str:
    meta, name = Response._meta, db.ops.quote_name

    def column(attname: str) -> str:
        return name(meta.get_field(attname).column)

    status = column("status")
    where = f"{status} = %s"
    if held:
        where = f"({where} OR ({column('owner_key')} = %s AND {status} IN (%s, %s)))"
    return (
        f"SELECT {', '.join(map(column, LOADED))} FROM {name(meta.db_table)} "
        f"WHERE {where} AND {column(field)} = %s "
        f"ORDER BY {column('created_at')}, {column(meta.pk.attname)}"
        + (" LIMIT %s" if limited else "")
    )


@lru_cache(maxsize=64)
def _converters(db) -> list[tuple[int, list, object]]:
    """The database's conversions of LOADED's values (SQLite's times made aware, a field's
    own `from_db_value`), as Django's compiler applies them."""
    found = []
    for index, attname in enumerate(LOADED):
        column = Response._meta.get_field(attname).get_col(Response._meta.db_table)
        chain = db.ops.get_db_converters(column) + column.get_db_converters(db)
        if chain:
            found.append((index, chain, column))
    return found


def _instances(db, sql: str, params: list) -> list[Response]:
    """Responses from the rows of `sql` (the fields LOADED, in order; the others deferred, read
    when first used), as Django's `from_db` makes them. Made directly: for a post's two hundred
    responses `raw()` took 7 ms, `from_db` 3 and the rows 1. Not while something listens for a
    response's creation (pre_init, post_init), which only `from_db` announces."""
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    converters = _converters(db)
    if converters:
        rows = [list(row) for row in rows]
        for row in rows:
            for index, chain, column in converters:
                for convert in chain:
                    row[index] = convert(row[index], column, db)
    if signals.pre_init.has_listeners(Response) or signals.post_init.has_listeners(Response):
        return [Response.from_db(db.alias, LOADED, row) for row in rows]
    made = []
    for row in rows:
        response = Response.__new__(Response)
        state = ModelState()
        state.adding, state.db = False, db.alias
        response.__dict__["_state"] = state
        response.__dict__.update(zip(LOADED, row, strict=True))
        made.append(response)
    return made


def discussion(
    entry,
    max_depth: int = DEFAULT_THREAD_DEPTH,
    owner_key: str = "",
    page: int = 1,
    per_page: int | None = None,
) -> Discussion:
    """Page `page` of the approved comments as threads (replies past `max_depth` attach at the
    deepest level), `per_page` threads a page (None: all on one), and on the first page the
    pingbacks, trackbacks and webmentions, listed apart; all of them count. With `owner_key`,
    that poster's own held responses are threaded in too (they do not count)."""
    # Most discussions are small, and unpaged ones are shown whole: whole rows in one query.
    # Past that, the shape from a few columns of every response, then this page's rows.
    loaded = {r.pk: r for r in _shown(entry, owner_key, None if per_page is None else SMALL + 1)}
    by_page = per_page is not None and len(loaded) > SMALL
    if by_page:
        responses = Response.objects.filter(_visible(owner_key), **on(entry))
        rows = list(responses.values_list("pk", "parent_id", "type", "status"))
    else:
        rows = [(r.pk, r.parent_id, r.type, r.status) for r in loaded.values()]
    comments = [
        (pk, parent, status) for pk, parent, kind, status in rows if kind == ResponseType.COMMENT
    ]
    found = shape(comments, max_depth, per_page)
    if by_page:
        wanted = [pk for pk, _, _ in comments if found.page_of_comment(pk) == page]
        if page == 1:
            wanted += [pk for pk, _, kind, _ in rows if kind != ResponseType.COMMENT]
        # The first rows read above often hold much of it (the first page's, all of it).
        missing = [pk for pk in wanted if pk not in loaded]
        loaded |= responses.only(*SHOWN).in_bulk(missing) if missing else {}
    nodes: dict[int, ThreadNode] = {}
    roots: list[ThreadNode] = []
    for pk in found.order:  # a parent placed before its replies
        parent = found.parent_of[pk]
        if found.page_of_comment(pk) != page or pk not in loaded:
            continue
        if parent is not None and parent not in nodes:
            continue  # the response it answers was deleted since the shape was read
        node = ThreadNode(loaded[pk], depth=nodes[parent].depth + 1 if parent else 1)
        nodes[pk] = node
        if parent is None:
            node.number = found.number.get(pk)
            roots.append(node)
        else:
            nodes[parent].children.append(node)
    pings = [loaded[pk] for pk, _, kind, _ in rows if kind != ResponseType.COMMENT and pk in loaded]
    pings = pings if page == 1 else []
    count = sum(1 for *_, status in rows if status == ResponseStatus.APPROVED)
    return Discussion(roots, pings, count, max_depth, page, found.pages)


def page_of_response(response: Response, max_depth: int, per_page: int | None) -> int:
    """The page of its post or page that shows `response` (to its poster, if it is held)."""
    if response.type != ResponseType.COMMENT or not per_page:
        return 1
    visible = Q(status=ResponseStatus.APPROVED, type=ResponseType.COMMENT) | Q(pk=response.pk)
    rows = Response.objects.filter(visible, **on(response.entry))
    found = shape(list(rows.values_list("pk", "parent_id", "status")), max_depth, per_page)
    return found.page_of_comment(response.pk)
