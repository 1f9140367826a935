"""Hostile post bodies and bios (RSnake's filter-evasion list) render with nothing that runs."""

import pytest
from django.utils import timezone

from byline.content.models import Post, Status
from byline.content.roles import create_user
from tests.reference import shared_path
from tests.safety import dangers, running_scripts

pytestmark = pytest.mark.django_db
# The theme itself uses these: a stylesheet link, meta tags, the reply form, and its one
# script (tests.safety refuses any script not loaded from the theme's static folder).
THEME_TAGS = {"link", "meta", "form", "script"}


def payloads() -> list[str]:
    text = shared_path("fixtures", "xss", "RSNAKE_XSS.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def test_fixture_payloads_are_dangerous_unfiltered():
    # Guards the checker: raw payloads must trip it, or the tests below prove nothing.
    caught = [p for p in payloads() if dangers(p)]
    assert len(caught) >= 50


@pytest.mark.parametrize("body_format", ["markdown", "html"])
def test_hostile_post_body_and_bio_render_without_script(client, body_format):
    user = create_user("mallory", "mallory@example.com", "author", "a long test passphrase 2")
    lines = payloads()
    profile = user.profile
    profile.bio = "\n\n".join(lines)
    profile.website = "javascript:alert(1)"
    profile.save()
    posts = []
    for number, payload in enumerate(lines):
        posts.append(
            Post.objects.create(
                title=f"Payload {number} {payload[:40]}",
                author=user,
                body=f"Before\n\n{payload}\n\nAfter [caption]{payload}[/caption]",
                body_format=body_format,
                excerpt="" if number % 2 else payload,
                status=Status.PUBLISHED,
                published_at=timezone.now() - timezone.timedelta(minutes=number + 1),
            )
        )
    pages = ["/", f"/author/{profile.slug}/"] + [f"/?p={p.pk}" for p in posts]
    for path in pages:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        page = response.content.decode()
        assert dangers(page, THEME_TAGS) == [], path
        assert running_scripts(page) <= 1  # the theme's byline.js on post pages
    for post in posts:
        assert dangers(post.body_html) == [] and dangers(post.teaser_html) == []
