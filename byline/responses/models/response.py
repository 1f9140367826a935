"""A response to a post: a reader's comment, a pingback or a trackback."""

import html
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from byline.content.markup import clean_html, render_comment

if TYPE_CHECKING:
    from byline.content.models.entries import Entry


class ResponseType(models.TextChoices):
    COMMENT = "comment", "Comment"
    PINGBACK = "pingback", "Pingback"
    TRACKBACK = "trackback", "Trackback"
    WEBMENTION = "webmention", "Webmention"


class ResponseStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    SPAM = "spam", "Spam"
    TRASH = "trash", "Trash"


def render_text(text: str, kind: str) -> str:
    """A response's text as safe HTML: Markdown for comments, a plain excerpt for pings."""
    if kind == ResponseType.COMMENT:
        return render_comment(text)
    return clean_html(f"<p>{html.escape(text)}</p>")  # an excerpt of someone's page: plain text


class ResponseQuerySet(models.QuerySet):
    def approved(self) -> "ResponseQuerySet":
        return self.filter(status=ResponseStatus.APPROVED)

    def from_email(self, email: str) -> "ResponseQuerySet":
        """Responses sent from `email`, in any case (through the index on its lower case)."""
        return self.alias(email_lower=Lower("author_email")).filter(email_lower=email.lower())


class Response(models.Model):
    # A response belongs to a post or, as in WordPress, to a static page: exactly one of the two.
    post = models.ForeignKey(
        "byline_content.Post",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="responses",
    )
    page = models.ForeignKey(
        "byline_content.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="responses",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    type = models.CharField(
        max_length=10, choices=ResponseType.choices, default=ResponseType.COMMENT
    )
    status = models.CharField(
        max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.PENDING
    )
    author_name = models.CharField(max_length=200)
    author_email = models.EmailField(blank=True)
    author_url = models.URLField(max_length=500, blank=True)
    author_ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("date")
    text = models.TextField()
    text_html = models.TextField(blank=True, editable=False)
    guard_reasons = models.JSONField(default=list, blank=True, editable=False)
    spam_score = models.FloatField(null=True, blank=True, editable=False)
    # What the classifier last learned from this response ("spam", "ham" or nothing),
    # so that a moderator changing their mind moves the counts rather than doubling them.
    learned_as = models.CharField(max_length=4, blank=True, editable=False)
    notify_replies = models.BooleanField(
        default=False, help_text="Email the author when someone replies."
    )
    # When it went to the spam folder or the Trash, which it leaves for good some days after
    # (purge_after_days); and the status it was trashed from, which Restore gives it back.
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    trashed_from = models.CharField(max_length=10, blank=True, editable=False)
    # Hash of the poster's browser cookie: shows them their own pending response.
    owner_key = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["post", "status", "created_at"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["author_email"]),
            # The guard's checks by sender (rate in a window, a first response, a duplicate).
            models.Index(Lower("author_email"), "created_at", name="response_sender_recent"),
            models.Index(fields=["author_ip", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(post__isnull=False, page__isnull=True)
                | models.Q(post__isnull=True, page__isnull=False),
                name="response_on_post_or_page",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} by {self.author_name}"

    def save(self, *args, **kwargs) -> None:
        self.text_html = render_text(self.text, self.type)
        super().save(*args, **kwargs)

    @property
    def entry(self) -> "Entry":
        """The post or page this response is on."""
        return self.post if self.post_id else self.page

    @entry.setter
    def entry(self, entry: "Entry") -> None:
        from byline.content.models import Post

        self.post, self.page = (entry, None) if isinstance(entry, Post) else (None, entry)

    @property
    def safe_url(self) -> str:
        """The author's website when it is an http(s) URL, else empty."""
        url = self.author_url.strip()
        return url if url.lower().startswith(("http://", "https://")) else ""
