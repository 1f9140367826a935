"""`byline import wordpress`: real exports in, the pages readers see out; re-runs change nothing."""

from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from byline.content.links import Links
from byline.content.models import Category, Media, Page, Post, Site, Status, Tag
from byline.importers.models import ImportedItem, Redirect
from byline.importers.wordpress import import_wordpress
from byline.importers.wxr import WxrError
from byline.responses.models import Response, ResponseStatus, ResponseType
from tests.factories import PostFactory
from tests.reference import reference_data, shared_path

pytestmark = pytest.mark.django_db


def theme_unit_test() -> Path:
    return shared_path("fixtures", "wxr", "themeunittestdata.wordpress.xml")


def seed_blog():
    return shared_path("reference", "seed-blog.wordpress.xml"), shared_path("reference", "uploads")


def edge(name: str) -> Path:
    return shared_path("fixtures", "wxr", "importer-edge-cases", name)


def snapshot() -> dict:
    """Everything an import touches, to compare before and after."""
    return {
        "users": list(get_user_model().objects.values_list("username", "email").order_by("pk")),
        "categories": list(Category.objects.values().order_by("pk")),
        "tags": list(Tag.objects.values_list("slug", "name")),
        "posts": list(Post.objects.values().order_by("pk")),
        "pages": list(Page.objects.values().order_by("pk")),
        "media": list(Media.objects.values().order_by("pk")),
        "responses": list(Response.objects.values().order_by("pk")),
        "redirects": list(Redirect.objects.values().order_by("pk")),
        "site": list(Site.objects.values()),
    }


def test_theme_unit_test_export_gives_the_fixture_readmes_counts():
    report = import_wordpress(theme_unit_test())
    assert report.failures == []
    assert get_user_model().objects.count() == 2
    assert Post.objects.count() == 58
    assert Counter(Post.objects.values_list("status", flat=True)) == {
        Status.PUBLISHED: 56, Status.SCHEDULED: 1, Status.DRAFT: 1
    }  # fmt: skip
    assert Post.objects.exclude(password="").count() == 1
    assert list(Post.objects.filter(sticky=True).values_list("title", flat=True)) == [
        "Template: Sticky"
    ]
    assert Page.objects.count() == 21
    assert report.counts["attachments"]["created"] == 37
    assert Media.objects.count() == 35  # and two non-image files, linked where they are
    assert Category.objects.count() == 68
    assert Category.objects.filter(parent__isnull=False).count() == 10
    # The README counts the 110 tags declared; four more appear only on posts, and are kept
    # (WordPress's own importer creates them too).
    assert report.counts["tags"]["created"] == 114 and Tag.objects.count() == 114
    responses = Response.objects.all()
    # The README's 33 comments: 2 pingbacks, 2 trackbacks, 10 threaded replies, 3 unapproved;
    # 5 of them are on pages, which take responses as in WordPress.
    assert Counter(responses.values_list("type", flat=True)) == {
        ResponseType.COMMENT: 29, ResponseType.PINGBACK: 2, ResponseType.TRACKBACK: 2
    }  # fmt: skip
    assert not [reason for kind, reason in report.skips if kind == "comments"]
    assert responses.filter(parent__isnull=False).count() == 10
    assert responses.filter(status=ResponseStatus.PENDING).count() == 3
    assert responses.filter(page__isnull=False).count() == 5


def test_an_import_leaves_no_stale_page_in_the_store(tmp_path, django_capture_on_commit_callbacks):
    from byline.publish import site_store
    from byline.publish.render import fresh_body, publish_path
    from byline.publish.sitewide import public_paths

    with django_capture_on_commit_callbacks(execute=True):
        PostFactory(title="Written before the import")
    with django_capture_on_commit_callbacks(execute=True):
        for path in public_paths():
            publish_path(path)
    store = site_store()
    stored = store.paths()
    assert "/" in stored
    # An import's saves are not worked out one by one (events.renewing_everything): what it
    # changed must still leave no stored page stale.
    with django_capture_on_commit_callbacks(execute=True):  # one post: no setting, no term
        import_wordpress(wxr(tmp_path, "Imported text."))
    for path in stored:
        kept = store.read(path)
        assert kept is None or kept == fresh_body(path), f"stale page in the store: {path}"


