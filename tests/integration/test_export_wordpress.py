"""`byline export wordpress`: a WXR 1.2 file WordPress's importer reads, and that Byline's importer
turns back into the same site: every field compared, ids followed through slugs."""

import html
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from byline.content.models import Category, Page, Post, Tag
from byline.importers.wordpress import import_wordpress
from byline.importers.wxr_export import export_wordpress
from byline.responses.models import Response, ResponseType
from tests.factories import CategoryFactory, PageFactory, PostFactory, ResponseFactory, UserFactory
from tests.live import byline, database_url, run_python, site_env
from tests.reference import shared_path
from tests.site_state import assert_same_site, between_tags, empty_site, site_state
from tests.wxr_reader import wordpress_reads

pytestmark = pytest.mark.django_db

WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
EXCERPT = "{http://wordpress.org/export/1.2/excerpt/}"
DC = "{http://purl.org/dc/elements/1.1/}"
# What WordPress's importer reads from every item (WXR_Parser_SimpleXML, wordpress-importer).
ITEM_FIELDS = (
    "post_id", "post_date", "post_date_gmt", "comment_status", "ping_status", "post_name",
    "status", "post_parent", "menu_order", "post_type", "post_password", "is_sticky",
)  # fmt: skip
COMMENT_FIELDS = (
    "comment_id", "comment_author", "comment_author_email", "comment_author_url",
    "comment_author_IP", "comment_date", "comment_date_gmt", "comment_content",
    "comment_approved", "comment_type", "comment_parent", "comment_user_id",
)  # fmt: skip


def theme_unit_test() -> Path:
    return shared_path("fixtures", "wxr", "themeunittestdata.wordpress.xml")


def seed_blog() -> tuple[Path, Path]:
    return shared_path("reference", "seed-blog.wordpress.xml"), shared_path("reference", "uploads")


def round_trip(tmp_path: Path, settings) -> tuple[dict, dict]:
    """(state before, state after) for: export, empty the site, import the file with
    the old media folder as `--uploads`."""
    before = site_state()
    out = tmp_path / "export.xml"
    export_wordpress(out)
    old_media = tmp_path / "old-media"
    shutil.copytree(settings.MEDIA_ROOT, old_media, dirs_exist_ok=True)
    empty_site()
    shutil.rmtree(settings.MEDIA_ROOT)
    settings.MEDIA_ROOT.mkdir()
    report = import_wordpress(out, old_media)
    assert report.failures == []
    return before, site_state()


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def test_round_trip_of_the_theme_unit_test_keeps_everything(tmp_path, settings, media_root):
    import_wordpress(theme_unit_test())
    before, after = round_trip(tmp_path, settings)
    assert len(before["posts"]) == 58 and len(before["pages"]) == 21
    assert len(before["media"]) == 35 and len(before["categories"]) == 68
    assert sum(1 for c in before["categories"].values() if c[2]) == 10  # nested ones
    assert sum(1 for r in before["responses"].values() if r["on"][0] == "page") == 5
    assert_same_site(before, after)


def test_round_trip_of_the_reference_blog_keeps_files_threads_and_pings(
    tmp_path, settings, media_root
):
    path, uploads = seed_blog()
    import_wordpress(path, uploads)
    before, after = round_trip(tmp_path, settings)
    assert_same_site(before, after)
    post = Post.objects.get(pk=4)  # WordPress's id, kept through Byline and back
    assert post.featured_image.file.name == "2014/01/featured.jpg"
    assert (media_root / "2014/01/featured.jpg").read_bytes() == (
        uploads / "2014/01/featured.jpg"
    ).read_bytes()
    assert post.responses.filter(type=ResponseType.PINGBACK).count() == 2
    threaded = max(Post.objects.all(), key=lambda p: p.responses.count())
    assert threaded.responses.count() == 200
    assert threaded.responses.filter(parent__isnull=False).count() > 50


