"""Posts and pages that link a YouTube or Vimeo video alone on a line play it (embeds.py): their
HTML is rendered again, as a save would."""

from django.db import migrations
from django.db.models import Q

from byline.content.markup import render_body, render_teaser
from byline.content.models.entries import PROTECTED_TEASER


def play_videos(apps, schema_editor) -> None:
    videos = Q(body__icontains="youtu") | Q(body__icontains="vimeo")
    for kind in ("Post", "Page"):
        model = apps.get_model("byline_content", kind)
        for entry in model.objects.filter(videos).iterator(chunk_size=200):
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


class Migration(migrations.Migration):
    dependencies = [("byline_content", "0009_site_email_subscriptions")]

    operations = [migrations.RunPython(play_videos, migrations.RunPython.noop)]
