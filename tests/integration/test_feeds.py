"""Feeds as a feed reader reads them (feedparser), the sitemap and robots.txt as a crawler does."""

import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from byline.content.links import Links
from byline.content.models import Media, Site, Status
from byline.responses.models import ResponseStatus
from tests.factories import (
    CategoryFactory,
    PageFactory,
    PostFactory,
    ResponseFactory,
    TagFactory,
    UserFactory,
)
from tests.integration.test_spam import urdu_sentences
from tests.integration.test_xss import payloads
from tests.reference import jpeg
from tests.safety import dangers

pytestmark = pytest.mark.django_db
ORIGIN = "http://testserver"
FEED_LINK = r'<link rel="alternate" type="application/rss\+xml"[^>]*href="([^"]+)"'
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def read_feed(client, url: str) -> feedparser.FeedParserDict:
    answer = client.get(url)
    assert answer.status_code == 200, url
    assert answer["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(answer.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def path_of(link: str) -> str:
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}" == ORIGIN, link
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def newsroom():
    """Twelve live posts (one with a photo, one protected) and one of each hidden kind."""
    politics = CategoryFactory(name="Politics")
    council = CategoryFactory(name="City council", parent=politics)
    budget = TagFactory(name="budget")
    writer = UserFactory(username="sana")
    writer.profile.display_name = "Sana Baloch"
    writer.profile.save()
    other = UserFactory(username="kamal")
    image = Media.objects.create(title="Harbour", caption="The harbour at dawn.")
    image.file.save("harbour.jpg", ContentFile(jpeg()), save=True)
    live = [
        PostFactory(title=f"Port story {n}", author=writer if n % 2 == 0 else other)
        for n in range(12)
    ]
    photo = live[0]
    photo.body = f"Dredging resumed.\n\n![The harbour]({image.file.url})\n\nMore [here](/about/)."
    photo.featured_image = image
    photo.save()
    photo.categories.set([council])
    photo.tags.set([budget])
    locked = live[1]
    locked.password, locked.body = "harbour", "The sealed minutes say the vote was rigged."
    locked.save()
    hidden = [
        PostFactory(title=f"Hidden {status}", status=status, author=writer, categories=[politics])
        for status in (Status.DRAFT, Status.PENDING, Status.PRIVATE)
    ]
    later = timezone.now() + timezone.timedelta(days=1)
    scheduled = PostFactory(title="Hidden scheduled", status=Status.SCHEDULED, published_at=later)
    hidden.append(scheduled)
    return {
        "live": live,
        "photo": photo,
        "locked": locked,
        "hidden": hidden,
        "politics": politics,
        "budget": budget,
        "writer": writer,
    }


def test_site_feed_holds_the_newest_posts_with_their_whole_text(client, newsroom):
    feed = read_feed(client, "/feed/")
    site = Site.current()
    assert feed.feed.title == site.title and feed.feed.language == site.language
    assert path_of(feed.feed.link) == "/"
    newest = sorted(newsroom["live"], key=lambda p: p.published_at, reverse=True)[:10]
    assert [entry.title for entry in feed.entries] == [post.title for post in newest]
    links = Links(site)
    for entry, post in zip(feed.entries, newest, strict=True):
        assert path_of(entry.link) == links.post(post)
        assert entry.id == f"{ORIGIN}/?p={post.pk}"  # stays when the permalinks change
        assert client.get(path_of(entry.link)).status_code == 200
    photo = next(e for e in feed.entries if e.title == newsroom["photo"].title)
    assert photo.author == "Sana Baloch"
    assert {t.term for t in photo.tags} == {"City council", "budget"}
    text = photo.content[0].value
    assert "Dredging resumed." in text and "More" in text
    # Its photo and caption first, as its page shows them.
    assert text.lstrip().startswith('<figure class="featured-image">')
    assert "<figcaption>The harbour at dawn.</figcaption>" in text
    # A reader shows the text away from the site: its own addresses are whole.
    image_url = newsroom["photo"].body.split("(")[1].split(")")[0]
    assert f'src="{ORIGIN}{image_url}"' in text and f'href="{ORIGIN}/about/"' in text
    assert default_storage.exists(image_url.removeprefix(settings.MEDIA_URL))
    locked = next(e for e in feed.entries if e.title == newsroom["locked"].title)
    assert "protected post" in locked.content[0].value and "protected post" in locked.summary
    raw = client.get("/feed/").content.decode()
    assert "rigged" not in raw and "Hidden" not in raw


