"""The WXR parser: plain records from real exports; hostile or broken files clearly refused."""

from collections import Counter

import pytest

from byline.importers.records import Author, Channel, Item, Term
from byline.importers.wxr import WxrError, parse_wxr
from tests.reference import shared_path


def edge(name: str):
    return shared_path("fixtures", "wxr", "importer-edge-cases", name)


def records(path) -> list:
    return list(parse_wxr(path))


def kinds(path) -> Counter:
    return Counter(type(r).__name__ for r in records(path))


def only_item(path) -> Item:
    (item,) = [r for r in records(path) if isinstance(r, Item)]
    return item


def test_channel_comes_first_with_the_exported_site():
    channel = records(shared_path("reference", "seed-blog.wordpress.xml"))[0]
    assert channel == Channel(
        wxr_version="1.2",
        title="Seed Politics Blog",
        link="http://127.0.0.1:8081",
        description="News and commentary",
        language="en-US",
        base_site_url="http://127.0.0.1:8081",
        base_blog_url="http://127.0.0.1:8081",
    )


def test_theme_unit_test_export_counts():
    found = records(shared_path("fixtures", "wxr", "themeunittestdata.wordpress.xml"))
    items = [r for r in found if isinstance(r, Item)]
    types = Counter(i.post_type for i in items)
    assert types == {"post": 58, "page": 21, "attachment": 37, "nav_menu_item": 70}
    terms = Counter(t.taxonomy for t in found if isinstance(t, Term))
    assert terms["category"] == 68 and terms["post_tag"] == 110
    categories = [t for t in found if isinstance(t, Term) and t.taxonomy == "category"]
    assert sum(1 for t in categories if t.parent) == 10
    assert len([a for a in found if isinstance(a, Author)]) == 2
    comments = [c for i in items for c in i.comments]
    assert len(comments) == 33
    assert Counter(c.type for c in comments)["pingback"] == 2
    assert Counter(c.type for c in comments)["trackback"] == 2
    assert sum(1 for c in comments if c.approved == "0") == 3
    assert sum(1 for c in comments if c.parent != "0") == 10


def test_wxr_1_2_lists_terms_twice_but_each_is_yielded_once():
    found = records(shared_path("reference", "seed-blog.wordpress.xml"))
    terms = [(t.taxonomy, t.slug) for t in found if isinstance(t, Term)]
    assert len(terms) == len(set(terms)) == 14


def test_post_fields_dates_terms_meta_and_comments():
    items = [r for r in records(shared_path("reference", "seed-blog.wordpress.xml"))]
    post = next(i for i in items if isinstance(i, Item) and i.post_id == "4")
    assert post.post_name == "mustafa-kamal-left-mqm-took-refuge-in-dubai"
    assert post.post_date.isoformat() == "2014-01-31T18:30:00"
    assert post.post_date_gmt.isoformat() == "2014-01-31T13:30:00+00:00"
    assert ("category", "politics", "Politics") in post.terms
    assert post.meta["_thumbnail_id"] == "5"
    assert [c.type for c in post.comments] == ["comment", "pingback", "pingback"]
    assert post.comments[0].date_gmt.isoformat() == "2014-02-01T17:02:00+00:00"


def test_wxr_1_0_and_1_1_are_read():
    assert kinds(edge("valid-wxr-1.0.xml")) == {"Channel": 1, "Term": 9, "Item": 6}
    items = [r for r in records(edge("valid-wxr-1.0.xml")) if isinstance(r, Item)]
    # WXR 1.0 repeats categories without a domain; tags have domain="tag".
    assert items[2].terms == [
        ("category", "alpha", "alpha"), ("post_tag", "news", "news"), ("post_tag", "roar", "roar")
    ]  # fmt: skip
    found = records(edge("valid-wxr-1.1.xml"))
    author = next(r for r in found if isinstance(r, Author))
    assert (author.login, author.display_name, author.id) == ("john", "John Doe", "2")


def test_escaped_cdata_closing_sequences_are_read_as_text():
    item = only_item(edge("crazy-cdata-escaped.xml"))
    assert item.content == "Content with nested <![CDATA[ tags ]]> :)"
    assert item.meta["Closing CDATA"] == "]]>"
    assert only_item(edge("cdata-edge.xml")).content == "ends with sequence ]] >"
    assert only_item(edge("multiple-cdata.xml")).content == "line oneline twoline three"


