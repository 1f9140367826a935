"""Readers' search (`/?s=…`, WordPress's address for it): the words asked for, and the live posts
and pages that hold them, best first.

Each word must begin a word of the title or text (`port` finds "ports" and "portrait"), a
"quoted phrase" must be there word for word, and a word with a leading `-` must not be there.
The database's full-text index ranks what is found, a title's words weighing ten times the
text's; the newest first among equals. One behind a password is found by its title alone.
"""

import re
from array import array
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from byline.content.models import Page, Post
from byline.search import engines
from byline.search.words import words as split_words

# What a search may ask, at most: longer queries are cut, further words ignored.
LONGEST = 200
MOST_WORDS = 10
# A "quoted phrase", or a run of characters up to a space, comma or plus.
_WORD = re.compile(r'"([^"]*)"?|([^\s,+"]+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Term:
    """A word to find at the start of words, or a phrase to find as it is."""

    text: str
    phrase: bool = False

    @property
    def words(self) -> list[str]:
        return split_words(self.text)


@dataclass(frozen=True)
class Query:
    """A reader's search: the text as they typed it (cut to LONGEST), the terms each match
    must hold and those it must not."""

    text: str
    wanted: tuple[Term, ...]
    unwanted: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.wanted)

    @property
    def key(self) -> tuple:
        """What two searches that find the same have in common."""
        return (self.wanted, self.unwanted)

    @property
    def findable(self) -> bool:
        """Whether any wanted term holds a letter or digit: punctuation alone finds nothing."""
        return any(term.words for term in self.wanted)

    def query_string(self, feed: bool = False) -> str:
        """`?s=…`, the search's results (with `feed`, their feed) at the home page's address."""
        return "?" + urlencode({"s": self.text} | ({"feed": "rss2"} if feed else {}))


def parse(raw: str) -> Query:
    """The terms of `raw`, a reader's query string value; a query of only excluded words, or
    of none, asks for nothing."""
    # Control characters are spaces (PostgreSQL refuses NUL in a query).
    text = " ".join(_CONTROL.sub(" ", raw).split())[:LONGEST]
    wanted: list[Term] = []
    unwanted: list[Term] = []
    for match in _WORD.finditer(text):
        phrase, word = match.group(1), match.group(2)
        term = Term(" ".join((phrase if phrase is not None else word).split()), phrase is not None)
        if not term.phrase and term.text.startswith("-") and len(term.text) > 1:
            term = Term(term.text[1:])
            if term not in unwanted:
                unwanted.append(term)
        elif term.text and term not in wanted:
            wanted.append(term)
        if len(wanted) + len(unwanted) >= MOST_WORDS:
            break
    return Query(text, tuple(wanted), tuple(unwanted))


def _expression(query: Query) -> engines.Match:
    """The engine's match for `query`, its wordless terms left out."""
    engine = engines.for_connection(connections[Post.objects.db])
    return engine(
        [term for term in query.wanted if term.words],
        [term for term in query.unwanted if term.words],
    )


def posts_found(query: Query) -> QuerySet:
    """The live posts `query` finds, in no order (the search's feed takes the newest)."""
    if not query.findable:
        return Post.objects.none()
    sql, params = _expression(query).post_ids()
    return Post.objects.live().filter(pk__in=RawSQL(sql, params))


def found(query: Query) -> array:
    """What `query` finds, best first: a post's id, or a page's id made negative (8 bytes a
    hit: a process keeps what searches found)."""
    if not query.findable:
        return array("q")
    posts = Post.objects.live().values("id", "published_at")
    pages = Page.objects.live().values("id", "published_at")
    sql, params = _expression(query).ranked(posts.query, pages.query)
    with connections[Post.objects.db].cursor() as cursor:
        cursor.execute(sql, params)
        return array("q", [row[0] for row in cursor.fetchall()])
