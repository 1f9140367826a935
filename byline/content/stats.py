"""Counts of what a site holds, for `byline stats`."""

from django.contrib.auth import get_user_model
from django.db.models import Count

from byline.content.models import Category, Media, Page, Post, Status, Tag
from byline.responses.models import Response, ResponseStatus, ResponseType


def _by(queryset, field: str, choices) -> dict[str, int]:
    """Count per choice, every choice listed (zero included)."""
    rows = queryset.values(field).annotate(n=Count("pk")).order_by(field)
    found = {row[field]: row["n"] for row in rows}
    return {label.lower(): found.get(value, 0) for value, label in choices}


def site_stats() -> dict:
    """Posts and pages by status, responses by type and status, and totals of the rest."""
    return {
        "posts": _by(Post.objects, "status", Status.choices),
        "pages": _by(Page.objects, "status", Status.choices),
        "responses_by_type": _by(Response.objects, "type", ResponseType.choices),
        "responses_by_status": _by(Response.objects, "status", ResponseStatus.choices),
        "authors": get_user_model().objects.filter(posts__isnull=False).distinct().count(),
        "users": get_user_model().objects.count(),
        "categories": Category.objects.count(),
        "tags": Tag.objects.count(),
        "media": Media.objects.count(),
    }