def native_content() -> dict:
    """Content written on Byline itself: Markdown, a page whose id a post also has, a page
    comment, a signed-in responder, every response type and status."""
    author = UserFactory(username="amina", first_name="Amina", last_name="Khan")
    author.profile.display_name = "امینہ خان"
    author.profile.save()
    post = PostFactory(
        author=author,
        title="Markdown post",
        body="Intro with **bold** and [a link](https://example.org/).\n\n![Chart](/media/c.png)",
        excerpt="*Short*",
    )
    assert not Page.objects.filter(pk=post.pk).exists()
    about = PageFactory(pk=post.pk, author=author, title="About", comment_status="open")
    child = PageFactory(author=author, title="Team", parent=about, menu_order=3)
    reader = ResponseFactory(post=post, text="Fine *point*.")
    ResponseFactory(post=post, parent=reader, user=author, author_name="Amina", text="Thanks")
    kinds = [ResponseType.PINGBACK, ResponseType.TRACKBACK, ResponseType.WEBMENTION]
    for kind, status in zip(kinds, ["spam", "trash", "pending"], strict=True):
        ResponseFactory(post=post, type=kind, status=status, author_url="https://other.example/")
    on_page = ResponseFactory(post=None, page=about, text="A question about the blog.")
    return {"post": post, "about": about, "child": child, "reader": reader, "on_page": on_page}


def parse(path: Path) -> tuple[ET.Element, dict[str, str]]:
    """The document and its namespace declarations, by Python's own (expat) parser."""
    namespaces = dict(
        node for event, node in ET.iterparse(path, events=("start-ns",)) if event == "start-ns"
    )
    return ET.parse(path).getroot(), namespaces


def test_the_file_has_what_wordpress_importer_requires(tmp_path, media_root):
    import_wordpress(theme_unit_test())
    made = native_content()
    out = tmp_path / "export.xml"
    counts = export_wordpress(out)
    root, namespaces = parse(out)
    assert root.tag == "rss" and root.get("version") == "2.0"
    assert namespaces == {
        "excerpt": "http://wordpress.org/export/1.2/excerpt/",
        "content": "http://purl.org/rss/1.0/modules/content/",
        "wfw": "http://wellformedweb.org/CommentAPI/",
        "dc": "http://purl.org/dc/elements/1.1/",
        "wp": "http://wordpress.org/export/1.2/",
    }
    channel = root.find("channel")
    assert channel.findtext(f"{WP}wxr_version") == "1.2"
    assert channel.findtext(f"{WP}base_site_url").startswith("http")
    items = channel.findall("item")
    assert len(items) == counts["posts"] + counts["pages"] + counts["attachments"] == 59 + 23 + 35
    for item in items:
        missing = [f for f in ITEM_FIELDS if item.find(f"{WP}{f}") is None]
        missing += [t for t in ("title", "link", "guid", f"{DC}creator") if item.find(t) is None]
        missing += [t for t in (f"{CONTENT}encoded", f"{EXCERPT}encoded") if item.find(t) is None]
        assert missing == [], item.findtext("title")
        for comment in item.iter(f"{WP}comment"):
            assert [f for f in COMMENT_FIELDS if comment.find(f"{WP}{f}") is None] == []
    # WordPress numbers posts, pages and attachments from one counter, and finds featured
    # images and page parents by it: every id is one item's.
    by_id = {int(i.findtext(f"{WP}post_id")): i for i in items}
    assert len(by_id) == len(items)
    types = {k: i.findtext(f"{WP}post_type") for k, i in by_id.items()}
    for item in items:
        for meta in item.iter(f"{WP}postmeta"):
            if meta.findtext(f"{WP}meta_key") == "_thumbnail_id":
                assert types[int(meta.findtext(f"{WP}meta_value"))] == "attachment"
        kind, parent = item.findtext(f"{WP}post_type"), int(item.findtext(f"{WP}post_parent"))
        if parent:  # a page's parent page, or the post an image is the featured image of
            assert (kind, types[parent]) in {("page", "page"), ("attachment", "post")}
    # Categories come before their children (WordPress's importer looks parents up as it goes).
    seen: set[str] = set()
    for category in channel.findall(f"{WP}category"):
        parent = category.findtext(f"{WP}category_parent")
        assert not parent or parent in seen
        seen.add(category.findtext(f"{WP}category_nicename"))
    # The line-based regex parser, WordPress's fallback: items and authors where it looks.
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines.count("\t<item>") == lines.count("\t</item>") == len(items)
    assert all("</wp:author>" in line for line in lines if "<wp:author>" in line)
    assert "<wp:wxr_version>1.2</wp:wxr_version>" in text
    assert len(re.findall(r'<category domain="[^"]+" nicename="[^"]+">', text)) == len(
        [c for i in items for c in i.findall("category")]
    )
    # A page whose number a post has too went out under another one, its child following it.
    assert by_id[made["about"].pk].findtext("title") == made["post"].title
    pages = {i.findtext("title"): i for i in items if i.findtext(f"{WP}post_type") == "page"}
    team, about = pages["Team"], pages["About"]
    assert team.findtext(f"{WP}post_parent") == about.findtext(f"{WP}post_id")