def test_category_tag_and_author_feeds_hold_their_posts_only(client, newsroom):
    links = Links(Site.current())
    photo = newsroom["photo"].title
    # A category's feed has its subcategories' posts, as its archive has.
    category = read_feed(client, links.category(newsroom["politics"]) + "feed/")
    assert [e.title for e in category.entries] == [photo]
    assert category.feed.title.endswith("Category: Politics")
    assert path_of(category.feed.link) == links.category(newsroom["politics"])
    assert [e.title for e in read_feed(client, "/tag/budget/feed/").entries] == [photo]
    profile = newsroom["writer"].profile
    author = read_feed(client, links.author(profile) + "feed/")
    assert {e.author for e in author.entries} == {"Sana Baloch"} and len(author.entries) == 6
    for missing in ("/tag/nothing/feed/", "/category/nothing/feed/", "/author/nobody/feed/"):
        assert client.get(missing).status_code == 404


def test_archives_name_their_feeds_for_readers_to_find(client, newsroom):
    links = Links(Site.current())
    for page, feeds in (
        ("/", ["/feed/", "/comments/feed/"]),
        (links.tag(newsroom["budget"]), ["/feed/", "/comments/feed/", "/tag/budget/feed/"]),
    ):
        text = client.get(page).content.decode()
        found = re.findall(FEED_LINK, text)
        assert found == feeds
        for feed in found:
            read_feed(client, feed)


def test_responses_feed_holds_published_responses_only(client, newsroom):
    post = newsroom["live"][3]
    shown = ResponseFactory(post=post, author_name="Usman", text="Well reported.")
    ResponseFactory(post=post, author_name="Held", text="Wait.", status=ResponseStatus.PENDING)
    ResponseFactory(post=post, author_name="Bot", text="Cheap pills", status=ResponseStatus.SPAM)
    ResponseFactory(post=newsroom["locked"], author_name="Insider", text="I was in the room.")
    ResponseFactory(post=newsroom["hidden"][0], author_name="Early", text="A draft's reply.")
    page = PageFactory(title="Contact")
    ResponseFactory(page=page, post=None, author_name="Reader", text="How do I write in?")
    feed = read_feed(client, "/comments/feed/")
    assert [e.author for e in feed.entries] == ["Reader", "Usman"]
    usman = feed.entries[1]
    assert usman.title == f"Response to {post.title} by Usman"
    assert "Well reported." in usman.summary
    # Its link leads to the page of responses that shows it.
    answer = client.get(path_of(usman.link), follow=True)
    assert answer.status_code == 200
    assert f'id="comment-{shown.pk}"' in answer.content.decode()


def test_hostile_titles_and_texts_stay_text_in_feeds(client):
    lines = payloads()
    post = PostFactory(title=lines[0], body="\n\n".join(lines), body_format="html")
    for payload in lines[:40]:
        ResponseFactory(post=post, text=payload)
    for url in ("/feed/", "/comments/feed/"):
        answer = client.get(url)
        root = ET.fromstring(answer.content)  # well-formed whatever the payloads
        assert root.tag == "rss"
        feed = feedparser.parse(answer.content, sanitize_html=False)
        for entry in feed.entries:
            for value in [entry.summary] + [c.value for c in entry.get("content", [])]:
                assert dangers(value) == [], (url, value[:200])
    title = feedparser.parse(client.get("/feed/").content, sanitize_html=False).entries[0].title
    assert html.unescape(title) == lines[0] or title == lines[0]


