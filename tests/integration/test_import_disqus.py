"""`byline import disqus`: threads found on the site's posts and pages, replies threaded,
deleted and spam comments kept as such; re-runs change nothing; hostile files change nothing."""

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from byline.content.links import Links
from byline.content.models import Page, Post, Site
from byline.importers.disqus import DisqusError
from byline.importers.disqus_load import import_disqus
from byline.importers.models import ImportedItem, Redirect, Target
from byline.responses.models import Response, ResponseStatus
from tests.factories import PageFactory, PostFactory
from tests.live import byline, database_url, run_python, site_env
from tests.reference import shared_path

pytestmark = pytest.mark.django_db

HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
OPEN = '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n'


def isso() -> Path:
    return shared_path("fixtures", "disqus", "isso-tests-disqus.xml")


def disqus_file(tmp_path: Path, *elements: str, name: str = "export.xml") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + OPEN + "\n".join(elements) + "\n</disqus>\n", encoding="utf-8")
    return path


def thread(dsq_id: str, link: str = "", title: str = "", identifier: str = "") -> str:
    return (
        f'<thread dsq:id="{dsq_id}"><id>{identifier}</id><forum>oldblog</forum>'
        f"<link>{link}</link><title>{title}</title>"
        "<createdAt>2014-01-31T18:30:00Z</createdAt></thread>"
    )


def comment(
    dsq_id: str, thread_id: str, message: str = "<p>Well argued.</p>", parent: str = "",
    name: str = "Amna", ip: str = "203.0.113.9", deleted: bool = False, spam: bool = False,
) -> str:  # fmt: skip
    reply = f'<parent dsq:id="{parent}"/>' if parent else ""
    return (
        f'<post dsq:id="{dsq_id}"><id/><message><![CDATA[{message}]]></message>'
        "<createdAt>2014-02-01T09:15:00Z</createdAt>"
        f"<isDeleted>{str(deleted).lower()}</isDeleted><isSpam>{str(spam).lower()}</isSpam>"
        f"<author><email>amna@example.com</email><name>{name}</name>"
        "<isAnonymous>true</isAnonymous></author>"
        f'<ipAddress>{ip}</ipAddress><thread dsq:id="{thread_id}"/>{reply}</post>'
    )


def by_dsq_id() -> dict[str, Response]:
    """Each imported comment's response, by its Disqus id."""
    rows = ImportedItem.objects.filter(source="disqus", kind="comment")
    responses = Response.objects.in_bulk([r.object_id for r in rows])
    return {r.source_id: responses[r.object_id] for r in rows}


def snapshot() -> dict:
    return {
        "responses": list(Response.objects.values().order_by("pk")),
        "imported": list(ImportedItem.objects.values().order_by("pk")),
        "posts": list(Post.objects.values().order_by("pk")),
        "pages": list(Page.objects.values().order_by("pk")),
    }


@pytest.fixture
def isso_site() -> dict[str, Post]:
    """Posts for the isso export's threads: one at its link's path, one with its title."""
    site = Site.current()
    site.permalink = "/blog/%year%/%monthnum%/%day%/%postname%/"
    site.save()
    when = datetime(2013, 2, 12, 16, 0, tzinfo=UTC)
    by_path = PostFactory(title="Redacted", slug="redacted", published_at=when)
    by_title = PostFactory(title="Hello, World!", slug="hello")
    return {"path": by_path, "title": by_title}


