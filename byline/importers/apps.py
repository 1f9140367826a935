"""App configuration for byline.importers."""

from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "byline.importers"
    label = "byline_importers"
    verbose_name = "Imports"

    def ready(self) -> None:
        from byline.importers import moved

        moved.connect()
