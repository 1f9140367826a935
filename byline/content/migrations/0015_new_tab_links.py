"""Links a post opens in a new tab (`target="_blank"`) keep doing so (markup.clean_html): the
bodies holding one are rendered again, as a save would."""

from django.db import migrations
from django.db.models import Q

from byline.content.rerender import render_again


def keep_new_tabs(apps, schema_editor) -> None:
    render_again(apps, Q(body__icontains="target="))


class Migration(migrations.Migration):
    dependencies = [("byline_content", "0014_entry_trash")]

    operations = [migrations.RunPython(keep_new_tabs, migrations.RunPython.noop)]
