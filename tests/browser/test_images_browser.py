"""Chromium picks the featured image's WebP copy that fits its screen: a phone a small one, a
desktop the column's, a sharp screen a larger one; each copy is served."""

import pytest

from tests.live import served_site

pytestmark = pytest.mark.browser
SETUP = """
from django.core.files.base import ContentFile
from byline.content.links import Links
from byline.content.models import Media, Post, Site, Status
from byline.content.roles import create_user
from django.utils import timezone
from tests.reference import jpeg
author = create_user("desk", "desk@example.com", "author", "a long desk passphrase")
image = Media(alt="The quay at dawn")
image.file = ContentFile(jpeg(2000, 1000), name="quay.jpg")
image.save()
post = Post.objects.create(title="Dawn at the quay", author=author, body="Quiet.",
                           status=Status.PUBLISHED, featured_image=image,
                           published_at=timezone.now() - timezone.timedelta(hours=1))
print(Links(Site.current()).post(post))
"""


@pytest.fixture(scope="module")
def picture_site(tmp_path_factory):
    with served_site(tmp_path_factory.mktemp("picture-site"), SETUP) as (base, path):
        yield base + path


@pytest.mark.parametrize(
    ("width", "scale", "chosen"),
    [(375, 1, "-480w.webp"), (1280, 1, "-768w.webp"), (1280, 2, "-1536w.webp")],
)
def test_the_browser_loads_the_copy_its_screen_needs(browser, picture_site, width, scale, chosen):
    viewport = {"width": width, "height": 900}
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    page = context.new_page()
    page.goto(picture_site)
    image = page.locator(".featured-image img")
    image.evaluate("img => img.decode()")  # loaded and decoded, or this fails
    shown = image.evaluate("img => img.currentSrc")
    assert shown.endswith(chosen)
    served = page.request.get(shown)
    assert served.ok and served.headers["content-type"] == "image/webp"
    context.close()
