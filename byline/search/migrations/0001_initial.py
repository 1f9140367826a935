"""The search's words, the database's own full-text index of them, and the words of the posts
and pages already there."""

import django.db.models.deletion
from django.db import migrations, models

from byline.search.documents import add_missing

# FTS5 over the documents (external content: the words are not stored twice), kept by triggers.
# The words come cut already (byline/search/words.py): the tokenizer keeps marks inside them.
SQLITE = [
    """CREATE VIRTUAL TABLE byline_search_index USING fts5(
        title, words, content='byline_search_document', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'")""",
    """CREATE TRIGGER byline_search_document_added AFTER INSERT ON byline_search_document BEGIN
        INSERT INTO byline_search_index(rowid, title, words)
        VALUES (new.id, new.title, new.words);
    END""",
    """CREATE TRIGGER byline_search_document_removed AFTER DELETE ON byline_search_document BEGIN
        INSERT INTO byline_search_index(byline_search_index, rowid, title, words)
        VALUES ('delete', old.id, old.title, old.words);
    END""",
    """CREATE TRIGGER byline_search_document_changed AFTER UPDATE ON byline_search_document BEGIN
        INSERT INTO byline_search_index(byline_search_index, rowid, title, words)
        VALUES ('delete', old.id, old.title, old.words);
        INSERT INTO byline_search_index(rowid, title, words)
        VALUES (new.id, new.title, new.words);
    END""",
]
SQLITE_UNDO = [
    "DROP TRIGGER byline_search_document_added",
    "DROP TRIGGER byline_search_document_removed",
    "DROP TRIGGER byline_search_document_changed",
    "DROP TABLE byline_search_index",
]
# A title weighs as A, the text as D; 'simple': the words as they come, no stemming.
POSTGRESQL = [
    """ALTER TABLE byline_search_document ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, words), 'D')) STORED""",
    "CREATE INDEX byline_search_document_vector ON byline_search_document USING GIN (vector)",
]
POSTGRESQL_UNDO = [
    "DROP INDEX byline_search_document_vector",
    "ALTER TABLE byline_search_document DROP COLUMN vector",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def fill(apps, schema_editor) -> None:
    """The words of the posts and pages saved before search had an index."""
    documents = apps.get_model("byline_search", "Document")
    for kind in ("post", "page"):
        entries = apps.get_model("byline_content", kind.capitalize()).objects.all()
        add_missing(entries, kind, documents)


class Migration(migrations.Migration):
    initial = True

    dependencies = [("byline_content", "0008_site_require_two_step")]

    operations = [
        migrations.CreateModel(
            name="Document",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.TextField()),
                ("words", models.TextField(blank=True)),
                (
                    "page",
                    models.OneToOneField(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="byline_content.page",
                    ),
                ),
                (
                    "post",
                    models.OneToOneField(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="byline_content.post",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("page__isnull", True), ("post__isnull", False)),
                            models.Q(("page__isnull", False), ("post__isnull", True)),
                            _connector="OR",
                        ),
                        name="search_document_one_entry",
                    )
                ],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRESQL_UNDO}),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
