"""App configuration for byline.newsletter."""

from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "byline.newsletter"
    label = "byline_newsletter"
    verbose_name = "Email subscribers"

    def ready(self) -> None:
        from byline.newsletter import mailing

        mailing.connect()
