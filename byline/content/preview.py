"""Previews: a post or page as readers will see it once published, shown from the admin to
those who may edit it (a draft, one pending review, scheduled, private, or live). A preview is
never stored, kept or indexed."""

from django.http import HttpResponse
from django.utils import timezone

from byline.content import snapshot
from byline.content.models import Page, Post, Status
from byline.content.views import render_page, render_post
from byline.theme.jinja import format_date


def notice(entry: Post | Page, edit_url: str, unsaved: str = "") -> dict:
    """What the preview's notice says about `entry`: what readers see of it, and where to go
    back to editing it (`unsaved`: changes not saved to an entry "live", or, since the form
    was opened, taken "down")."""
    site = snapshot.current().site
    kind = "post" if isinstance(entry, Post) else "page"
    if unsaved == "live":
        said = (
            f"These changes are not saved: readers see this {kind} as it was last saved. "
            "Update it in the form to publish them."
        )
    elif unsaved:
        said = f"These changes are not saved, and this {kind} is not published."
    elif entry.is_live:
        said = f"This {kind} is published: readers see it as it is here."
    elif entry.status == Status.SCHEDULED and entry.published_at:
        when = format_date(
            entry.published_at, f"{site.date_format} \\a\\t {site.time_format}", site.tzinfo
        )
        said = f"This {kind} is scheduled for {when}: readers cannot see it until then."
    elif entry.status == Status.PENDING:
        said = f"This {kind} is waiting for review: readers cannot see it yet."
    elif entry.status == Status.PRIVATE:
        said = f"This {kind} is private: readers cannot see it."
    else:
        said = f"This {kind} is a draft: readers cannot see it yet."
    if entry.password:
        said += " Readers will need its password to see the text."
    return {"said": said, "edit": edit_url}


def preview(entry: Post | Page, edit_url: str, unsaved: str = "") -> HttpResponse:
    """`entry`'s page as an anonymous reader will see it (unlocked), with a notice above it.
    The entry is changed in memory only: an unpublished one is dated now, as publishing it
    now would."""
    site = snapshot.current().site
    said = notice(entry, edit_url, unsaved)
    entry.published_at = entry.published_at or timezone.now()
    if isinstance(entry, Post):
        response = render_post(None, site, entry, preview=said)
    else:
        response = render_page(None, site, entry, preview=said)
    # Only its editors may see it: no cache keeps it, no search engine lists it.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