def test_a_readers_current_copy_is_answered_with_304_until_a_change(client, newsroom):
    first = client.get("/feed/")
    assert "public" in first["Cache-Control"] and first["ETag"]
    again = client.get("/feed/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    post = newsroom["live"][2]
    post.title = "Port story, corrected"
    post.save()
    changed = client.get("/feed/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and b"Port story, corrected" in changed.content
    assert client.post("/feed/").status_code == 405


def test_sitemap_lists_every_public_post_page_and_archive(client, newsroom):
    page = PageFactory(title="About")
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [path_of(loc.text) for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert sections == ["/sitemap-posts.xml", "/sitemap-pages.xml", "/sitemap-archives.xml"]
    listed = []
    for section in sections:
        answer = client.get(section)
        assert answer.status_code == 200 and "public" in answer["Cache-Control"]
        root = ET.fromstring(answer.content)
        listed += [path_of(loc.text) for loc in root.findall("s:url/s:loc", SITEMAP_NS)]
    links = Links(Site.current())
    expected = [links.post(p) for p in newsroom["live"]] + [links.page(page), "/"]
    expected += [links.category(newsroom["politics"].children.get()), "/tag/budget/"]
    expected += [links.author(newsroom["writer"].profile)]
    assert set(expected) <= set(listed)
    for path in listed:
        assert client.get(path).status_code == 200, path
    for post in newsroom["hidden"]:
        assert not any(post.slug in path for path in listed), post.title


def test_a_wordpress_sites_sitemap_addresses_lead_to_the_sitemap(client):
    for old in ("/wp-sitemap.xml", "/wp-sitemap-posts-post-1.xml", "/sitemap_index.xml",
                "/post-sitemap.xml", "/post_tag-sitemap2.xml"):  # fmt: skip
        answer = client.get(old)
        assert (answer.status_code, answer["Location"]) == (301, "/sitemap.xml"), old
    assert client.get("/wp-sitemap.xml/").status_code != 301


def test_robots_txt_names_the_sitemap(client):
    answer = client.get("/robots.txt")
    assert answer["Content-Type"].startswith("text/plain")
    lines = answer.content.decode().splitlines()
    assert "User-agent: *" in lines and f"Sitemap: {ORIGIN}/sitemap.xml" in lines


def test_wordpress_feed_addresses_lead_to_the_feeds(client, newsroom):
    for old, new in (("/?feed=rss2", "/feed/"), ("/?feed=comments-rss2", "/comments/feed/")):
        answer = client.get(old)
        assert answer.status_code == 301 and answer["Location"] == new
        read_feed(client, new)


def test_a_post_has_a_feed_of_its_own_responses(client, newsroom):
    links = Links(Site.current())
    post, other = newsroom["live"][3], newsroom["live"][4]
    ResponseFactory(post=post, author_name="Usman", text="Well reported.")
    ResponseFactory(post=post, author_name="Held", text="Wait.", status=ResponseStatus.PENDING)
    ResponseFactory(post=other, author_name="Elsewhere", text="Another story.")
    ResponseFactory(post=newsroom["locked"], author_name="Insider", text="I was in the room.")
    page = client.get(links.post(post)).content.decode()
    assert re.findall(FEED_LINK, page) == ["/feed/", "/comments/feed/", links.post(post) + "feed/"]
    feed = read_feed(client, links.post(post) + "feed/")
    assert feed.feed.title == f"Responses to: {post.title}"
    assert path_of(feed.feed.link) == links.post(post)
    assert [(e.title, e.summary.strip()) for e in feed.entries] == [
        ("By: Usman", "<p>Well reported.</p>")
    ]
    assert read_feed(client, links.post(newsroom["locked"]) + "feed/").entries == []
    for missing in (links.post(newsroom["hidden"][0]), "/no-such-post/", "/2026/"):
        assert client.get(missing + "feed/").status_code == 404


def test_a_closed_page_without_responses_names_no_feed_of_its_own(client):
    closed = PageFactory(title="Masthead")  # pages start closed to responses
    assert re.findall(FEED_LINK, client.get("/masthead/").content.decode()) == [
        "/feed/",
        "/comments/feed/",
    ]
    assert read_feed(client, "/masthead/feed/").feed.title == f"Responses to: {closed.title}"


def test_an_urdu_post_reads_right_to_left_in_an_english_sites_feed(client):
    sentences = urdu_sentences()[:3]
    PostFactory(title=sentences[0], body="\n\n".join(sentences[1:]), language="ur")
    PostFactory(title="Harbour strike ends")
    entries = {e.title: e for e in read_feed(client, "/feed/").entries}
    urdu, english = entries[sentences[0]], entries["Harbour strike ends"]
    for value in (urdu.content[0].value, urdu.summary):
        assert value.startswith('<div dir="rtl" lang="ur">') and sentences[1] in value
    assert "dir=" not in english.content[0].value + english.summary


def test_the_sites_feed_settings_hold_at_once(client, newsroom):
    assert len(read_feed(client, "/feed/").entries) == 10  # kept for this version of the site
    site = Site.current()
    for number in range(5):
        ResponseFactory(post=newsroom["live"][2], text=f"Response {number}.")
    site.feed_items, site.feed_full_text = 3, False
    site.save()
    for url in ("/comments/feed/", Links(site).post(newsroom["live"][2]) + "feed/"):
        assert len(read_feed(client, url).entries) == 3
    entries = read_feed(client, "/feed/").entries
    assert len(entries) == 3
    # The excerpt alone: no whole text, and nothing of a protected post's.
    assert all("content" not in entry and entry.summary for entry in entries)


def test_wordpress_other_feed_formats_lead_to_the_rss_feed(client, newsroom):
    post = Links(Site.current()).post(newsroom["live"][3])
    for base in ("/", "/comments/", "/tag/budget/", post):
        for kind in ("atom/", "rss2/", "rdf/", "rss"):
            answer = client.get(f"{base}feed/{kind}")
            assert answer.status_code == 301 and answer["Location"] == f"{base}feed/"
            read_feed(client, answer["Location"])
    # Never off the site, whatever the path starts with.
    assert client.get("/%2F%2Fexample.org/feed/atom/")["Location"] == "/example.org/feed/"