def test_wordpress_importer_reads_every_item_comment_and_term(tmp_path, media_root):
    path, uploads = seed_blog()
    import_wordpress(path, uploads)
    made = native_content()
    out = tmp_path / "export.xml"
    export_wordpress(out, absolute_media_links=True)
    wp = wordpress_reads(out, tmp_path)
    assert wp["version"] == "1.2" and wp["namespaces"]["wp"] == "http://wordpress.org/export/1.2/"
    assert wp["authors"]["kashif"][1:] == ["kashif@example.org", "Kashif Aziz", "Kashif", "Aziz"]
    assert wp["authors"]["amina"][2] == "امینہ خان"
    assert {c[0] for c in wp["categories"]} == set(Category.objects.values_list("slug", flat=True))
    assert wp["tags"] == dict(Tag.objects.values_list("slug", "name"))
    posts = {i["post_name"]: i for i in wp["items"] if i["post_type"] == "post"}
    assert len(posts) == Post.objects.count() == 31
    reference = posts["mustafa-kamal-left-mqm-took-refuge-in-dubai"]
    stored = Post.objects.get(pk=4)
    assert reference["post_id"] == 4 and reference["status"] == "publish"
    assert reference["content"] == stored.body and reference["title"] == stored.title
    assert reference["post_date"] == "2014-01-31 18:30:00"  # the site's time (Etc/GMT-5)
    assert reference["post_date_gmt"] == "2014-01-31 13:30:00"
    assert ["category", "politics", "Politics"] in reference["terms"]
    assert [c["comment_type"] for c in reference["comments"]] == ["", "pingback", "pingback"]
    image = next(i for i in wp["items"] if i["post_type"] == "attachment")
    assert image["attachment_url"] == "http://127.0.0.1:8000/media/2014/01/featured.jpg"
    assert reference["meta"]["_thumbnail_id"] == str(image["post_id"])
    assert image["post_parent"] == 4 and image["excerpt"] == stored.featured_image.caption
    assert image["meta"]["_wp_attachment_image_alt"] == stored.featured_image.alt
    assert image["meta"]["_wp_attached_file"] == "2014/01/featured.jpg"
    threaded = max(posts.values(), key=lambda i: len(i["comments"]))
    assert len(threaded["comments"]) == 200
    assert sum(c["comment_parent"] != "0" for c in threaded["comments"]) > 50
    # Markdown goes out as the HTML readers saw, its media links as full addresses.
    markdown = posts[made["post"].slug]
    assert "<strong>bold</strong>" in markdown["content"] and "**" not in markdown["content"]
    assert 'src="http://127.0.0.1:8000/media/c.png"' in markdown["content"]
    assert markdown["excerpt"] == "<p><em>Short</em></p>"
    by_id = {int(c["comment_id"]): c for c in markdown["comments"]}
    reader = by_id[made["reader"].pk]
    assert reader["comment_content"] == "<p>Fine <em>point</em>.</p>"
    assert [c["comment_approved"] for c in markdown["comments"]] == ["1", "1", "spam", "trash", "0"]
    assert [c["comment_type"] for c in markdown["comments"]][2:] == [
        "pingback", "trackback", "webmention"
    ]  # fmt: skip
    reply = by_id[made["reader"].pk + 1]
    assert reply["comment_parent"] == str(made["reader"].pk)
    assert int(reply["comment_user_id"]) == wp["authors"]["amina"][0]
    pages = {i["title"]: i for i in wp["items"] if i["post_type"] == "page"}
    assert pages["Team"]["post_parent"] == pages["About"]["post_id"]
    assert pages["Team"]["menu_order"] == 3
    assert [c["comment_content"] for c in pages["About"]["comments"]] == [
        "<p>A question about the blog.</p>"
    ]


