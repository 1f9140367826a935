"""Author profiles: display name, bio, avatar and social links, one per user."""

from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.utils.text import slugify

from byline.content.markup import render_markdown

# (field, link text, URL prefix for a bare handle)
SOCIAL_NETWORKS = (
    ("twitter", "Follow me on Twitter", "https://twitter.com/"),
    ("facebook", "Follow me on Facebook", "https://www.facebook.com/"),
    ("instagram", "Follow me on Instagram", "https://www.instagram.com/"),
    ("linkedin", "Follow me on LinkedIn", "https://www.linkedin.com/in/"),
    ("youtube", "Follow me on YouTube", "https://www.youtube.com/@"),
    ("mastodon", "Follow me on Mastodon", ""),
    ("website", "Visit my website", ""),
)


class AuthorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True, allow_unicode=True)
    bio = models.TextField(blank=True, help_text="Markdown; shown in the author box.")
    avatar = models.ForeignKey(
        "byline_content.Media", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    twitter = models.CharField(
        "Twitter / X", max_length=200, blank=True, help_text="@handle or URL"
    )
    facebook = models.CharField(max_length=200, blank=True, help_text="name or URL")
    instagram = models.CharField(max_length=200, blank=True)
    linkedin = models.CharField("LinkedIn", max_length=200, blank=True)
    youtube = models.CharField("YouTube", max_length=200, blank=True)
    mastodon = models.URLField(blank=True, help_text="Full profile URL")
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        if not self.display_name:
            self.display_name = self.user.get_full_name() or self.user.get_username()
        if not self.slug:
            self.slug = (
                slugify(self.user.get_username(), allow_unicode=True) or f"author-{self.user_id}"
            )
        super().save(*args, **kwargs)

    def bio_html(self) -> str:
        return render_markdown(self.bio)

    def social_links(self) -> list[tuple[str, str]]:
        """(link text, absolute URL) for each link the author filled in."""
        links = []
        for name, label, prefix in SOCIAL_NETWORKS:
            value = getattr(self, name).strip()
            if not value:
                continue
            if not value.startswith(("https://", "http://")):
                # A bare handle: only networks with a known address can use one.
                value = prefix + quote(value.lstrip("@")) if prefix else ""
            if value:
                links.append((label, value))
        return links
