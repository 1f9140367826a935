"""App configuration for byline.feeds."""

from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "byline.feeds"
    label = "byline_feeds"
    verbose_name = "Feeds and sitemap"
