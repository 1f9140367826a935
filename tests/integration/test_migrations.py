"""The migrations describe the models as they are: a change to a model comes with its own."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from byline.site import unapplied_on_disk


@pytest.mark.django_db
def test_no_model_change_is_missing_its_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_a_migration_the_database_has_not_had_is_found_without_importing_them():
    assert unapplied_on_disk() == set()  # commands then start without Django's check
    recorder = MigrationRecorder(connection)
    latest = max(name for label, name in recorder.applied_migrations() if label == "byline_content")
    recorder.record_unapplied("byline_content", latest)  # as after an upgrade brought a new one
    assert unapplied_on_disk() == {("byline_content", latest)}
