"""Posts and pages that link a YouTube or Vimeo video alone on a line play it (embeds.py): their
HTML is rendered again, as a save would."""

from django.db import migrations
from django.db.models import Q

from byline.content.rerender import render_again


def play_videos(apps, schema_editor) -> None:
    render_again(apps, Q(body__icontains="youtu") | Q(body__icontains="vimeo"))


class Migration(migrations.Migration):
    dependencies = [("byline_content", "0009_site_email_subscriptions")]

    operations = [migrations.RunPython(play_videos, migrations.RunPython.noop)]
