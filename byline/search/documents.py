"""Keeping the search's words in step with the posts and pages: every save writes its entry's
words (the database then indexes them), a deletion takes them away with the entry."""

from django.db.models import Model, QuerySet
from django.db.models.signals import post_save

from byline.content.markup import plain_text
from byline.content.models import Page, Post
from byline.search.models import Document
from byline.search.words import normalized

Entry = Post | Page
BATCH = 500


def words_of(entry: Entry) -> tuple[str, str]:
    """(title, text) as a search sees them (words.py): the text as a reader reads it (excerpt
    and body, without markup); none of it behind a password, which must not leak a word at a
    time."""
    if entry.password:
        return normalized(entry.title), ""
    parts = [getattr(entry, "excerpt", ""), entry.body_html]
    return normalized(entry.title), normalized(" ".join(plain_text(p) for p in parts))


def add_missing(entries: QuerySet, kind: str, documents: type[Model] = Document) -> int:
    """Write the words of those `entries` (posts or pages, as `kind` says) that have none, in
    batches; how many. For entries saved in bulk, and by the migration that made the index
    (with its own `documents` model)."""
    have = documents.objects.filter(**{f"{kind}__isnull": False}).values(f"{kind}_id")
    batch, count = [], 0
    for entry in entries.exclude(pk__in=have).iterator(chunk_size=BATCH):
        title, words = words_of(entry)
        batch.append(documents(**{kind: entry}, title=title, words=words))
        if len(batch) == BATCH:
            count += len(documents.objects.bulk_create(batch))
            batch = []
    return count + len(documents.objects.bulk_create(batch))


def _owner(entry: Entry) -> dict[str, Entry]:
    return {"post": entry} if isinstance(entry, Post) else {"page": entry}


def keep(entry: Entry, created: bool = False) -> None:
    """Write `entry`'s words (for one saved before, only if they changed: each write is a
    change to the index)."""
    title, words = words_of(entry)
    owner = _owner(entry)
    if created:
        Document.objects.create(**owner, title=title, words=words)
        return
    changed = Document.objects.filter(**owner).exclude(title=title, words=words)
    if not changed.update(title=title, words=words):
        Document.objects.get_or_create(**owner, defaults={"title": title, "words": words})


def _saved(sender, instance: Entry, created: bool, raw: bool = False, **kwargs) -> None:
    if not raw:
        keep(instance, created)


def connect() -> None:
    """Every post and page saved, however, has its words written (deletion cascades)."""
    for model in (Post, Page):
        post_save.connect(_saved, sender=model, dispatch_uid=f"search_{model.__name__}")
