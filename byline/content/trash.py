"""Posts and pages in the Trash (status `trash`): deleted for good, with their responses, once
they have been there longer than the days the discussion settings keep trash."""

from django.utils import timezone

from byline.content.models import Page, Post, Status


def purge_trash(days: int) -> int:
    """Delete the posts and pages trashed more than `days` ago (their last change was the move
    to the Trash, unless edited there since); how many."""
    cutoff = timezone.now() - timezone.timedelta(days=days)
    purged = 0
    for model in (Post, Page):
        # One by one: each deletion tells the page store, and their responses go with them.
        for entry in model.objects.filter(status=Status.TRASH, updated_at__lt=cutoff):
            entry.delete()
            purged += 1
    return purged