def test_isso_export_imports_threads_replies_and_the_deleted_post(isso_site, client):
    report = import_disqus(isso())
    hello, redacted = isso_site["title"], isso_site["path"]
    r = by_dsq_id()
    assert sorted(r, key=int) == ["4", "5", "8", "9", "11"]
    assert r["4"].post == hello and r["4"].status == ResponseStatus.APPROVED
    assert (r["4"].author_name, r["4"].author_email) == ("peter", "foo@bar.com")
    assert r["4"].author_ip == "127.0.0.1" and r["4"].text == "<p>...</p>"
    assert r["4"].created_at == datetime(2013, 10, 10, 19, 20, 29, tzinfo=UTC)
    assert r["5"].parent == r["4"] and r["5"].text == "<p>Hello, World.</p>"
    assert r["8"].post == redacted and r["8"].parent is None
    assert r["9"].status == ResponseStatus.TRASH and r["9"].text == "" and r["9"].post == hello
    assert r["11"].parent == r["9"] and r["11"].status == ResponseStatus.APPROVED
    assert report.counts["comments"] == {"created": 5, "skipped": 1}
    assert report.skips == {("comments", "thread 1337 is not in the file (an orphan)"): 1}
    assert "Threads matched to posts and pages: 1 by address, 1 by title." in report.notes
    assert report.failures == []

    page = client.get(Links(Site.current()).post(hello)).content.decode()
    assert "3 Responses to “Hello, World!”" in page
    assert f'id="comment-{r["4"].pk}" class="comment depth-1' in page
    assert f'id="comment-{r["5"].pk}" class="comment depth-2' in page  # under peter's comment
    assert f'id="comment-{r["9"].pk}"' not in page  # deleted: kept, never shown
    assert f'id="comment-{r["11"].pk}" class="comment depth-1' in page  # its parent is hidden
    other = client.get(Links(Site.current()).post(redacted)).content.decode()
    assert "Message from thread with empty title and id" in other


def test_second_run_changes_nothing(isso_site):
    import_disqus(isso())
    before = snapshot()
    report = import_disqus(isso())
    assert report.counts["comments"] == {"unchanged": 5, "skipped": 1}
    assert report.total("created") == report.total("updated") == 0
    assert snapshot() == before


def test_a_changed_export_updates_what_changed(isso_site, tmp_path):
    import_disqus(isso())
    text = isso().read_text(encoding="utf-8")
    marked = text.replace(
        "<message><![CDATA[<p>Hello, World.</p>]]></message>\n        "
        "<createdAt>2013-10-11T06:51:33Z</createdAt>\n        <isDeleted>false</isDeleted>\n"
        "        <isSpam>false</isSpam>",
        "<message><![CDATA[<p>Buy pills.</p>]]></message>\n        "
        "<createdAt>2013-10-11T06:51:33Z</createdAt>\n        <isDeleted>false</isDeleted>\n"
        "        <isSpam>true</isSpam>",
    )
    assert marked != text
    changed = tmp_path / "changed.xml"
    changed.write_text(marked, encoding="utf-8")
    report = import_disqus(changed)
    assert report.counts["comments"] == {"updated": 1, "unchanged": 4, "skipped": 1}
    reply = by_dsq_id()["5"]
    assert reply.status == ResponseStatus.SPAM and reply.text == "<p>Buy pills.</p>"
    assert reply.parent == by_dsq_id()["4"]


@pytest.mark.parametrize(
    "link",
    [
        "http://old-blog.example/2010/05/old-name/",
        "https://www.elsewhere.example/2010/05/old-name",
        "http://old-blog.example/2010/05/old-name/index.html",
    ],
)
def test_thread_found_through_an_old_wordpress_address(tmp_path, link):
    post = PostFactory(title="Budget vote", slug="budget-vote")
    Redirect.objects.create(
        old_path="/2010/05/old-name", target_type=Target.POST, target_id=post.pk
    )
    report = import_disqus(
        disqus_file(tmp_path, thread("20", link, "Old title"), comment("21", "20"))
    )
    assert report.counts["comments"] == {"created": 1}
    assert by_dsq_id()["21"].post == post
    assert "Threads matched to posts and pages: 1 by address." in report.notes


