"""App configuration for byline.responses."""

from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "byline.responses"
    label = "byline_responses"
    verbose_name = "Responses"
