"""Old WordPress addresses answer with a 301 to the new home of what they named."""

from urllib.parse import urlsplit

import pytest
from markupsafe import escape

from byline.content.models import Category, Media, Page, Post, Tag
from byline.importers.models import ImportedItem
from byline.importers.records import Item, Term
from byline.importers.wordpress import import_wordpress
from byline.importers.wxr import parse_wxr
from tests.reference import shared_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def export():
    path = shared_path("fixtures", "wxr", "themeunittestdata.wordpress.xml")
    report = import_wordpress(path)
    assert report.failures == []
    return list(parse_wxr(path))


def object_for(kind: str, source_id: str, model):
    mapping = ImportedItem.objects.get(kind=kind, source_id=source_id)
    return model.objects.get(pk=mapping.object_id)


def old_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def lands_on(client, path: str, text: str, moved: bool = True) -> None:
    """`path` answers 301 (or 200 where the address did not change) and ends on a 200 page
    showing `text`."""
    response = client.get(path)
    if moved:
        assert response.status_code == 301, path
    hops = 0
    while response.status_code == 301 and hops < 3:
        response, hops = client.get(response["Location"]), hops + 1
    assert response.status_code == 200, path
    assert text in response.content.decode(), path


def test_every_old_post_and_page_address_leads_to_it(client, export):
    checked = 0
    for item in export:
        if not isinstance(item, Item) or item.post_type not in ("post", "page"):
            continue
        model = Post if item.post_type == "post" else Page
        entry = object_for(item.post_type, item.post_id, model)
        if not entry.is_live:
            assert client.get(old_path(item.link)).status_code == 404  # drafts stay hidden
            continue
        title = str(escape(entry.title))
        # Posts moved (WordPress.com used /%year%/%monthnum%/%day%/%postname%/); pages did not.
        lands_on(client, old_path(item.link).replace("//", "/"), title, moved=model is Post)
        query = "p" if model is Post else "page_id"
        lands_on(client, f"/?{query}={item.post_id}", title)
        checked += 1
    assert checked == 56 + 21


def test_every_category_and_tag_address_leads_to_it(client, export):
    checked = 0
    for term in export:
        if not isinstance(term, Term) or term.taxonomy not in ("category", "post_tag"):
            continue
        if term.taxonomy == "category":
            category = object_for("category", term.slug, Category)
            lands_on(client, f"/?cat={term.id}", f"Category: {escape(category.name)}")
            lands_on(client, f"/category/{category.path}/", str(escape(category.name)), False)
        else:
            tag = object_for("tag", term.slug, Tag)
            lands_on(client, f"/?tag={term.slug}", f"Tag: {escape(tag.name)}")
        checked += 1
    assert checked == 68 + 110


def test_attachment_pages_feeds_and_comment_pages_follow(client, export):
    attachment = next(i for i in export if isinstance(i, Item) and i.post_type == "attachment")
    media = object_for("media", attachment.post_id, Media)
    response = client.get(old_path(attachment.link))
    assert response.status_code == 301 and response["Location"] == media.url
    assert client.get(f"/?attachment_id={attachment.post_id}")["Location"] == media.url
    post = next(i for i in export if isinstance(i, Item) and i.post_id == "1148")
    new = client.get(old_path(post.link))["Location"]
    assert client.get(old_path(post.link) + "feed/")["Location"] == new + "feed/"
    assert client.get(old_path(post.link) + "comment-page-2/")["Location"] == new
    assert client.get("/?feed=rss2")["Location"] == "/feed/"
    assert client.get("/?m=201301")["Location"] == "/2013/01/"


def test_byline_addresses_are_never_redirected(client, export):
    post = Post.objects.live().first()
    from byline.content.links import Links
    from byline.content.models import Site

    assert client.get(Links(Site.current()).post(post)).status_code == 200
    assert client.get("/no-such-thing/").status_code == 404
