"""Rendering stored post and page bodies again in a data migration, when what the renderer
makes of some bodies changed (as a save would render them)."""

from django.db.models import Q

from byline.content.markup import render_body, render_teaser
from byline.content.models.entries import PROTECTED_TEASER


def render_again(apps, which: Q) -> None:
    """Posts and pages matching `which` with their HTML (and a post's teaser) made anew."""
    for kind in ("Post", "Page"):
        model = apps.get_model("byline_content", kind)
        for entry in model.objects.filter(which).iterator(chunk_size=200):
            body_html = render_body(entry.body, entry.body_format)
            if body_html == entry.body_html:
                continue
            changed = {"body_html": body_html}
            if kind == "Post":
                changed["teaser_html"] = (
                    PROTECTED_TEASER
                    if entry.password
                    else render_teaser(entry.excerpt, entry.body, entry.body_format, body_html)
                )
            model.objects.filter(pk=entry.pk).update(**changed)