def test_second_import_changes_nothing():
    import_wordpress(theme_unit_test())
    before = snapshot()
    report = import_wordpress(theme_unit_test())
    assert report.total("created") == report.total("updated") == 0
    assert report.counts["posts"]["unchanged"] == 58
    assert snapshot() == before


def test_importing_again_with_the_files_counts_only_what_it_changed():
    path, uploads = seed_blog()
    import_wordpress(path)
    redirects = Redirect.objects.count()
    report = import_wordpress(path, uploads)  # the images now brought in
    assert report.counts["attachments"]["updated"] > 0
    assert report.counts["redirects"]["created"] == Redirect.objects.count() - redirects == 0
    before = snapshot()
    report = import_wordpress(path, uploads)
    assert report.total("created") == report.total("updated") == 0
    assert snapshot() == before


def test_a_changed_export_updates_what_changed(tmp_path):
    path, uploads = seed_blog()
    import_wordpress(path, uploads)
    changed = tmp_path / "changed.xml"
    changed.write_text(
        path.read_text(encoding="utf-8").replace(
            "Karachi local elections: the long debate", "Karachi local elections: the debate"
        ),
        encoding="utf-8",
    )
    report = import_wordpress(changed, uploads)
    assert report.counts["posts"] == {"updated": 1, "unchanged": 29}
    assert Post.objects.filter(title="Karachi local elections: the debate").count() == 1
    assert Post.objects.count() == 30


def test_reference_page_from_a_real_wordpress_export(client):
    path, uploads = seed_blog()
    report = import_wordpress(path, uploads)
    assert report.failures == []
    assert any("no author bios" in note for note in report.notes)
    data = reference_data()
    post = Post.objects.get(slug=data["post"]["slug"])
    assert post.pk == 4  # WordPress's id: old ?p=4 links and #comment-2 anchors still work
    page = client.get("/2014/01/mustafa-kamal-left-mqm-took-refuge-in-dubai/")
    assert page.status_code == 200
    html = page.content.decode()
    assert data["post"]["title"] in html
    assert f"<figcaption>{data['post']['featured_image']['caption']}</figcaption>" in html
    assert 'src="/media/2014/01/featured.jpg"' in html
    image = client.get(post.featured_image.url)
    assert image.status_code == 200
    assert b"".join(image.streaming_content) == (uploads / "2014/01/featured.jpg").read_bytes()
    for paragraph in data["post"]["paragraphs"]:
        assert paragraph in html
    assert data["responses"]["heading"].replace("Responses to ", "Responses to “") in html
    comment = data["responses"]["items"][0]
    assert comment["date_shown"] in html
    assert 'id="comment-2"' in html
    assert html.count('class="ping pingback"') == 2
    assert Site.current().timezone == "Etc/GMT-5"


def test_two_hundred_comment_thread_keeps_its_nesting(client):
    path, uploads = seed_blog()
    import_wordpress(path, uploads)
    post = max(Post.objects.all(), key=lambda p: p.responses.count())
    responses = list(post.responses.all())
    assert len(responses) == 200
    by_pk = {r.pk: r for r in responses}

    def depth(response) -> int:
        return 1 + depth(by_pk[response.parent_id]) if response.parent_id else 1

    assert max(depth(r) for r in responses) == 3
    assert sum(1 for r in responses if r.parent_id) > 50

    html = client.get(Links(Site.current()).post(post)).content.decode()
    assert "200 Responses to" in html
    assert 'class="comment depth-3' in html


