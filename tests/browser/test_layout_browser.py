"""What WordPress content looks like in Chromium: a gallery is a grid (two columns on a phone),
a centred image is centred, a neighbour's unbroken title does not widen a phone's page, and an
Urdu post on an English site reads right to left, its byline in English left to right."""

import pytest

from tests.live import served_site

pytestmark = pytest.mark.browser
SETUP = """
from django.core.files.base import ContentFile
from django.utils import timezone
from byline.content.links import Links
from byline.content.models import Category, Media, Post, Site, Status
from byline.responses.models import Response, ResponseStatus
from byline.content.roles import create_user
from tests.reference import jpeg
author = create_user("desk", "desk@example.com", "author", "a long desk passphrase")
image = Media(alt="The quay")
image.file = ContentFile(jpeg(600, 400), name="quay.jpg")
image.save()
img = f'<img src="{image.file.url}" alt="" width="600" height="400">'
figure = f'<figure class="gallery-item">{img}</figure>'
body = (
    f'<div class="gallery gallery-columns-3">{figure * 6}</div>\\n\\n'
    f'<img class="aligncenter" src="{image.file.url}" alt="" width="300" height="200">'
)
now = timezone.now()
Post.objects.create(title="Taumatawhakatangihangakoauauotamateaturipukakapikimaungahoronuku",
                    author=author, body="Older.", body_format="html", status=Status.PUBLISHED,
                    published_at=now - timezone.timedelta(hours=2))
post = Post.objects.create(title="Harbour in pictures", author=author, body=body,
                           body_format="html", status=Status.PUBLISHED,
                           published_at=now - timezone.timedelta(hours=1))
urdu = Post.objects.create(title="مچھلی بازار کی صبح", author=author, language="ur",
                           body="صبح سویرے بازار کھلتا ہے۔", status=Status.PUBLISHED,
                           published_at=now - timezone.timedelta(hours=3))
urdu.categories.add(Category.objects.create(name="اردو"))
Response.objects.create(post=urdu, author_name="قاری", author_email="q@example.com",
                        text="بہت اچھی تحریر ہے۔", status=ResponseStatus.APPROVED,
                        created_at=now)
print(Links(Site.current()).post(post))
print(Links(Site.current()).post(urdu))
"""
BOXES = "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top]; })"


@pytest.fixture(scope="module")
def gallery_post(tmp_path_factory):
    with served_site(tmp_path_factory.mktemp("layout-site"), SETUP) as (base, paths):
        yield [base + path for path in paths.split()]


@pytest.mark.parametrize(("width", "columns"), [(1280, 3), (375, 2)])
def test_a_gallery_is_a_grid_of_its_columns(browser, gallery_post, width, columns):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(gallery_post[0])
    boxes = page.locator(".gallery-item").evaluate_all(BOXES)
    rows = sorted({round(top) for _, top in boxes})
    assert len(boxes) == 6 and len(rows) == 6 // columns
    assert len({round(left) for left, top in boxes if round(top) == rows[0]}) == columns
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_a_centred_image_is_centred_and_a_long_title_wraps(browser, gallery_post):
    context = browser.new_context(viewport={"width": 375, "height": 900})
    page = context.new_page()
    page.goto(gallery_post[0])
    assert "Taumatawhakatangihanga" in page.locator(".post-nav").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") == 375
    image = page.locator(".entry-content img.aligncenter")
    left, right = image.evaluate(
        "i => { const r = i.getBoundingClientRect();"
        " const c = i.closest('.entry-content').getBoundingClientRect();"
        " return [r.left - c.left, c.right - r.right]; }"
    )
    assert left > 10 and abs(left - right) <= 1
    context.close()


def test_an_urdu_post_reads_right_to_left_and_its_byline_left_to_right(browser, gallery_post):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(gallery_post[1])
    direction = "e => getComputedStyle(e).direction"
    assert page.locator("article.post .entry-content").evaluate(direction) == "rtl"
    meta = page.locator("article.post .entry-meta")
    assert meta.evaluate(direction) == "ltr" and meta.inner_text().startswith("By desk")
    assert meta.inner_text().rstrip().endswith("in اردو")
    text = page.locator(".comment-text").first
    assert text.evaluate(direction) == "rtl" and "بہت اچھی تحریر" in text.inner_text()
    context.close()
