"""The public theme: listings, archives, the discussion, languages and error pages."""

import re

import pytest
from django.utils import timezone

from byline.content.links import Links
from byline.content.models import Site, Status
from byline.responses.models import ResponseStatus, ResponseType
from tests.factories import (
    CategoryFactory,
    PageFactory,
    PostFactory,
    ResponseFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def titles(html: bytes) -> list[str]:
    return re.findall(r'rel="bookmark">([^<]+)</a>', html.decode())


def test_home_paginates_newest_first_with_sticky_posts_on_top(client):
    site = Site.current()
    site.posts_per_page = 3
    site.save()
    posts = [PostFactory(title=f"Story {n}") for n in range(7)]  # Story 0 is the newest
    posts[5].sticky = True
    posts[5].save()
    assert titles(client.get("/").content) == ["Story 5", "Story 0", "Story 1"]
    page2 = client.get("/page/2/")
    assert titles(page2.content) == ["Story 2", "Story 3", "Story 4"]
    assert b'href="/page/3/"' in page2.content and b'href="/"' in page2.content
    assert titles(client.get("/page/3/").content) == ["Story 6"]
    assert client.get("/page/4/").status_code == 404


def test_listings_kept_between_requests_follow_every_change(client, monkeypatch):
    # A listing's order and posts are kept in memory until the next change: each change
    # must show at once on every page of it, and response counts (no change) at each request.
    site = Site.current()
    site.posts_per_page = 3
    site.save()
    posts = [PostFactory(title=f"Story {n}") for n in range(5)]
    assert titles(client.get("/").content) == ["Story 0", "Story 1", "Story 2"]
    assert titles(client.get("/page/2/").content) == ["Story 3", "Story 4"]
    PostFactory(title="Breaking", published_at=timezone.now() - timezone.timedelta(minutes=1))
    assert titles(client.get("/").content) == ["Breaking", "Story 0", "Story 1"]
    assert titles(client.get("/page/2/").content) == ["Story 2", "Story 3", "Story 4"]
    posts[0].title = "Story 0, corrected"
    posts[0].save()
    posts[3].status = Status.DRAFT
    posts[3].save()
    assert titles(client.get("/").content) == ["Breaking", "Story 0, corrected", "Story 1"]
    assert titles(client.get("/page/2/").content) == ["Story 2", "Story 4"]
    assert b"0 Responses" in client.get("/page/2/").content
    ResponseFactory(post=posts[4], status=ResponseStatus.APPROVED)
    assert b"1 Response<" in client.get("/page/2/").content
    # A scheduled post joins the listing at its minute, before any worker publishes it.
    PostFactory(title="Embargoed", published_at=timezone.now() + timezone.timedelta(minutes=1))
    assert "Embargoed" not in titles(client.get("/").content)
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timezone.timedelta(minutes=2))
    assert titles(client.get("/").content)[0] == "Embargoed"


def test_archives_list_their_posts(client):
    politics = CategoryFactory(name="Politics")
    council = CategoryFactory(name="City Council", parent=politics)
    tag = TagFactory(name="Budget")
    author = UserFactory(username="amina")
    PostFactory(title="Council budget", categories=[council], tags=[tag], author=author)
    PostFactory(title="Unrelated sport")
    links = Links(Site.current())
    assert titles(client.get(links.category(politics)).content) == ["Council budget"]
    assert client.get("/category/politics/city-council/").status_code == 200
    assert client.get("/category/city-council/").status_code == 404
    assert titles(client.get("/tag/budget/").content) == ["Council budget"]
    author_page = client.get("/author/amina/")
    assert titles(author_page.content) == ["Council budget"]
    assert b"About" in author_page.content
    assert client.get("/tag/missing/").status_code == 404


def test_post_shows_byline_tags_and_neighbours(client):
    older = PostFactory(title="Older story")
    post = PostFactory(title="Middle story", tags=[TagFactory(name="Harbour")])
    newer = PostFactory(title="Newer story")
    for item, when in ((older, 3), (post, 2), (newer, 1)):
        item.published_at = timezone.now() - timezone.timedelta(days=when)
        item.save()
    html = client.get(Links(Site.current()).post(post)).content.decode()
    assert 'rel="prev"' in html and "Older story" in html
    assert 'rel="next"' in html and "Newer story" in html
    assert 'rel="tag" dir="auto">Harbour</a>' in html
    assert 'rel="author"' in html


