"""The site: title, tagline, language, time zone, date formats, permalinks, posts per page."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from byline.content.permalinks import validate_pattern

RTL_LANGUAGES = {"ar", "fa", "he", "ps", "sd", "ug", "ur", "yi", "dv", "ckb"}


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a time zone name such as Asia/Karachi or UTC.")


def language_direction(language: str) -> str:
    """`rtl` for right-to-left languages (Urdu, Arabic, Persian…), else `ltr`; a Latin
    script subtag (`ur-Latn`, Roman Urdu) is left to right."""
    parts = language.lower().split("-")
    return "rtl" if parts[0] in RTL_LANGUAGES and "latn" not in parts[1:] else "ltr"


class Site(models.Model):
    """The blog's own settings, edited in the admin. There is one row."""

    title = models.CharField(max_length=200, default="My Byline blog")
    tagline = models.CharField(max_length=300, blank=True, default="News and commentary")
    language = models.CharField(
        max_length=20, default="en", help_text="Language code, e.g. en, ur, en-GB."
    )
    timezone = models.CharField(
        max_length=64, default="UTC", validators=[validate_timezone], help_text="e.g. Asia/Karachi"
    )
    date_format = models.CharField(
        max_length=40, default="F j, Y", help_text="As in WordPress: F j, Y → February 1, 2014"
    )
    time_format = models.CharField(
        max_length=40, default="g:i a", help_text="As in WordPress: g:i a → 10:02 pm"
    )
    permalink = models.CharField(
        max_length=200,
        default="/%year%/%monthnum%/%postname%/",
        validators=[validate_pattern],
        help_text="e.g. /%year%/%monthnum%/%postname%/, /%postname%/, "
        "/%category%/%postname%/ or /?p=%post_id%",
    )
    posts_per_page = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    # WordPress's Reading settings for feeds.
    feed_items = models.PositiveSmallIntegerField(
        "items in a feed", default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    feed_full_text = models.BooleanField(
        "whole text in feeds",
        default=True,
        help_text="Each post's whole text in the feeds; unticked, its excerpt only.",
    )
    require_two_step = models.BooleanField(
        "require two-step sign-in",
        default=False,
        help_text="Everyone who signs in to the admin must turn on two-step sign-in (codes "
        "from an authenticator app) before anything else.",
    )
    email_subscriptions = models.BooleanField(
        "let readers follow by email",
        default=False,
        help_text="A form in the sidebar takes readers' addresses; each new post is mailed to "
        "those who confirmed. Needs a mail server (smtp_host in byline.toml).",
    )

    icon = models.ForeignKey(
        "byline_content.Media",
        verbose_name="site icon",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square image, 512 × 512 pixels or more: shown in browser tabs, bookmarks "
        "and on phones' home screens (WordPress's Site Icon).",
    )

    class Meta:
        verbose_name = verbose_name_plural = "site"

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        icon = self.icon
        if icon is not None and not (icon.width and icon.height):
            raise ValidationError({"icon": "The site icon must be an image on this site."})
        if icon is not None and icon.width != icon.height:
            raise ValidationError(
                {
                    "icon": f"The site icon must be square; this image is {icon.width} × "
                    f"{icon.height} pixels."
                }  # fmt: skip
            )

    @property
    def direction(self) -> str:
        return language_direction(self.language)

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @classmethod
    def current(cls) -> "Site":
        """The site's settings, created with defaults on first use."""
        site = cls.objects.first()
        return site if site is not None else cls.objects.create()