def test_thread_found_through_its_wordpress_identifier(tmp_path):
    imported, other = PostFactory(title="Imported"), PostFactory(title="Same id in Byline")
    ImportedItem.objects.create(
        source="wordpress:https://old-blog.example", kind="post", source_id="123",
        object_id=imported.pk,
    )  # fmt: skip
    page = PageFactory(title="About")
    identifier = "123 https://old-blog.example/?p=123"
    by_pk = f"{page.pk} https://old-blog.example/?page_id={page.pk}"
    path = disqus_file(
        tmp_path,
        thread("30", f"https://old-blog.example/?p={other.pk}", "Some title", identifier),
        thread("31", "https://old-blog.example/nowhere/", "", by_pk),
        comment("32", "30"),
        comment("33", "31", name=""),
    )
    report = import_disqus(path)
    r = by_dsq_id()
    assert r["32"].post == imported
    assert r["33"].page == page and r["33"].post is None  # a comment on a page stays there
    assert r["33"].author_name == "Anonymous"
    assert "Threads matched to posts and pages: 2 by identifier." in report.notes


def test_comments_on_a_page_found_by_its_path(tmp_path):
    about = PageFactory(title="About us", slug="about")
    team = PageFactory(title="Team", slug="team", parent=about)
    path = disqus_file(tmp_path, thread("40", "http://old.example/about/team/index.html"),
                       comment("41", "40"), comment("42", "40", parent="41"))  # fmt: skip
    import_disqus(path)
    r = by_dsq_id()
    assert r["41"].page == team and r["42"].page == team and r["42"].parent == r["41"]


def test_statuses_authors_and_bad_values(tmp_path):
    post = PostFactory(title="Statuses")
    path = disqus_file(
        tmp_path,
        thread("50", "", "Statuses"),
        comment("51", "50", spam=True, ip="not-an-ip"),
        comment("52", "50", deleted=True, spam=True, message=""),
        comment("53", "50", message="<p>Fine <script>alert(1)</script></p>", name=""),
    )
    import_disqus(path)
    r = by_dsq_id()
    assert r["51"].status == ResponseStatus.SPAM and r["51"].author_ip is None
    assert r["52"].status == ResponseStatus.TRASH and r["52"].text == ""
    assert r["53"].author_name == "Anonymous" and r["53"].post == post
    assert "<script>" not in r["53"].text_html and "Fine" in r["53"].text_html


def test_comments_of_unknown_threads_and_stray_replies_are_reported(tmp_path):
    post = PostFactory(title="Known")
    path = disqus_file(
        tmp_path,
        comment("61", "60"),  # its thread comes later in the file
        thread("60", "", "Known"),
        thread("62", "http://old.example/gone/", "Gone"),
        thread("63", "", "Known"),
        comment("64", "62"),
        comment("65", "63", parent="61"),  # answers a comment of another thread
        comment("66", "60", parent="999"),  # answers a comment not in the file
        comment("61", "60"),
    )
    report = import_disqus(path)
    r = by_dsq_id()
    assert r["61"].post == post and r["65"].post == post
    assert r["65"].parent is None and r["66"].parent is None
    assert report.skips == {
        ("comments", "thread 62 “Gone” not found: http://old.example/gone/"): 1,
        ("comments", "its dsq:id appears twice in the file: the first is used"): 1,
    }
    assert any("answer is in another thread (dsq:id 65)" in n for n in report.notes)
    assert any("not in the file or was not imported (dsq:id 66)" in n for n in report.notes)
    assert "Skipped:" in report.lines()


def test_gzipped_export_imports_as_the_plain_one(isso_site, tmp_path):
    packed = tmp_path / "export.xml.gz"
    packed.write_bytes(gzip.compress(isso().read_bytes()))
    report = import_disqus(packed)
    assert report.counts["comments"]["created"] == 5


def test_dry_run_saves_nothing_but_reports_everything(isso_site):
    before = snapshot()
    report = import_disqus(isso(), dry_run=True)
    assert report.dry_run and report.counts["comments"]["created"] == 5
    assert report.lines()[0] == "Dry run: nothing was saved."
    assert snapshot() == before


