"""Readers' search (`/?s=…`, WordPress's address for it): which live posts and pages match the
words asked for, and in what order.

As in WordPress, each word (or "quoted phrase") must appear in the title, excerpt or text, a word
with a leading `-` must not, and those whose title holds what was asked come first, the newest
first among equals. One behind a password is found by its title alone: its text must not be
revealed a word at a time.
"""

import heapq
import re
from array import array
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connections
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from byline.content.models import Page, Post

# What a search may ask, at most: longer queries are cut, further words ignored (each word is
# a scan of every post's text).
LONGEST = 200
MOST_WORDS = 10
# A "quoted phrase", or a run of characters up to a space, comma or plus.
_WORD = re.compile(r'"([^"]*)"?|([^\s,+"]+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
POST_TEXTS = ("excerpt", "body")  # besides the title


@dataclass(frozen=True)
class Query:
    """A reader's search: the text as they typed it (cut to LONGEST), the words each match
    must hold and those it must not."""

    text: str
    wanted: tuple[str, ...]
    unwanted: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.wanted)

    @property
    def key(self) -> tuple:
        """What two searches that find the same have in common."""
        return (self.wanted, self.unwanted)

    def query_string(self, feed: bool = False) -> str:
        """`?s=…`, the search's results (with `feed`, their feed) at the home page's address."""
        return "?" + urlencode({"s": self.text} | ({"feed": "rss2"} if feed else {}))


def parse(raw: str) -> Query:
    """The words of `raw`, a reader's query string value; a query of only excluded words, or
    of none, asks for nothing."""
    # Control characters are spaces (PostgreSQL refuses NUL in a query).
    text = " ".join(_CONTROL.sub(" ", raw).split())[:LONGEST]
    wanted: list[str] = []
    unwanted: list[str] = []
    for match in _WORD.finditer(text):
        phrase, word = match.group(1), match.group(2)
        term = " ".join((phrase if phrase is not None else word).split())
        if word is not None and term.startswith("-") and len(term) > 1:
            if term[1:] not in unwanted:
                unwanted.append(term[1:])
        elif term and term not in wanted:
            wanted.append(term)
        if len(wanted) + len(unwanted) >= MOST_WORDS:
            break
    return Query(text, tuple(wanted), tuple(unwanted))


def _holds(term: str, texts: tuple[str, ...]) -> Q:
    readable = Q()
    for field in texts:
        readable |= Q(**{f"{field}__icontains": term})
    return Q(title__icontains=term) | (Q(password="") & readable)


def _found_in(entries: QuerySet, query: Query, texts: tuple[str, ...]) -> QuerySet:
    for term in query.wanted:
        entries = entries.filter(_holds(term, texts))
    for term in query.unwanted:
        entries = entries.exclude(_holds(term, texts))
    return entries


def posts_found(query: Query) -> QuerySet:
    """The live posts `query` finds, in no order (the search's feed takes the newest)."""
    return _found_in(Post.objects.live(), query, POST_TEXTS)


def _matching(entries: QuerySet, query: Query, texts: tuple[str, ...]) -> QuerySet:
    """(rank, published_at, id) of the `entries` that `query` finds, best first."""
    entries = _found_in(entries, query, texts)
    all_in_title = Q()
    for term in query.wanted:
        all_in_title &= Q(title__icontains=term)
    rank = Case(
        When(title__icontains=" ".join(query.wanted), then=Value(2)),
        When(all_in_title, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    ranked = entries.annotate(rank=rank).order_by("-rank", "-published_at", "-id")
    return ranked.values_list("rank", "published_at", "pk")


def found(query: Query) -> array:
    """What `query` finds, best first: a post's id, or a page's id made negative (8 bytes a
    hit: a process keeps what searches found)."""
    posts = _rows(_matching(Post.objects.live(), query, POST_TEXTS))
    pages = _rows(_matching(Page.objects.live(), query, ("body",)))
    if not pages:  # as often as not: nothing to merge
        return array("q", [pk for _rank, _when, pk in posts])
    hits = heapq.merge(
        ((rank, when, pk) for rank, when, pk in posts),
        ((rank, when, -pk) for rank, when, pk in pages),
        key=lambda hit: (hit[0], hit[1], abs(hit[2])),
        reverse=True,
    )
    return array("q", [pk for _rank, _when, pk in hits])


def _rows(entries: QuerySet) -> list[tuple]:
    """The rows of `entries` as the database gives them (its dates as text on SQLite, which
    compares as the dates do): Django made 10,000 dates into datetimes in as long as the
    search itself took."""
    sql, params = entries.query.sql_with_params()
    with connections[entries.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
