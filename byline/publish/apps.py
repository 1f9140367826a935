"""App configuration for byline.publish."""

from django.apps import AppConfig


class PublishConfig(AppConfig):
    name = "byline.publish"
    label = "byline_publish"
    verbose_name = "Publishing"

    def ready(self) -> None:
        from byline.publish import events

        events.connect()
