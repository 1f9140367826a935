"""Posts per page from 1 to 100: 0 was taken, and the home page failed (a division by it)."""

import django.core.validators
from django.db import migrations, models


def mend(apps, schema_editor) -> None:
    apps.get_model("byline_content", "Site").objects.filter(posts_per_page=0).update(
        posts_per_page=10
    )


class Migration(migrations.Migration):
    dependencies = [
        ("byline_content", "0012_media_measured_when_given"),
    ]

    operations = [
        migrations.AlterField(
            model_name="site",
            name="posts_per_page",
            field=models.PositiveSmallIntegerField(
                default=10,
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(100),
                ],
            ),
        ),
        migrations.RunPython(mend, migrations.RunPython.noop),
    ]
