"""App configuration for byline.publish."""

from django.apps import AppConfig


class PublishConfig(AppConfig):
    name = "byline.publish"
    label = "byline_publish"
    verbose_name = "Publishing"

    def ready(self) -> None:
        from django.core.signals import setting_changed

        from byline.publish import events, forget_store

        events.connect()
        setting_changed.connect(forget_store, dispatch_uid="byline_forget_store")
