"""App configuration for byline.search."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "byline.search"
    label = "byline_search"
    verbose_name = "Search"

    def ready(self) -> None:
        from byline.search import documents

        documents.connect()