def test_small_export_as_wordpress_imports_it():
    """The WordPress importer's own test file and its expectations (phpunit test_small_import)."""
    import_wordpress(edge("small-export.xml"))
    users = get_user_model().objects
    assert sorted(users.values_list("username", flat=True)) == ["admin", "author", "editor"]
    editor = users.get(username="editor")
    assert (editor.email, editor.first_name, editor.last_name) == (
        "editor@example.org", "FirstName", "LastName"
    )  # fmt: skip
    assert Category.objects.count() == 30 and Tag.objects.count() == 3
    assert Category.objects.get(slug="foo-bar").parent.slug == "bar"
    assert Category.objects.get(slug="foo").parent is None
    assert Counter(Post.objects.values_list("status", flat=True)) == {"publish": 5, "private": 1}
    assert Counter(Page.objects.values_list("status", flat=True)) == {"publish": 4, "draft": 1}
    assert Response.objects.count() == 1
    assert Post.objects.get(slug="many-categories").categories.count() == 27
    assert Post.objects.get(slug="hello-world").author.username == "author"
    assert Page.objects.get(slug="child-page").parent.slug == "parent-page"
    assert list(Post.objects.get(slug="private-post").tags.values_list("slug", flat=True)) == [
        "tag1", "tag2", "tag3"
    ]  # fmt: skip


@pytest.mark.parametrize(
    "name, posts, pages",
    [
        ("backslashes.xml", 1, 0),
        ("cdata-edge.xml", 1, 0),
        ("crazy-cdata-escaped.xml", 1, 0),
        ("multiple-cdata.xml", 1, 0),
        ("namespace-edge-cases.xml", 5, 0),  # the hijacked-namespace item is not WordPress's
        ("slashes.xml", 1, 0),
        ("term-formats.xml", 0, 0),
        ("test-serialized-comment-meta.xml", 1, 0),
        ("valid-wxr-1.0.xml", 3, 3),
        ("valid-wxr-1.1.xml", 1, 1),
        ("small-export.xml", 6, 5),
    ],
)
def test_edge_case_files_that_are_imported(name, posts, pages):
    report = import_wordpress(edge(name))
    assert report.failures == []
    assert (Post.objects.count(), Page.objects.count()) == (posts, pages)
    assert report.total("created") > 0


def test_edge_case_contents_survive():
    import_wordpress(edge("slashes.xml"))
    assert Post.objects.get().body == r"Slashes aren\'t \"cool\""
    assert Category.objects.get(slug="alpha").name == r"a \"great\" category"
    assert Tag.objects.get(slug="tag1").name == r"foo\'bar"
    assert Response.objects.get().text == r"<p>\o/ ¯\_(ツ)_/¯</p>"
    import_wordpress(edge("crazy-cdata-escaped.xml"))
    assert Post.objects.filter(body="Content with nested <![CDATA[ tags ]]> :)").exists()
    report = import_wordpress(edge("namespace-edge-cases.xml"))
    reason = "not a WordPress item (no wp:post_id or wp:post_type)"
    assert report.skips[("items", reason)] == 1
    assert not Post.objects.filter(title="Hijacked Namespace").exists()
    assert "&amp;lol1;" in Post.objects.get(title="Namespace Bomb").body_html


@pytest.mark.parametrize(
    "name, message",
    [
        ("crazy-cdata.xml", "not well-formed XML"),
        ("malformed.xml", "does not appear to be a WordPress export"),
        ("missing-version-tag.xml", "does not appear to be a WordPress export"),
        ("isso-tests-wordpress.xml", "does not appear to be a WordPress export"),
    ],
)
def test_edge_case_files_that_are_refused_leave_the_site_unchanged(name, message):
    import_wordpress(edge("slashes.xml"))
    before = snapshot()
    with pytest.raises(WxrError, match=message):
        import_wordpress(edge(name))
    assert snapshot() == before


def test_a_file_in_an_encoding_no_one_knows_is_refused(tmp_path):
    text = edge("slashes.xml").read_text(encoding="utf-8")
    strange = tmp_path / "strange.xml"
    strange.write_text(text.replace('encoding="UTF-8"', 'encoding="bogus-enc"', 1))
    assert 'encoding="bogus-enc"' in strange.read_text()
    with pytest.raises(WxrError, match=r"declares an encoding Python does not know \(bogus-enc\)"):
        import_wordpress(strange)
    assert not Post.objects.exists()


