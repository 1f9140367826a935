"""Posts and pages may be put in the Trash (WordPress's), out of sight with their responses."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('byline_content', '0013_setting_ranges'),
    ]

    operations = [
        migrations.AlterField(
            model_name='page',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('pending', 'Pending review'), ('future', 'Scheduled'), ('publish', 'Published'), ('private', 'Private'), ('trash', 'Trash')], default='draft', max_length=10),
        ),
        migrations.AlterField(
            model_name='post',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('pending', 'Pending review'), ('future', 'Scheduled'), ('publish', 'Published'), ('private', 'Private'), ('trash', 'Trash')], default='draft', max_length=10),
        ),
    ]
