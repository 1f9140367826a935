"""App configuration for byline.responses."""

from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "byline.responses"
    label = "byline_responses"
    verbose_name = "Responses"

    def ready(self) -> None:
        from byline.responses import outbox  # noqa: F401 (connects the publish-time pings)
