"""The site icon (Settings → Site): named by every page for browser tabs and home screens, and
where `/favicon.ico` leads; without one, `/favicon.ico` is not found."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from byline.content.models import Media, Site
from byline.publish import site_store
from tests.reference import jpeg

pytestmark = pytest.mark.django_db


def test_the_site_icon_is_in_every_page_and_at_favicon_ico(
    client, django_capture_on_commit_callbacks
):
    assert client.get("/favicon.ico").status_code == 404
    assert 'rel="icon"' not in client.get("/").content.decode()
    icon = Media.objects.create(file=SimpleUploadedFile("mark.jpg", jpeg(512, 512)), title="Mark")
    site = Site.current()
    site.icon = icon
    with django_capture_on_commit_callbacks(execute=True):
        site.save()
    link = f'<link rel="icon" href="{icon.url}">'
    assert link in client.get("/").content.decode()
    assert link.encode() in site_store().read("/")  # the stored pages were renewed
    assert f'<link rel="apple-touch-icon" href="{icon.url}">' in client.get("/").content.decode()
    answer = client.get("/favicon.ico")
    assert answer.status_code == 302 and answer["Location"] == icon.url
    assert answer["Cache-Control"] == "public, max-age=86400"
    assert client.post("/favicon.ico").status_code == 405


def test_a_site_icon_must_be_a_square_image(admin_client):
    wide = Media.objects.create(file=SimpleUploadedFile("wide.jpg", jpeg(640, 360)), title="Wide")
    imported = Media.objects.create(source_url="https://old.example.org/mark.png", title="Old")
    site = Site.current()
    form = admin_client.get(f"/admin/byline_content/site/{site.pk}/change/").context["adminform"]
    data = {name: value for name, value in form.form.initial.items() if value is not None}
    for media, error in ((wide, "must be square; this image is 640 × 360"),
                         (imported, "must be an image on this site")):  # fmt: skip
        answer = admin_client.post(
            f"/admin/byline_content/site/{site.pk}/change/", data | {"icon": media.pk}
        )
        assert error in answer.content.decode()
        assert Site.current().icon is None
