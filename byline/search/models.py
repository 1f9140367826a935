"""What a search looks in: the words of one post or page, kept beside it.

The database indexes these rows itself: on SQLite an FTS5 table over them, kept by triggers; on
PostgreSQL a generated tsvector column with a GIN index (both made by this app's migration).
"""

from django.db import models


class Document(models.Model):
    """A post's or a page's words: its title, and its text (excerpt and body) unless a password
    keeps the text from readers."""

    post = models.OneToOneField(
        "byline_content.Post", null=True, on_delete=models.CASCADE, related_name="+"
    )
    page = models.OneToOneField(
        "byline_content.Page", null=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.TextField()
    words = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(post__isnull=False, page__isnull=True)
                | models.Q(post__isnull=True, page__isnull=False),
                name="search_document_one_entry",
            )
        ]

    def __str__(self) -> str:
        return self.title