def test_backslashes_and_slashes_are_kept():
    assert only_item(edge("backslashes.xml")).content == r"C:\xampp\htdocs\wp-content"
    found = records(edge("slashes.xml"))
    item = next(r for r in found if isinstance(r, Item))
    assert item.content == r"Slashes aren\'t \"cool\""
    assert item.comments[0].content == r"\o/ ¯\_(ツ)_/¯"
    assert any(t.name == r"a \"great\" category" for t in found if isinstance(t, Term))


def test_term_formats_and_serialized_comment_meta():
    found = records(edge("term-formats.xml"))
    taxonomies = Counter(t.taxonomy for t in found if isinstance(t, Term))
    assert taxonomies == {"category": 2, "post_tag": 3, "custom-taxonomy": 1, "nav_menu": 1}
    item = only_item(edge("test-serialized-comment-meta.xml"))
    assert item.status == "draft" and item.post_date_gmt is None and item.post_name == ""
    assert item.comments[0].author == "A WordPress Commenter"


def test_only_wordpress_namespaces_count():
    found = records(edge("namespace-edge-cases.xml"))
    assert [a.login for a in found if isinstance(a, Author)] == ["real_user", "version_conflict"]
    items = [r for r in found if isinstance(r, Item)]
    assert [i.post_id for i in items] == ["1", "2", "3", "4", "", "6"]
    assert items[0].meta == {"normal_key": "normal_value"}  # a redefined wp: prefix is ignored
    assert items[4].title == "Hijacked Namespace" and items[4].post_type == ""
    assert items[5].content.startswith("&lol1;")  # text, never an entity
    assert [t.slug for t in found if isinstance(t, Term)] == ["old-version", "new-version"]


def test_percent_encoded_slugs_are_decoded():
    found = records(shared_path("fixtures", "wxr", "themeunittestdata.wordpress.xml"))
    slugs = {i.post_name for i in found if isinstance(i, Item)}
    assert "επίπεδο-2" in slugs


@pytest.mark.parametrize(
    "name, message",
    [
        ("crazy-cdata.xml", "not well-formed XML"),
        ("malformed.xml", "does not appear to be a WordPress export"),
        ("missing-version-tag.xml", "no valid <wp:wxr_version>"),
        ("isso-tests-wordpress.xml", "no valid <wp:wxr_version>"),
    ],
)
def test_broken_edge_case_files_are_refused(name, message):
    with pytest.raises(WxrError, match=message):
        records(edge(name))


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss><channel><title>&lol2;</title></channel></rss>"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><title>&xxe;</title></channel></rss>"""
MINIMAL = (
    '<?xml version="1.0" encoding="{encoding}"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/">'
    "<channel><wp:wxr_version>1.2</wp:wxr_version><title>{title}</title></channel></rss>"
)


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_entity_payloads_are_refused(tmp_path, payload):
    path = tmp_path / "hostile.xml"
    path.write_text(payload)
    with pytest.raises(WxrError, match="declares a DTD"):
        records(path)


def test_truncated_file_is_refused(tmp_path):
    whole = shared_path("reference", "seed-blog.wordpress.xml").read_bytes()
    path = tmp_path / "cut.xml"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(WxrError, match="truncated"):
        records(path)


def test_wrong_encoding_is_refused_and_a_declared_one_is_honoured(tmp_path):
    path = tmp_path / "latin1.xml"
    path.write_bytes(MINIMAL.format(encoding="UTF-8", title="Caf\xe9").encode("latin-1"))
    with pytest.raises(WxrError, match="not valid UTF-8"):
        records(path)
    path.write_bytes(MINIMAL.format(encoding="ISO-8859-1", title="Caf\xe9").encode("latin-1"))
    assert records(path)[0].title == "Café"


@pytest.mark.parametrize(
    "text, message",
    [
        ("just some words", "not well-formed"),
        ("<html><body>hi</body></html>", "root element is <html>"),
        ('<rss version="2.0"><channel><title>A feed</title><item/></channel></rss>', "no valid"),
        ("", "not well-formed|truncated"),
    ],
)
def test_files_that_are_not_wxr_are_refused(tmp_path, text, message):
    path = tmp_path / "export.xml"
    path.write_text(text)
    with pytest.raises(WxrError, match=message):
        records(path)
