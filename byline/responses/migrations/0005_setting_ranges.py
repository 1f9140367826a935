"""Discussion settings within their ranges: scores from 0 to 1, threads 1 to 10 deep."""

import django.core.validators
from django.db import migrations, models


def mend(apps, schema_editor) -> None:
    settings = apps.get_model("byline_responses", "Discussion").objects
    settings.filter(thread_depth=0).update(thread_depth=1)
    settings.filter(thread_depth__gt=10).update(thread_depth=10)
    for field in ("spam_threshold", "hold_threshold"):
        settings.filter(**{f"{field}__gt": 1}).update(**{field: 1})
        settings.filter(**{f"{field}__lt": 0}).update(**{field: 0})


class Migration(migrations.Migration):
    dependencies = [
        ("byline_responses", "0004_response_pages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="discussion",
            name="hold_threshold",
            field=models.FloatField(
                default=0.5,
                help_text="Classifier score from which a response is held (0 to 1).",
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(1),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="discussion",
            name="spam_threshold",
            field=models.FloatField(
                default=0.9,
                help_text="Classifier score from which a response is spam (0 to 1).",
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(1),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="discussion",
            name="thread_depth",
            field=models.PositiveSmallIntegerField(
                default=5,
                help_text="Deepest level of replies; 1 turns threading off.",
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(10),
                ],
            ),
        ),
        migrations.RunPython(mend, migrations.RunPython.noop),
    ]