def test_a_file_broken_after_many_items_loads_nothing(tmp_path):
    whole = theme_unit_test().read_bytes()
    cut = tmp_path / "truncated.xml"
    cut.write_bytes(whole[: int(len(whole) * 0.9)])
    before = snapshot()
    with pytest.raises(WxrError, match="truncated"):
        import_wordpress(cut)
    assert snapshot() == before
    assert not ImportedItem.objects.exists()


def test_a_failed_import_removes_the_files_it_copied(tmp_path, settings):
    path, uploads = seed_blog()
    settings.MEDIA_ROOT = tmp_path / "media"
    cut = tmp_path / "cut.xml"
    text = path.read_text(encoding="utf-8")
    cut.write_text(text[: text.index("<wp:post_id>6</wp:post_id>")], encoding="utf-8")
    with pytest.raises(WxrError):
        import_wordpress(cut, uploads)
    assert not any(p.is_file() for p in (tmp_path / "media").rglob("*"))


def test_dry_run_saves_nothing_but_reports_everything(tmp_path, settings):
    path, uploads = seed_blog()
    settings.MEDIA_ROOT = tmp_path / "media"
    before = snapshot()
    report = import_wordpress(path, uploads, dry_run=True)
    assert report.dry_run and report.counts["posts"]["created"] == 30
    assert report.lines()[0] == "Dry run: nothing was saved."
    assert snapshot() == before
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.jpg"))


def test_password_protected_post_shows_a_form_until_the_password_is_given(client):
    import_wordpress(theme_unit_test())
    post = Post.objects.exclude(password="").get()

    url = Links(Site.current()).post(post)
    secret = "This content, comments, pingbacks, and trackbacks should not be visible"
    locked = client.get(url).content.decode()
    assert 'name="post_password"' in locked and secret not in locked
    assert post.teaser_html == "<p>There is no excerpt because this is a protected post.</p>"
    assert secret not in client.get(Links(Site.current()).tag(post.tags.first())).content.decode()
    assert client.post("/-/password/", {"post_password": "wrong", "next": url}).status_code == 302
    assert secret not in client.get(url).content.decode()
    client.post("/-/password/", {"post_password": "enter", "next": url})
    unlocked = client.get(url)
    assert secret in unlocked.content.decode()
    assert "private" in unlocked["Cache-Control"]


def test_shortcodes_and_blocks_render_as_wordpress_shows_them(client):
    import_wordpress(theme_unit_test())
    gallery = Post.objects.get(slug="post-format-gallery")
    assert 'class="gallery gallery-columns-' in gallery.body_html
    assert "[gallery" not in gallery.body_html
    captioned = Post.objects.filter(body__contains="[caption").first()
    assert "<figcaption>" in captioned.body_html
    blocks = Post.objects.filter(body__contains="<!-- wp:paragraph").first()
    assert "<!--" not in blocks.body_html and "<p>" in blocks.body_html
    audio = Post.objects.filter(body__contains="[audio").first()
    assert "<audio controls" in audio.body_html and "[audio" not in audio.body_html


def wxr(tmp_path, content: str, meta: dict[str, str] | None = None, title: str = "One") -> Path:
    """A one-post export holding `content` (and `meta`, its custom fields)."""
    fields = "".join(
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key><wp:meta_value><![CDATA[{value}]]>"
        "</wp:meta_value></wp:postmeta>"
        for key, value in (meta or {}).items()
    )
    path = tmp_path / "one.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2'
        f"</wp:wxr_version><item><title><![CDATA[{title}]]></title><wp:post_id>7</wp:post_id>"
        "<wp:post_type>post</wp:post_type><wp:status>publish</wp:status>"
        "<wp:post_date_gmt>2015-03-01 10:00:00</wp:post_date_gmt>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded>{fields}</item></channel></rss>",
        encoding="utf-8",
    )
    return path


