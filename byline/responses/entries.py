"""What a response can be on: a post or, as in WordPress, a static page.

Forms and tokens name it by an entry key: a post's id as it always was ("12"), a page's id with
a prefix ("page-5"), so that the two kinds never collide.
"""

from byline.content import snapshot
from byline.content.models import Page, Post
from byline.ids import row_id

PAGE_PREFIX = "page-"

Entry = Post | Page


def entry_key(entry: Entry) -> str:
    return f"{PAGE_PREFIX}{entry.pk}" if isinstance(entry, Page) else str(entry.pk)


def live_entry(key: str) -> Entry | None:
    """The published post or page named by `key`, or None (unknown, hidden or malformed)."""
    model, raw = (Page, key[len(PAGE_PREFIX) :]) if key.startswith(PAGE_PREFIX) else (Post, key)
    pk = row_id(raw)
    if pk is None:
        return None
    # Kept with the site's snapshot: editing a post or page, or a scheduled post's minute
    # coming, starts a new one. Callers share the object and must not change it.
    return snapshot.current().remember(
        ("live entry", model.__name__, pk), lambda: model.objects.live().filter(pk=pk).first()
    )


def on(entry: Entry) -> dict:
    """Query arguments for the responses on `entry`."""
    return {"page": entry} if isinstance(entry, Page) else {"post": entry}
