"""Discussion settings, as in WordPress's Settings → Discussion: one row, edited in the admin."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Policy(models.TextChoices):
    HOLD_NEW = "hold_new", "Hold responses from people without an approved response"
    HOLD_ALL = "hold_all", "Hold every response for moderation"
    GUARD_ONLY = "guard_only", "Publish every response the guard lets through"


def _lines(text: str) -> list[str]:
    return [line.strip().lower() for line in text.splitlines() if line.strip()]


class Discussion(models.Model):
    policy = models.CharField(max_length=12, choices=Policy.choices, default=Policy.HOLD_NEW)
    require_name_email = models.BooleanField(
        "require name and email", default=True, help_text="Anonymous readers must give both."
    )
    thread_depth = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Deepest level of replies; 1 turns threading off.",
    )
    page_responses = models.BooleanField(
        "break responses into pages",
        default=True,
        help_text="A post with more top-level responses than the number below shows them over "
        "several pages (…/comment-page-2/), its page the first of them.",
    )
    responses_per_page = models.PositiveSmallIntegerField(
        "top-level responses per page",
        default=50,
        validators=[MinValueValidator(1)],
        help_text="Replies stay on the page of the response they answer.",
    )
    max_links = models.PositiveSmallIntegerField(
        default=2, help_text="Hold a response with more links than this."
    )
    moderation_words = models.TextField(
        blank=True,
        help_text="One a line: a response whose text, name, email, website or IP contains one "
        "is held for moderation.",
    )
    disallowed_words = models.TextField(
        blank=True,
        help_text="One a line: a response whose text, name, email, website or IP contains one "
        "is spam.",
    )
    min_seconds = models.PositiveSmallIntegerField(
        default=3, help_text="A response sent sooner than this after the form was shown is refused."
    )
    token_max_age_hours = models.PositiveIntegerField(
        default=168, help_text="A form older than this must be reloaded before posting."
    )
    rate_window_minutes = models.PositiveSmallIntegerField(default=10)
    rate_limit_ip = models.PositiveSmallIntegerField(
        "responses per IP address", default=6, help_text="Within the rate window."
    )
    rate_limit_email = models.PositiveSmallIntegerField(
        "responses per email address", default=6, help_text="Within the rate window."
    )
    keep_rejected_as_spam = models.BooleanField(
        default=False,
        help_text="Store refused posts (honeypot, rate limit, bad token) as spam instead of "
        "dropping them.",
    )
    spam_threshold = models.FloatField(
        default=0.9,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Classifier score from which a response is spam (0 to 1).",
    )
    hold_threshold = models.FloatField(
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Classifier score from which a response is held (0 to 1).",
    )
    notify_author = models.BooleanField(
        default=True, help_text="Email the post's author about each new published response."
    )
    notify_moderator = models.BooleanField(
        default=True, help_text="Email the moderators about each held response."
    )
    moderator_emails = models.TextField(
        blank=True, help_text="One a line; empty: every administrator and editor."
    )
    purge_after_days = models.PositiveSmallIntegerField(
        default=30, help_text="Spam and trash older than this are deleted."
    )

    class Meta:
        verbose_name = verbose_name_plural = "discussion settings"

    def __str__(self) -> str:
        return "Discussion settings"

    @property
    def threads_per_page(self) -> int | None:
        """Top-level responses a page of them holds; None when they are not broken into pages."""
        return self.responses_per_page if self.page_responses else None

    @classmethod
    def current(cls) -> "Discussion":
        settings = cls.objects.first()
        return settings if settings is not None else cls.objects.create()

    @property
    def moderation_list(self) -> list[str]:
        return _lines(self.moderation_words)

    @property
    def disallowed_list(self) -> list[str]:
        return _lines(self.disallowed_words)
