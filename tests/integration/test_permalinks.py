"""WordPress permalink patterns: each serves the post at its path and redirects old forms."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from byline.content.links import Links
from byline.content.models import Site
from byline.content.permalinks import validate_pattern
from tests.factories import CategoryFactory, PostFactory

pytestmark = pytest.mark.django_db
WHEN = timezone.make_aware(timezone.datetime(2014, 1, 31, 21, 30), timezone.get_fixed_timezone(0))


def use_pattern(pattern: str) -> None:
    site = Site.current()
    site.permalink = pattern
    site.timezone = "Asia/Karachi"  # 21:30 UTC on Jan 31 is Feb 1 in Karachi
    site.save()


@pytest.mark.parametrize(
    ("pattern", "path"),
    [
        ("/%year%/%monthnum%/%postname%/", "/2014/02/port-strike/"),
        ("/%postname%/", "/port-strike/"),
        ("/%category%/%postname%/", "/politics/city-council/port-strike/"),
        ("/%year%/%monthnum%/%day%/%postname%/", "/2014/02/01/port-strike/"),
        ("/archives/%post_id%", "/archives/{id}"),
    ],
)
def test_post_served_at_its_permalink(client, pattern, path):
    use_pattern(pattern)
    council = CategoryFactory(name="City Council", parent=CategoryFactory(name="Politics"))
    post = PostFactory(
        title="Port strike", slug="port-strike", published_at=WHEN, categories=[council]
    )
    path = path.format(id=post.pk)
    page = client.get(path)
    assert page.status_code == 200
    assert b'<h1 class="entry-title">Port strike</h1>' in page.content
    assert client.get(f"/?p={post.pk}").headers["Location"] == path


def test_plain_permalinks_serve_by_id(client):
    use_pattern("/?p=%post_id%")
    post = PostFactory(title="Port strike", published_at=WHEN)
    page = client.get(f"/?p={post.pk}")
    assert page.status_code == 200 and b"Port strike" in page.content
    assert f'href="/?p={post.pk}"'.encode() in client.get("/").content


def test_wrong_date_in_path_redirects_to_the_real_one(client):
    use_pattern("/%year%/%monthnum%/%postname%/")
    PostFactory(title="Port strike", slug="port-strike", published_at=WHEN)
    page = client.get("/2013/05/port-strike/")
    assert page.status_code == 301 and page.headers["Location"] == "/2014/02/port-strike/"
    assert client.get("/port-strike/").headers["Location"] == "/2014/02/port-strike/"


def test_urdu_slug_round_trips(client):
    use_pattern("/%postname%/")
    post = PostFactory(title="کراچی کی بندرگاہ", published_at=WHEN)
    assert post.slug == "کراچی-کی-بندرگاہ"
    page = client.get(f"/{post.slug}/")
    assert page.status_code == 200 and "کراچی کی بندرگاہ".encode() in page.content


@pytest.mark.parametrize(
    "pattern", ["/%year%/", "/%nonsense%/%postname%/", "postname", "/?q=%postname%"]
)
def test_unusable_patterns_are_refused(pattern):
    with pytest.raises(ValidationError):
        validate_pattern(pattern)


@pytest.mark.parametrize(
    "pattern", ["/%category%/%postname%/", "/%author%/%postname%/", "/archives/%post_id%"]
)
def test_publish_all_lists_each_post_at_its_permalink(client, pattern):
    from byline.publish.sitewide import public_paths

    use_pattern(pattern)
    council = CategoryFactory(name="City Council", parent=CategoryFactory(name="Politics"))
    post = PostFactory(title="Port strike", published_at=WHEN, categories=[council])
    page = client.get(f"/?p={post.pk}")
    assert page.status_code == 301
    assert page.headers["Location"] in public_paths()
    assert "%" not in page.headers["Location"]


def test_every_tag_is_written_and_braces_are_kept_as_they_are():
    post = PostFactory(slug="port-strike", published_at=WHEN)
    use_pattern("/{x}/%year%%monthnum%%day%-%hour%%minute%%second%/%postname%-%post_id%/")
    page = Links(Site.current()).post(post)
    assert page == f"/%7Bx%7D/20140201-023000/port-strike-{post.pk}/"


def test_old_addresses_lead_to_a_post_after_its_pattern_changes(client):
    use_pattern("/%year%/%monthnum%/%postname%/")
    PostFactory(title="Port strike", slug="port-strike", published_at=WHEN)
    use_pattern("/%postname%/")
    page = client.get("/2014/02/port-strike/")
    assert page.status_code == 301 and page.headers["Location"] == "/port-strike/"
    use_pattern("/%category%/%postname%/")
    assert client.get("/2014/02/port-strike/").headers["Location"] == "/uncategorized/port-strike/"
    assert client.get("/2014/02/no-such-post/").status_code == 404


def test_a_published_posts_old_slug_leads_to_it_as_in_wordpress(client):
    use_pattern("/%year%/%monthnum%/%postname%/")
    post = PostFactory(title="Port strike", slug="port-strike", published_at=WHEN)
    draft = PostFactory(title="Draft", slug="draft-one", status="draft", published_at=WHEN)
    for slug in ("port-strike-ends", "port-strike-over"):
        post.slug = slug
        post.save()
    for old in ("/2014/02/port-strike/", "/2014/02/port-strike-ends/"):
        page = client.get(old)
        assert (page.status_code, page.headers["Location"]) == (301, "/2014/02/port-strike-over/")
    assert client.get("/2014/02/port-strike-over/").status_code == 200
    draft.slug = "draft-two"
    draft.save()
    assert client.get("/2014/02/draft-one/").status_code == 404  # never public: nothing kept