def test_discussion_counts_approved_comments_and_pings_only(client):
    post = PostFactory(title="Port strike")
    first = ResponseFactory(post=post, author_name="Ayesha", author_url="https://ayesha.example/")
    reply = ResponseFactory(post=post, parent=first, author_name="Bilal")
    ResponseFactory(post=post, parent=reply, author_name="Chand")
    ResponseFactory(post=post, author_name="Dawood")
    ResponseFactory(post=post, type=ResponseType.PINGBACK, author_name="Another blog")
    ResponseFactory(post=post, status=ResponseStatus.PENDING, author_name="Held back")
    ResponseFactory(post=post, status=ResponseStatus.SPAM, author_name="Cheap pills")
    ResponseFactory(post=post, status=ResponseStatus.TRASH, author_name="Binned")
    html = client.get(Links(Site.current()).post(post)).content.decode()
    assert "5 Responses to “Port strike”" in html
    for hidden in ("Held back", "Cheap pills", "Binned"):
        assert hidden not in html
    assert '<a href="https://ayesha.example/" rel="external nofollow ugc">Ayesha</a>' in html
    # Ayesha 1., Dawood 2.; the replies nest under Ayesha without numbers.
    thread = html[html.index('class="comment-list"') : html.index('class="pings-title"')]
    assert re.findall(r'comment-number">(\d+)\.', thread) == ["1", "2"]
    assert thread.index("Bilal") < thread.index("Chand") < thread.index("Dawood")
    assert 'class="comment depth-3"' in thread
    assert f'id="comment-{reply.pk}"' in thread and f'href="#comment-{reply.pk}"' in thread


def test_single_response_heading(client):
    post = PostFactory(title="Quiet day")
    ResponseFactory(post=post)
    assert (
        "One Response to “Quiet day”" in client.get(f"/?p={post.pk}", follow=True).content.decode()
    )


def test_responses_show_in_site_date_format_and_time_zone(client):
    site = Site.current()
    site.timezone, site.date_format, site.time_format = "Asia/Karachi", "j F Y", "H:i"
    site.save()
    post = PostFactory()
    when = timezone.make_aware(timezone.datetime(2014, 2, 1, 17, 2), timezone.get_fixed_timezone(0))
    ResponseFactory(post=post, created_at=when)
    assert "1 February 2014 at 22:02" in client.get(Links(site).post(post)).content.decode()


def test_urdu_post_is_right_to_left_in_an_english_site(client):
    post = PostFactory(title="بندرگاہ کی ہڑتال", language="ur")
    html = client.get(Links(Site.current()).post(post)).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert '<article class="post" lang="ur" dir="rtl">' in html


def test_urdu_site_is_right_to_left(client):
    site = Site.current()
    site.language = "ur"
    site.save()
    PostFactory(title="خبر")
    assert '<html lang="ur" dir="rtl">' in client.get("/").content.decode()


def test_static_page_and_menu(client):
    PageFactory(title="About us", slug="about", body="We report on the harbour.")
    home = client.get("/").content.decode()
    assert '<a href="/about/">About us</a>' in home
    page = client.get("/about/")
    assert page.status_code == 200 and b"We report on the harbour." in page.content
    assert client.get("/about").headers["Location"] == "/about/"


def test_missing_page_is_a_themed_404(client):
    page = client.get("/no/such/thing/")
    assert page.status_code == 404
    assert b"Page not found" in page.content and b"byline.css" in page.content


def test_featured_image_caption_of_its_own_overrides_the_image(client):
    from django.core.files.base import ContentFile

    from byline.content.models import Media
    from tests.reference import jpeg

    image = Media(alt="Harbour at dusk", caption="Library caption")
    image.file.save("dusk.jpg", ContentFile(jpeg(800, 450)), save=True)
    post = PostFactory(featured_image=image, featured_caption="Cranes idle during the strike")
    html = client.get(Links(Site.current()).post(post)).content.decode()
    figure = html[html.index('<figure class="featured-image">') : html.index("</figure>")]
    assert 'width="800" height="450"' in figure and 'alt="Harbour at dusk"' in figure
    assert "<figcaption>Cranes idle during the strike</figcaption>" in figure


def test_listings_show_featured_images_without_captions(client):
    from django.core.files.base import ContentFile

    from byline.content.models import Media
    from tests.reference import jpeg

    image = Media(alt="Dock cranes", caption="Cranes at the east wharf")
    image.file.save("cranes.jpg", ContentFile(jpeg()), save=True)
    category = CategoryFactory(name="Harbour")
    for _ in range(2):
        PostFactory(featured_image=image, categories=[category])
    for url in ("/", "/category/harbour/"):
        html = client.get(url).content.decode()
        assert html.count('alt="Dock cranes"') == 2
        assert html.count('loading="lazy"') == 1  # the first image loads at once
        assert "Cranes at the east wharf" not in html
