"""Smaller WebP copies of an uploaded image, offered to browsers in a `srcset`: one for each of
the widths narrower than the image, none for a small or animated one."""

import io
import re

import feedparser
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from byline.content.images import renew_missing
from byline.content.links import Links
from byline.content.models import Media, Site
from tests.factories import PostFactory
from tests.integration.test_admin import signed_in
from tests.live import byline, database_url, run_python, site_env
from tests.reference import jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_upload_gets_a_webp_copy_for_each_narrower_width(client):
    signed_in(client, "editor")
    upload = SimpleUploadedFile("quay.jpg", jpeg(2000, 1000), content_type="image/jpeg")
    client.post("/admin/byline_content/media/add/", {"file": upload, "title": "Quay"})
    media = Media.objects.get()
    assert [width for width, _name in media.renditions] == [480, 768, 1024, 1536]
    for width, name in media.renditions:
        assert name.endswith(f"-{width}w.webp")
        with media.file.storage.open(name) as file, Image.open(file) as copy:
            assert copy.format == "WEBP" and copy.size == (width, width // 2)


def test_a_post_offers_the_copies_and_keeps_the_original(client):
    image = Media(alt="Cranes at the quay")
    image.file = ContentFile(jpeg(1200, 675), name="cranes.jpg")
    image.save()
    post = PostFactory(title="Cranes idle", featured_image=image)
    html = client.get(Links(Site.current()).post(post)).content.decode()
    base = image.url.rsplit(".", 1)[0]
    srcset = f"{base}-480w.webp 480w, {base}-768w.webp 768w, {base}-1024w.webp 1024w"
    assert (
        f'<picture><source type="image/webp" srcset="{srcset}" '
        'sizes="(min-width: 46rem) 44rem, 100vw">'
        f'<img src="{image.url}" alt="Cranes at the quay" width="1200" height="675"></picture>'
    ) in html
    feed = client.get("/feed/").content.decode()
    assert not feedparser.parse(feed).bozo
    # Written in full in the feed, as the site's other addresses (feedparser drops srcset).
    assert re.search(r'srcset="http://testserver/media/[^" ]+-480w\.webp 480w, ', feed)


def test_a_post_whose_image_file_is_gone_still_shows(client):
    # As an import leaves an image it could not measure; then its file was deleted by hand.
    image = Media(alt="Harbour lights")
    image.file.name = "2019/04/harbour-lights.jpg"
    image.save()
    post = PostFactory(title="Lights out", featured_image=image)
    answer = client.get(Links(Site.current()).post(post))
    assert answer.status_code == 200
    assert '<img src="/media/2019/04/harbour-lights.jpg" alt="Harbour lights"' in answer.text


def test_a_small_or_animated_image_has_no_copies(client):
    small = Media()
    small.file = ContentFile(jpeg(300, 200), name="small.jpg")
    small.save()
    assert small.renditions == []
    frames = [Image.new("RGB", (800, 400), colour) for colour in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:], duration=100)
    moving = Media()
    moving.file = ContentFile(out.getvalue(), name="moving.webp")
    moving.save()
    assert moving.renditions == []
    post = PostFactory(featured_image=small)
    html = client.get(Links(Site.current()).post(post)).content.decode()
    assert "<picture>" not in html and f'<img src="{small.url}"' in html


def test_images_without_copies_get_them_afterwards(client):
    """As an import leaves them: files stored before the row, with no copies."""
    site = Site.current()
    imported = Media(alt="The old harbour")
    imported.file.save("old-harbour.jpg", ContentFile(jpeg(1000, 500)), save=True)
    gone = Media(width=900, height=450)
    gone.file.name = "2019/05/never-copied.jpg"
    gone.save()
    post = PostFactory(title="From the archive", featured_image=imported)
    assert "<picture>" not in client.get(Links(site).post(post)).content.decode()
    assert renew_missing() == (1, 1)  # the file that is not there is counted, not fatal
    imported.refresh_from_db()
    assert [width for width, _name in imported.renditions] == [480, 768]
    assert "<picture>" in client.get(Links(site).post(post)).content.decode()
    assert renew_missing() == (0, 1)


def test_byline_images_makes_the_missing_copies(tmp_path):
    site = tmp_path / "site"
    code = (
        "from django.core.files.base import ContentFile\n"
        "from byline.content.models import Media\n"
        "from tests.reference import jpeg\n"
        "Media().file.save('a.jpg', ContentFile(jpeg(800, 400)), save=True)\n"
    )
    with database_url() as url:
        env = site_env(url)
        byline(site, "init", env=env)
        run_python(site, code, env)
        assert "Made smaller copies of 1 images." in byline(site, "images", env=env).stdout
        assert sorted(p.name for p in (site / "media").rglob("*.webp")) == [
            "a-480w.webp",
            "a-768w.webp",
        ]
        assert "Made smaller copies of 0 images." in byline(site, "images", env=env).stdout


def test_images_in_a_posts_text_are_offered_with_their_copies(client):
    image = Media(alt="Cranes")
    image.file = ContentFile(jpeg(1200, 600), name="cranes.jpg")
    image.save()
    small = Media()
    small.file = ContentFile(jpeg(300, 150), name="small.jpg")
    small.save()
    body = (
        f"Before the strike.\n\n![Cranes at rest]({image.url})\n\n"
        f'<img src="{image.url}" alt="Beside the text" width="300" class="alignleft">\n\n'
        f"![A small one]({small.url})\n\n![Elsewhere](https://example.org/{image.url})"
    )
    post = PostFactory(title="Cranes idle", body=body)
    html = client.get(Links(Site.current()).post(post)).content.decode()
    source = f'<picture><source type="image/webp" srcset="{image.srcset()}"'
    full = f'{source} sizes="(min-width: 46rem) 44rem, 100vw"><img src="{image.url}" alt="Cranes'
    beside = f'{source} sizes="(max-width: 300px) 100vw, 300px"><img src="{image.url}"'
    assert full in html and beside in html
    assert html.count("<picture>") == 2  # not the small image, nor the one elsewhere
    assert f'<img src="{small.url}" alt="A small one">' in html


def test_a_replaced_or_deleted_image_leaves_no_copies_behind(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = Media(alt="Quay")
        image.file = ContentFile(jpeg(1200, 675), name="quay.jpg")
        image.save()
    storage, first = image.file.storage, [name for _w, name in image.renditions]
    original = image.file.name
    assert first and all(storage.exists(name) for name in first)
    with django_capture_on_commit_callbacks(execute=True):
        image.file = ContentFile(jpeg(1000, 500), name="quay.jpg")
        image.save()
    second = [name for _w, name in image.renditions]
    assert second and not set(first) & set(second)
    assert not any(storage.exists(name) for name in first)  # the old copies are gone
    assert all(storage.exists(name) for name in second) and storage.exists(original)
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not any(storage.exists(name) for name in second)
    assert storage.exists(original)  # posts may still name the original files
