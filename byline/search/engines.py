"""Each database's full-text search, in its own SQL: SQLite's FTS5 (ranked by BM25) and
PostgreSQL's tsvector (ranked by ts_rank), over the documents byline.search keeps.

Terms reach the database as quoted words (letters, digits and marks only), so nothing a reader
types is read as an operator.
"""

from collections.abc import Sequence
from typing import Protocol

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.sql import Query as SqlQuery

# How much more a word in the title counts than one in the text.
TITLE_WEIGHT = 10.0


class Term(Protocol):
    words: list[str]  # lower case, letters, digits and marks only (words.py)
    phrase: bool  # else its last word may be the start of a longer one


SQL = tuple[str, list]


class Match:
    """The documents that hold every wanted term and none of the unwanted, with a score
    (higher is better)."""

    def __init__(self, wanted: Sequence[Term], unwanted: Sequence[Term]) -> None:
        self.wanted = wanted
        self.unwanted = unwanted

    def matches(self) -> SQL:
        """SELECT of (id, score) of the documents found."""
        raise NotImplementedError

    def post_ids(self) -> SQL:
        """SELECT of the ids of the posts found."""
        sql, params = self.matches()
        return (
            f"SELECT d.post_id FROM ({sql}) m JOIN byline_search_document d ON d.id = m.id"
            " WHERE d.post_id IS NOT NULL",
            params,
        )

    def ranked(self, posts: SqlQuery, pages: SqlQuery) -> SQL:
        """SELECT of what is found among `posts` and `pages` (each a query of id and
        published_at), best first: a post's id, or a page's made negative."""
        sql, params = self.matches()
        posts_sql, posts_params = posts.sql_with_params()
        pages_sql, pages_params = pages.sql_with_params()
        return (
            "SELECT CASE WHEN lp.id IS NOT NULL THEN lp.id ELSE -lg.id END"
            f" FROM ({sql}) m JOIN byline_search_document d ON d.id = m.id"
            f" LEFT JOIN ({posts_sql}) lp ON lp.id = d.post_id"
            f" LEFT JOIN ({pages_sql}) lg ON lg.id = d.page_id"
            " WHERE lp.id IS NOT NULL OR lg.id IS NOT NULL"
            " ORDER BY m.score DESC, COALESCE(lp.published_at, lg.published_at) DESC, d.id DESC",
            [*params, *posts_params, *pages_params],
        )


class SQLiteMatch(Match):
    @staticmethod
    def _string(term: Term) -> str:
        # An FTS5 string of the words; a `*` after it makes the last word a prefix.
        return '"' + " ".join(term.words) + '"' + ("" if term.phrase else "*")

    def expression(self) -> str:
        """The FTS5 query."""
        found = " AND ".join(self._string(term) for term in self.wanted)
        if not self.unwanted:
            return found
        return f"({found}) NOT ({' OR '.join(self._string(term) for term in self.unwanted)})"

    def matches(self) -> SQL:
        return (
            f"SELECT rowid AS id, -bm25(byline_search_index, {TITLE_WEIGHT}, 1.0) AS score"
            " FROM byline_search_index WHERE byline_search_index MATCH %s",
            [self.expression()],
        )


class PostgresMatch(Match):
    @staticmethod
    def _phrase(term: Term) -> str:
        # Quoted lexemes (words hold no quote), each followed by the next; `:*`, a prefix.
        lexemes = [f"'{word}'" for word in term.words]
        lexemes[-1] += "" if term.phrase else ":*"
        return "(" + " <-> ".join(lexemes) + ")"

    def expression(self) -> str:
        """The tsquery, as text for to_tsquery."""
        found = " & ".join(self._phrase(term) for term in self.wanted)
        return found + "".join(f" & !{self._phrase(term)}" for term in self.unwanted)

    def matches(self) -> SQL:
        # ts_rank's normalization 1 divides by the log of the length, as BM25 weighs length.
        return (
            "SELECT id, ts_rank('{%s, 0, 0, 1}'::float4[], vector, q, 1) AS score"
            " FROM byline_search_document, to_tsquery('simple', %%s) q WHERE vector @@ q"
            % (1 / TITLE_WEIGHT),
            [self.expression()],
        )


ENGINES: dict[str, type[Match]] = {"sqlite": SQLiteMatch, "postgresql": PostgresMatch}


def for_connection(connection: BaseDatabaseWrapper) -> type[Match]:
    return ENGINES[connection.vendor]