HOSTILE = 'Vote ]]> count <![CDATA[ "quoted" & <b>bold</b>\x07\x1b کراچی کے انتخابات 🗳️🇵🇰'
HOSTILE_BODY = "<p>]]></p>\n<p>Nested <![CDATA[ inside ]]> and\x0c feed, line\r\nend 🇵🇰 اردو</p>"


def xml_safe(text: str) -> str:
    """`text` as any XML file can carry it: without C0 control characters (XML 1.0 has no
    way to write them), its line ends as `\\n` (XML parsers turn `\\r\\n` into `\\n`)."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text.replace("\r\n", "\n"))


def test_hostile_text_survives_the_file_and_the_way_back(tmp_path, settings, media_root):
    author = UserFactory(username="kashif")
    author.profile.display_name = "کاشف عزیز ]]> 🙂"
    author.profile.save()
    category = CategoryFactory(name="سیاست ]]> & <politics>", slug="سیاست")
    post = PostFactory(
        author=author,
        title=HOSTILE,
        slug="کراچی-انتخابات",
        body=HOSTILE_BODY,
        body_format="html",
        excerpt="اقتباس ]]> 😀",
    )
    post.categories.set([category])
    ResponseFactory(post=post, author_name="قاری ]]> 😀\x1b", text="Agreed ]]> 😀\x08 بالکل")
    out = tmp_path / "export.xml"
    export_wordpress(out)
    root, _ = parse(out)  # well-formed, whatever the text held
    item = root.find("channel/item")
    # A title is HTML to WordPress: Byline's text goes with its `<` and `&` as entities.
    title = html.escape(xml_safe(HOSTILE), quote=False)
    assert item.findtext("title") == title
    assert item.findtext(f"{CONTENT}encoded") == xml_safe(HOSTILE_BODY)
    name = item.findtext(f"{WP}post_name")  # as WordPress stores it: percent-encoded, lowercase
    assert name.startswith("%da%a9%d8%b1%d8%a7") and unquote(name) == "کراچی-انتخابات"
    if shutil.which("php"):
        (read,) = [i for i in wordpress_reads(out, tmp_path)["items"] if i["post_type"] == "post"]
        assert (read["title"], read["content"]) == (title, xml_safe(HOSTILE_BODY))
        assert read["terms"] == [["category", "%d8%b3%db%8c%d8%a7%d8%b3%d8%aa", category.name]]
        assert read["comments"][0]["comment_author"] == "قاری ]]> 😀"
    empty_site()
    assert import_wordpress(out).failures == []
    back = Post.objects.get(slug="کراچی-انتخابات")
    assert (back.title, back.body, back.excerpt) == (
        xml_safe(HOSTILE), xml_safe(HOSTILE_BODY), "اقتباس ]]> 😀"
    )  # fmt: skip
    assert back.author.profile.display_name == "کاشف عزیز ]]> 🙂"
    assert list(back.categories.values_list("slug", "name")) == [("سیاست", category.name)]
    response = back.responses.get()
    assert response.author_name == "قاری ]]> 😀"
    assert "Agreed ]]&gt; 😀 بالکل" in response.text_html


def test_markdown_posts_come_back_as_the_html_readers_saw(tmp_path, settings, media_root):
    made = native_content()
    before = site_state()
    shown = {s: between_tags(p["body_html"]) for s, p in before["posts"].items()}
    round_trip(tmp_path, settings)
    post = Post.objects.get(slug=made["post"].slug)
    # WordPress has no Markdown: the text is now the HTML it rendered to, shown the same.
    assert post.body_format == "html" and post.body == made["post"].body_html.strip()
    assert between_tags(post.body_html) == shown[post.slug]
    assert post.excerpt == "<p><em>Short</em></p>"
    reader = Response.objects.get(pk=made["reader"].pk)
    assert reader.text == "<p>Fine <em>point</em>.</p>" and reader.parent is None
    assert Response.objects.get(parent=reader).user.username == "amina"
    about = Page.objects.get(slug="about")
    assert Page.objects.get(slug="team").parent == about
    assert list(about.responses.values_list("text", flat=True)) == [
        "<p>A question about the blog.</p>"
    ]


def test_export_reads_in_chunks_not_once_per_post(tmp_path):
    """10,000 posts and 100,000 responses must not mean 100,000 queries or one huge read."""
    author = UserFactory()
    now = timezone.now()

    def add_posts(start: int, count: int) -> None:
        posts = Post.objects.bulk_create(
            Post(title=f"Post {n}", slug=f"post-{n}", author=author, status="publish",
                 published_at=now, body=f"Text {n}", body_format="html")
            for n in range(start, start + count)
        )  # fmt: skip
        Response.objects.bulk_create(
            Response(post=p, author_name="Reader", text=f"On {p.title}", created_at=now)
            for p in posts
            for _ in range(3)
        )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            export_wordpress(tmp_path / "export.xml")
        return len(captured)

    add_posts(0, 10)
    few = queries()
    add_posts(10, 440)  # two more chunks of posts
    many = queries()
    assert many - few <= 2 * 4  # posts, their categories, tags and responses, per chunk
    assert (tmp_path / "export.xml").read_text(encoding="utf-8").count("<wp:comment>") == 1350


@pytest.fixture
def two_sites(tmp_path):
    with database_url() as first, database_url() as second:
        yield (tmp_path / "old", site_env(first)), (tmp_path / "new", site_env(second))


def test_cli_exports_and_another_site_imports_the_same(tmp_path, two_sites):
    (old, old_env), (new, new_env) = two_sites
    path, uploads = seed_blog()
    byline(old, "init", env=old_env)
    byline(old, "import", "wordpress", str(path), "--uploads", str(uploads), env=old_env)
    out = tmp_path / "seed-again.xml"
    result = byline(old, "export", "wordpress", str(out), env=old_env)
    assert f"Wrote {out}:" in result.stdout
    lines = result.stdout.splitlines()
    for kind, count in (("posts", 30), ("comments", 201), ("pingbacks", 2), ("attachments", 1)):
        assert f"  {kind:<12} {count}" in lines
    byline(new, "init", env=new_env)
    byline(new, "import", "wordpress", str(out), "--uploads", str(old / "media"), env=new_env)
    stats = [json.loads(byline(s, "stats", "--json", env=e).stdout) for s, e in two_sites]
    assert stats[0] == stats[1] and stats[1]["posts"]["published"] == 30
    assert (new / "media/2014/01/featured.jpg").read_bytes() == (
        uploads / "2014/01/featured.jpg"
    ).read_bytes()


def test_cli_refuses_a_place_it_cannot_write_and_leaves_no_file(tmp_path, two_sites):
    (old, env), _ = two_sites
    byline(old, "init", env=env)
    missing = byline(old, "export", "wordpress", str(tmp_path / "nowhere" / "x.xml"), env=env,
                     check=False)  # fmt: skip
    assert missing.returncode == 1 and "does not exist. Nothing was written." in missing.stderr
    folder = byline(old, "export", "wordpress", str(tmp_path), env=env, check=False)
    assert folder.returncode == 2 and "is a directory" in folder.stderr
    # Tests run as root, who writes in any folder; /proc refuses everyone.
    refused = byline(old, "export", "wordpress", "/proc/byline-export.xml", env=env, check=False)
    assert refused.returncode == 1 and "Cannot write in /proc" in refused.stderr
    assert "Traceback" not in missing.stderr + refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old"]


# Writes a post's new title from another thread (another database connection) while the
# export is under way, then says what the export and the database hold.
WRITE_DURING_EXPORT = """
import io, threading, time
from byline.content.models import Post
from byline.importers.wxr_export import write_wxr

def rename():
    started = time.monotonic()
    Post.objects.filter(pk=4).update(title="Renamed meanwhile")
    print("write took under a second:", time.monotonic() - started < 1)

class Meanwhile(io.StringIO):
    def write(self, text):
        if "<item>" in text and not hasattr(self, "renamed"):
            self.renamed = threading.Thread(target=rename)
            self.renamed.start()
            self.renamed.join()
        return super().write(text)

out = Meanwhile()
write_wxr(out)
print("export has the new title:", "Renamed meanwhile" in out.getvalue())
print("database has it:", Post.objects.get(pk=4).title == "Renamed meanwhile")
"""


def test_export_is_one_view_of_the_site_and_holds_no_writer_back(two_sites):
    (site, env), _ = two_sites
    byline(site, "init", env=env)
    byline(site, "import", "wordpress", str(seed_blog()[0]), env=env)
    assert run_python(site, WRITE_DURING_EXPORT, env).splitlines() == [
        "write took under a second: True",
        "export has the new title: False",
        "database has it: True",
    ]
