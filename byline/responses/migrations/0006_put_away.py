"""When a response went to spam or the Trash, and from what status it was trashed. Those put
away before this are counted from now: purged 30 days (the discussion setting) after it."""

from django.db import migrations, models
from django.utils import timezone


def from_now(apps, schema_editor) -> None:
    response = apps.get_model("byline_responses", "Response")
    put_away = response.objects.filter(status__in=["spam", "trash"])
    put_away.update(status_changed_at=timezone.now())


class Migration(migrations.Migration):

    dependencies = [
        ('byline_responses', '0005_setting_ranges'),
    ]

    operations = [
        migrations.AddField(
            model_name='response',
            name='status_changed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='response',
            name='trashed_from',
            field=models.CharField(blank=True, editable=False, max_length=10),
        ),
        migrations.RunPython(from_now, migrations.RunPython.noop),
    ]
