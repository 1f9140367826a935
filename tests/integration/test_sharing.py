"""The card a shared link shows (Open Graph and Twitter tags) and the structured data search
engines read (JSON-LD): the post's title, teaser, image and author at the site's public
address; nothing a password hides; no guessed addresses; no way out of the script element."""

import dataclasses
import json
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import override_settings

from byline.content.links import Links
from byline.content.models import AuthorProfile, Media, Site
from byline.content.sharing import twitter_handle
from byline.publish.deps import shared_fingerprint
from tests.factories import CategoryFactory, PageFactory, PostFactory, TagFactory, UserFactory
from tests.reference import jpeg

pytestmark = pytest.mark.django_db
PUBLIC = "https://news.example.com"


class _Metas(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        values = dict(attrs)
        name = values.get("property") or values.get("name")
        if tag == "meta" and name and ":" in name:
            self.found.append((name, values.get("content", "")))


def card(client, path: str) -> dict[str, list[str]]:
    """The card's tags of the page at `path`, as a parser (a sharing site) reads them."""
    parser = _Metas()
    parser.feed(client.get(path).content.decode())
    tags: dict[str, list[str]] = {}
    for name, content in parser.found:
        tags.setdefault(name, []).append(content)
    return tags


def public_address(url: str):
    return override_settings(CONFIG=dataclasses.replace(settings.CONFIG, base_url=url))


def shared_post(**fields):
    author = UserFactory(username="amina")
    AuthorProfile.objects.filter(user=author).update(twitter="https://x.com/amina_k/")
    image = Media(alt="Cranes idle at the quay", caption="The quay")
    image.file.save("quay.jpg", ContentFile(jpeg(1200, 630)), save=True)
    values = {"title": 'Mayor says "no" <again>', "author": author, "featured_image": image}
    values["body"] = "The mayor refused the port's plan & its budget.\n\nMore follows."
    return PostFactory(
        categories=[CategoryFactory(name="City")],
        tags=[TagFactory(name="Port"), TagFactory(name="Budget")],
        **values | fields,
    )


def test_a_shared_post_shows_its_title_teaser_image_and_author(client):
    with public_address(PUBLIC + "/"):
        post = shared_post()
        path = Links(Site.current()).post(post)
        tags = card(client, path)
    assert tags["og:type"] == ["article"]
    assert tags["og:title"] == ['Mayor says "no" <again>']
    teaser = "The mayor refused the port's plan & its budget. More follows."
    assert tags["og:description"] == [teaser]
    assert tags["og:url"] == [PUBLIC + path]
    assert tags["og:image"] == [PUBLIC + post.featured_image.url]
    assert (tags["og:image:width"], tags["og:image:height"]) == (["1200"], ["630"])
    assert tags["og:image:alt"] == ["Cranes idle at the quay"]
    assert tags["article:section"] == ["City"]
    assert sorted(tags["article:tag"]) == ["Budget", "Port"]
    assert tags["article:published_time"] == [post.published_at.replace(microsecond=0).isoformat()]
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["twitter:creator"] == ["@amina_k"]


def test_without_a_public_address_the_card_has_no_addresses(client):
    post = shared_post()
    tags = card(client, Links(Site.current()).post(post))
    assert tags["og:title"] == ['Mayor says "no" <again>']
    assert "og:url" not in tags and "og:image" not in tags
    assert tags["twitter:card"] == ["summary"]
    assert share_links(client, Links(Site.current()).post(post)) == []  # no absolute link


def test_a_protected_post_shares_nothing_its_password_hides(client):
    with public_address(PUBLIC):
        post = shared_post(password="tide-7731", body="Line seven of the leaked memo.")
        tags = card(client, Links(Site.current()).post(post))
    assert "og:image" not in tags and tags["twitter:card"] == ["summary"]
    assert "leaked memo" not in repr(tags)
    assert tags["og:description"] == ["There is no excerpt because this is a protected post."]


def test_the_home_page_and_a_page_are_shared_as_the_site(client):
    site = Site.current()
    with public_address(PUBLIC):
        home = card(client, "/")
        about = PageFactory(title="About the desk", body="We report on the **harbour**.")
        page = card(client, Links(site).page(about))
    assert home["og:type"] == ["website"] and home["og:title"] == [site.title]
    assert home["og:url"] == [PUBLIC + "/"]
    assert page["og:title"] == ["About the desk"]
    assert page["og:description"] == ["We report on the harbour."]
    assert page["og:url"] == [PUBLIC + Links(site).page(about)]


def test_a_new_public_address_renews_every_stored_page():
    before = shared_fingerprint()
    with public_address(PUBLIC):
        assert shared_fingerprint() != before


@pytest.mark.parametrize(
    ("given", "handle"),
    [
        ("@amina_k", "@amina_k"),
        ("amina_k", "@amina_k"),
        ("https://twitter.com/amina_k", "@amina_k"),
        ("https://x.com/amina_k/", "@amina_k"),
        ("https://facebook.com/amina_k", ""),
        ("https://x.com/amina_k/status/1", ""),
        ('"><script>alert(1)</script>', ""),
        ("", ""),
    ],
)
def test_the_authors_handle_on_x(given, handle):
    assert twitter_handle(AuthorProfile(twitter=given)) == handle


def structured(html: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(text) for text in found]


def test_a_post_is_described_to_search_engines_as_an_article(client):
    with public_address(PUBLIC):
        post = shared_post(title="Mayor's reply </script><script>alert(1)</script> & more")
        path = Links(Site.current()).post(post)
        html = client.get(path).content.decode()
    assert "<script>alert(1)" not in html
    [data] = structured(html)
    assert data["@type"] == "Article" and data["headline"] == post.title
    assert data["url"] == data["mainEntityOfPage"]["@id"] == PUBLIC + path
    assert data["image"] == [PUBLIC + post.featured_image.url]
    author = {"@type": "Person", "name": "amina", "url": PUBLIC + "/author/amina/"}
    assert data["author"] == [author]
    publisher = {"@type": "Organization", "name": Site.current().title, "url": PUBLIC + "/"}
    assert data["publisher"] == publisher
    assert data["articleSection"] == ["City"] and sorted(data["keywords"]) == ["Budget", "Port"]
    assert data["datePublished"] == post.published_at.replace(microsecond=0).isoformat()


def test_the_home_page_offers_the_search_to_search_engines_with_a_public_address(client):
    assert structured(client.get("/").content.decode()) == []
    with public_address(PUBLIC):
        [data] = structured(client.get("/").content.decode())
    assert data["@type"] == "WebSite" and data["url"] == PUBLIC + "/"
    assert data["potentialAction"]["target"]["urlTemplate"] == PUBLIC + "/?s={search_term_string}"


def test_without_a_public_address_an_article_has_no_addresses(client):
    post = shared_post(password="tide-7731")
    [data] = structured(client.get(Links(Site.current()).post(post)).content.decode())
    assert "url" not in data and "image" not in data and "url" not in data["author"][0]
    assert data["description"] == "There is no excerpt because this is a protected post."


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside, self.found = False, []

    def handle_starttag(self, tag, attrs) -> None:
        values = dict(attrs)
        if tag == "nav" and values.get("class") == "share":
            self.inside = True
        elif tag == "a" and self.inside:
            self.found.append(values["href"])

    def handle_endtag(self, tag) -> None:
        self.inside = self.inside and tag != "nav"


def share_links(client, path: str) -> list[str]:
    parser = _Links()
    parser.feed(client.get(path).content.decode())
    return parser.found


def test_readers_share_a_post_with_plain_links_to_each_network(client):
    with public_address(PUBLIC):
        post = shared_post()
        path = Links(Site.current()).post(post)
        found = share_links(client, path)
    url = quote(PUBLIC + path, safe="")
    title = quote('Mayor says "no" <again>', safe="")
    assert found == [
        f"https://x.com/intent/post?text={title}&url={url}",
        f"https://www.facebook.com/sharer/sharer.php?u={url}",
        f"https://wa.me/?text={title}%20{url}",
        f"https://www.linkedin.com/sharing/share-offsite/?url={url}",
        f"mailto:?subject={title}&body={url}",
    ]
