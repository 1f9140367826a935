"""Load `../shared/reference/seed-page.json` into a site through the ORM, as a blogger's data."""

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from byline.content.models import Category, Media, Post, Site, Status, Tag
from byline.content.roles import create_user
from byline.responses.models import Response, ResponseStatus, ResponseType

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
REFERENCE = SHARED / "reference" / "seed-page.json"


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a skip (a failure in CI) when the folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        import os

        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing")
        pytest.skip(f"{path} is missing")
    return path


def reference_data() -> dict:
    return json.loads(shared_path("reference", "seed-page.json").read_text(encoding="utf-8"))


def jpeg(width: int = 640, height: int = 360, colour=(40, 90, 140)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def load_reference_post() -> Post:
    """The reference post with its author, featured image, comment and two pingbacks."""
    data = reference_data()
    site = Site.current()
    site.title, site.timezone = "Reference blog", "Asia/Karachi"
    site.save()
    author = data["author"]
    user = create_user("kashif", "kashif@example.com", "author", "a long test passphrase 1")
    profile = user.profile
    profile.display_name = author["display_name"]
    profile.bio = author["bio"]
    profile.twitter = "@kashifaziz"
    profile.save()
    ref = data["post"]
    image = Media(alt=ref["featured_image"]["alt"], caption=ref["featured_image"]["caption"])
    image.file = ContentFile(jpeg(), name="featured.jpg")  # stored and measured as an upload
    image.save()
    published = datetime.fromisoformat(ref["published"]).replace(hour=9, tzinfo=site.tzinfo)
    post = Post.objects.create(
        title=ref["title"],
        slug=ref["slug"],
        author=user,
        body="\n\n".join(ref["paragraphs"]),
        status=Status.PUBLISHED,
        published_at=published,
        featured_image=image,
    )
    post.categories.set([Category.objects.get_or_create(name=n)[0] for n in ref["categories"]])
    post.tags.set([Tag.objects.get_or_create(name=n)[0] for n in ref["tags"]])
    comment = data["responses"]["items"][0]
    shown = datetime.strptime(comment["date_shown"], "%B %d, %Y at %I:%M %p")
    Response.objects.create(
        post=post,
        author_name=comment["author"],
        author_email="usman@example.com",
        text=comment["text"],
        status=ResponseStatus.APPROVED,
        created_at=shown.replace(tzinfo=site.tzinfo),
    )
    for number in (1, 2):
        Response.objects.create(
            post=post,
            type=ResponseType.PINGBACK,
            author_name=f"Linking blog post {number}",
            author_url=f"https://blog{number}.example.org/mqm-news/",
            text="[…] Mustafa Kamal left MQM […]",
            status=ResponseStatus.APPROVED,
            created_at=timezone.make_aware(datetime(2014, 2, 2, 10 + number)),
        )
    return post