def test_classic_body_gets_wordpress_paragraphs_and_media_shortcodes(tmp_path):
    body = (
        'First line\nsecond line\n\n[contact-form-7 id="12" title="Contact"]\n\n'
        '[video width="640" height="360" mp4="https://example.org/clip.mp4"][/video]\n\n'
        "[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]\n\n"
        "https://vimeo.com/22439234\n\n<!--more-->\n\nAfter the fold."
    )
    import_wordpress(wxr(tmp_path, body))
    html = Post.objects.get().body_html
    assert "<p>First line<br>\nsecond line</p>" in html
    assert '[contact-form-7 id="12" title="Contact"]' in html  # kept visible, not dropped
    assert "<video controls" in html and 'src="https://example.org/clip.mp4"' in html
    assert '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert '<a href="https://vimeo.com/22439234"' in html
    # WordPress played both; so does the import (embeds.py).
    assert '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert '<iframe src="https://player.vimeo.com/video/22439234"' in html
    assert "<p></p>" not in html and "After the fold." in html
    assert "After the fold." not in Post.objects.get().teaser_html


def test_posts_on_x_wordpress_showed_come_in_as_their_quotes(client):
    import_wordpress(theme_unit_test())
    for slug, words, status in (
        ("media-twitter-embeds", "three weeks off", "nacin/status/319508408669708289"),
        ("blocks-embeds", "WordPress 5.0 Beta 2", "WordPress/status/1057136472321613824"),
    ):
        post = Post.objects.get(slug=slug)
        page = client.get(Links(Site.current()).post(post)).content.decode()
        quote = page.split('<figure class="embed embed-quote">', 1)[1].split("</figure>", 1)[0]
        assert words in quote and f'href="https://twitter.com/{status}' in quote
        assert "<script" not in quote and "platform.twitter.com" not in page


def test_a_title_with_html_comes_in_as_its_words(client):
    report = import_wordpress(theme_unit_test())
    post = Post.objects.get(slug="markup-title-with-markup")
    assert post.title == "Markup: Title With Markup"
    assert "Titles with HTML in them came in as their words, without the tags." in report.notes
    page = client.get(Links(Site.current()).post(post)).content.decode()
    assert "<title>Markup: Title With Markup" in page and "&lt;em&gt;" not in page


def test_a_title_is_read_as_wordpress_shows_it(tmp_path):
    import_wordpress(wxr(tmp_path, "Text.", title="Q&amp;A: AT&T, 3 < 4 &#8211; done"))
    assert Post.objects.get().title == "Q&A: AT&T, 3 < 4 – done"


def test_a_kept_embed_is_cleaned_as_the_rest_of_the_text(tmp_path):
    kept = (
        '<blockquote class="twitter-tweet" onclick="alert(1)"><p>Polls close<script>alert(2)'
        '</script><img src="x" onerror="alert(3)"></p>&mdash; <a href="javascript:alert(4)">'
        'x</a><a href="https://twitter.com/reporter/status/1234">May 1</a></blockquote>'
        '<script src="https://platform.twitter.com/widgets.js"></script>'
    )
    body = "https://twitter.com/reporter/status/1234\n\nhttps://twitter.com/reporter/status/5"
    import_wordpress(wxr(tmp_path, body, {"_oembed_0a1b": kept}))
    html = Post.objects.get().body_html
    assert '<figure class="embed embed-quote">\n<blockquote class="twitter-tweet">' in html
    assert "<p>Polls close" in html and 'href="https://twitter.com/reporter/status/1234"' in html
    assert "alert" not in html and "<script" not in html and "javascript:" not in html
    assert '<a href="https://twitter.com/reporter/status/5"' in html  # no quote kept: a link


def test_posts_written_after_an_import_get_new_ids():
    """Imported rows keep WordPress's ids; the database's counters must move past them."""
    from tests.factories import PageFactory, PostFactory, ResponseFactory

    import_wordpress(theme_unit_test())
    assert Post.objects.filter(pk=1148).exists()  # "Template: Comments" kept its id
    highest = [m.objects.order_by("-pk").first().pk for m in (Post, Page, Response)]
    post, page = PostFactory(), PageFactory()
    response = ResponseFactory(post=post)
    assert post.pk > highest[0] and page.pk > highest[1] and response.pk > highest[2]