LAUGHS = (
    '<!DOCTYPE disqus [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
)
XXE = '<!DOCTYPE disqus [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def hostile(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.xml"
    body = thread("2", "", "Hello, World!") + comment("900", "2", "&lol3;")
    if kind == "laughs":
        path.write_text(HEAD + LAUGHS + OPEN + body + "</disqus>", encoding="utf-8")
    elif kind == "xxe":
        text = HEAD + XXE + OPEN + body.replace("&lol3;", "&xxe;") + "</disqus>"
        path.write_text(text, encoding="utf-8")
    elif kind == "broken":
        path.write_text(HEAD + OPEN + body.replace("</thread>", "</post>") + "</disqus>")
    elif kind == "wxr":
        return shared_path("fixtures", "wxr", "importer-edge-cases", "small-export.xml")
    elif kind == "truncated":
        text = isso().read_text(encoding="utf-8")
        path.write_text(text[: text.index('<post dsq:id="9">') + 60], encoding="utf-8")
    elif kind == "gzip-truncated":
        path.write_bytes(gzip.compress(isso().read_bytes())[:-40])
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "latin1":
        path.write_bytes((HEAD + OPEN + "<x>caf\xe9</x></disqus>").encode("latin-1"))
    elif kind == "unknown-encoding":
        path.write_text(HEAD.replace("utf-8", "bogus-enc") + OPEN + body + "</disqus>")
    return path


@pytest.mark.parametrize(
    "kind, message",
    [
        ("laughs", "declares a DTD or entities"),
        ("xxe", "declares a DTD or entities"),
        ("broken", "not well-formed XML"),
        ("wxr", "not a Disqus export: its root element is <rss>"),
        ("truncated", "truncated"),
        ("gzip-truncated", "truncated"),
        ("empty", "The file is empty"),
        ("latin1", "not valid utf-8"),
        ("unknown-encoding", r"declares an encoding Python does not know \(bogus-enc\)"),
    ],
)
def test_hostile_or_broken_files_are_refused_with_the_site_unchanged(
    isso_site, tmp_path, kind, message
):
    import_disqus(isso())
    before = snapshot()
    with pytest.raises(DisqusError, match=message):
        import_disqus(hostile(tmp_path, kind))
    assert snapshot() == before


def test_a_file_cut_after_its_first_comments_loads_none_of_them(isso_site, tmp_path):
    with pytest.raises(DisqusError, match="truncated"):
        import_disqus(hostile(tmp_path, "truncated"))
    assert not Response.objects.exists() and not ImportedItem.objects.exists()


@pytest.fixture
def env():
    with database_url() as url:
        yield site_env(url)


def test_import_disqus_from_the_command_line(tmp_path, env):
    site = tmp_path / "site"
    byline(site, "init", env=env)
    run_python(
        site,
        "from byline.content.models import Post; from django.contrib.auth import get_user_model\n"
        "user = get_user_model().objects.create(username='editor')\n"
        "Post.objects.create(title='Hello, World!', author=user, status='publish')\n",
        env,
    )
    dry = byline(site, "import", "disqus", str(isso()), "--dry-run", env=env)
    assert "Dry run: nothing was saved." in dry.stdout
    first = byline(site, "import", "disqus", str(isso()), env=env)
    assert "Import finished." in first.stdout
    assert first.stdout.split("comments", 1)[1].split()[:5] == ["4", "0", "0", "2", "0"]
    assert "thread 7 not found: http://localhost:4000/blog/2013/02/12/redacted/index.html" in (
        first.stdout
    )
    again = byline(site, "import", "disqus", str(isso()), env=env)
    assert again.stdout.split("comments", 1)[1].split()[:5] == ["0", "0", "4", "2", "0"]
    broken = hostile(tmp_path, "xxe")
    failed = byline(site, "import", "disqus", str(broken), env=env, check=False)
    assert failed.returncode == 1 and "Nothing was imported." in failed.stderr
    assert "DTD" in failed.stderr and "Traceback" not in failed.stderr
