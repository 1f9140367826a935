"""Readers' search: the words of every post and page in a full-text index of the database (SQLite
FTS5, PostgreSQL's tsvector), and the queries that rank what it finds."""
