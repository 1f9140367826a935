"""`byline export static DIR`: every public page as a file, byte for byte what `byline serve`
sends but for the documented rewriting of the response form; every local link leads to a file;
the running site takes responses from the copy's address and from no other."""

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from byline import conf
from byline.content.links import Links
from byline.content.models import Media, OpenClosed, Site
from byline.publish.sitewide import public_paths
from byline.publish.static_export import MARKER, ExportError, export_static
from byline.responses.models import Response
from tests.factories import (
    CategoryFactory,
    PageFactory,
    PostFactory,
    ResponseFactory,
    TagFactory,
    UserFactory,
)
from tests.live import byline, run_python, site_env
from tests.reference import jpeg
from tests.responding import send

pytestmark = pytest.mark.django_db

BASE = "https://blog.example.com"
COPY = "https://archive.example.com"


@pytest.fixture
def configured(settings):
    """The running site at BASE, its static copy at COPY."""
    settings.CONFIG = dataclasses.replace(settings.CONFIG, base_url=BASE, static_url=COPY)
    return settings


@pytest.fixture
def blog(configured):
    """A small news blog: paginated listings, categories, tags, two authors, a page, an image,
    a discussion with a reply, a post with responses closed and a protected one."""
    site = Site.current()
    site.posts_per_page = 2
    site.save()
    image = Media(alt="The harbour at dawn", caption="The harbour")
    image.file.save("harbour.jpg", ContentFile(jpeg()), save=True)
    about = PageFactory(title="About us", slug="about")
    politics, city = CategoryFactory(name="Politics"), CategoryFactory(name="City")
    budget = TagFactory(name="Budget")
    amina, bilal = UserFactory(username="amina"), UserFactory(username="bilal")
    body = (
        f"The [council]({Links(site).page(about)}) met.\n\n"
        f'<img src="{image.url}" srcset="{image.url} 1x, {image.url} 2x" alt="Harbour">'
    )
    posts = [
        PostFactory(author=amina if n % 2 else bilal, categories=[politics if n % 3 else city],
                    tags=[budget] if n % 2 else [], body=body)
        for n in range(5)
    ]  # fmt: skip
    posts[0].featured_image = image
    posts[0].save()
    PostFactory(title="کراچی میں بارش", author=amina, categories=[city])  # a path of Urdu letters
    first = ResponseFactory(post=posts[0], author_name="Usman", text="Well reported.")
    ResponseFactory(post=posts[0], parent=first, author_name="Sana", text="Agreed, Usman.")
    closed = posts[1]
    closed.comment_status = OpenClosed.CLOSED
    closed.save()
    locked = posts[2]
    locked.password = "harbour"
    locked.save()
    return {"discussed": posts[0], "closed": closed, "locked": locked, "image": image}


def export(target: Path, comments: str = "post"):
    return export_static(target, comments, BASE)


def exported_file(root: Path, path: str) -> Path:
    parts = [unquote(p) for p in path.split("/") if p]
    return root.joinpath(*parts, "index.html") if path.endswith("/") else root.joinpath(*parts)


def served(path: str) -> bytes:
    """What an anonymous reader of the running site gets."""
    answer = Client().get(path)
    assert answer.status_code == 200, path
    return answer.content


def as_rewritten_for_post_mode(page: bytes) -> bytes:
    """The documented rewriting: what sends to the running site names it in full."""
    text = page.decode()
    for attribute, path in (
        ("action", "/responses/"),
        ("action", "/-/password/"),
        ("href", "/webmention/"),
        ("href", "/xmlrpc.php"),
        ("action", "/"),  # the search form: files cannot answer `?s=`
    ):
        text = text.replace(f'{attribute}="{path}"', f'{attribute}="{BASE}{path}"')
    # The feeds too: the site's, its responses' and an archive's.
    feed_link = re.compile(r'(<link rel="alternate" type="application/rss\+xml"[^>]* href=")/')
    return feed_link.sub(rf"\g<1>{BASE}/", text).encode()


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)
            elif name == "srcset" and value:
                self.links += [candidate.split()[0] for candidate in value.split(",")]


def local_links(html: str, page: str) -> list[str]:
    collector = LinkCollector()
    collector.feed(html)
    found = []
    for link in collector.links:
        parts = urlsplit(link)
        if not parts.scheme and not parts.netloc and parts.path:
            found.append(unquote(urlsplit(urljoin(page, parts.path)).path))
    return found


def resolves(root: Path, path: str) -> bool:
    """Whether a static file server finds something at `path` in `root`."""
    file = root.joinpath(*[p for p in path.split("/") if p])
    return (
        (file / "index.html").is_file()
        if path.endswith("/")
        else file.is_file() or (file / "index.html").is_file()
    )


def test_every_public_page_is_the_served_page_with_the_form_sent_to_the_site(blog, tmp_path):
    report = export(tmp_path / "copy")
    paths = public_paths()
    assert len(paths) > 15 and "/page/3/" in paths
    assert report.pages >= len(paths) and report.broken == []
    for path in paths:
        page = exported_file(tmp_path / "copy", path)
        assert page.is_file(), f"{path} was not exported"
        assert page.read_bytes() == as_rewritten_for_post_mode(served(path)), path
    discussed = exported_file(tmp_path / "copy", Links(Site.current()).post(blog["discussed"]))
    html = discussed.read_text()
    assert f'<form action="{BASE}/responses/" method="post" class="reply-form"' in html
    assert "Well reported." in html and "Agreed, Usman." in html
    assert 'href="?replytocom=' in html  # the script answers these on the copy's own page


def test_every_local_link_and_image_in_the_copy_leads_to_a_file(blog, tmp_path):
    root = tmp_path / "copy"
    export(root)
    pages = sorted(root.rglob("*.html"))
    assert len(pages) > 15
    checked = 0
    for page in pages:
        relative = page.relative_to(root).as_posix()
        url = "/" + relative.removesuffix("index.html")
        for path in local_links(page.read_text(), url):
            assert resolves(root, path), f"{url} links to {path}, which the copy lacks"
            checked += 1
    assert checked > 200
    assert (root / "static" / "byline" / "byline.css").is_file()
    original = Path(blog["image"].file.path).read_bytes()
    assert (root / blog["image"].file.url.lstrip("/")).read_bytes() == original
    assert (root / "404.html").is_file() and "Page not found" in (root / "404.html").read_text()
    search = f'<form class="search-form" role="search" method="get" action="{BASE}/">'
    assert (root / "404.html").read_text().count(search) == 2  # in the page and the sidebar


def test_read_only_copy_shows_responses_without_form_or_token_script(blog, tmp_path):
    root = tmp_path / "copy"
    export_static(root, "read-only", "")
    post_path = Links(Site.current()).post(blog["discussed"])
    html = exported_file(root, post_path).read_text()
    assert "Well reported." in html and "Agreed, Usman." in html
    assert "<form" not in html and "replytocom" not in html
    assert '<p class="closed">Responses are closed on this copy of the site.</p>' in html
    for page in root.rglob("*.html"):
        text = page.read_text()
        assert 'name="s"' not in text, page  # no search on a copy that cannot name the site
        assert "byline.js" not in text and "/responses/" not in text, page
        assert "/webmention/" not in text and "/xmlrpc.php" not in text, page
    # Up to the discussion, the page is the served one without its script and endpoints.
    original = served(post_path).decode()
    expected = original[: original.index('<section id="responses"')]
    for gone in ('<script src="/static/byline/byline.js', '<link rel="webmention"',
                 '<link rel="pingback"'):  # fmt: skip
        start = expected.index(gone)
        closing = "</script>" if gone.startswith("<script") else ">"
        expected = expected[:start] + expected[expected.index(closing, start) + len(closing) :]
    # And without its feeds and its search, which only the running site has.
    expected = re.sub(r'<link rel="alternate" type="application/rss\+xml"[^>]*>', "", expected)
    assert html.startswith(expected)
    assert 'name="s"' not in html and 'class="widget search"' not in html
    assert 'class="widget search"' in original
    locked = exported_file(root, Links(Site.current()).post(blog["locked"])).read_text()
    assert "This text is protected by a password." in locked and "<form" not in locked


def test_a_post_s_own_search_class_stays_on_a_copy_without_the_site(blog, tmp_path):
    tips = PostFactory(title="Search tips", body_format="html",
                       body='<div class="search">Put a phrase in quotes.</div>')  # fmt: skip
    export_static(tmp_path / "copy", "read-only", "")
    html = exported_file(tmp_path / "copy", Links(Site.current()).post(tips)).read_text()
    assert '<div class="search">Put a phrase in quotes.</div>' in html
    assert 'name="s"' not in html  # the theme's search is gone


def test_read_only_copy_links_to_the_running_site_when_its_address_is_known(blog, tmp_path):
    export_static(tmp_path / "copy", "read-only", BASE)
    post_path = Links(Site.current()).post(blog["discussed"])
    html = exported_file(tmp_path / "copy", post_path).read_text()
    assert f'<a href="{BASE}{post_path}#respond">Respond on the site</a>' in html
    assert f'<form class="search-form" role="search" method="get" action="{BASE}/">' in html


def test_the_form_to_follow_by_email_posts_to_the_site_or_is_left_out(blog, tmp_path):
    site = Site.current()
    site.email_subscriptions = True
    site.save()
    assert 'class="subscribe-form" method="post" action="/subscribe/"' in served("/").decode()
    export_static(tmp_path / "named", "read-only", BASE)
    home = (tmp_path / "named" / "index.html").read_text()
    assert f'<form class="subscribe-form" method="post" action="{BASE}/subscribe/">' in home
    export_static(tmp_path / "alone", "read-only", "")
    for page in (tmp_path / "alone").rglob("*.html"):
        text = page.read_text()
        assert "subscribe-form" not in text and "Follow by email" not in text, page


def test_post_mode_without_base_url_is_refused_and_writes_nothing(blog, tmp_path):
    with pytest.raises(ExportError, match="set base_url"):
        export_static(tmp_path / "copy", "post", "")
    assert not (tmp_path / "copy").exists()


def test_folder_with_other_files_is_refused_and_left_untouched(blog, tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"not ours")
    with pytest.raises(ExportError, match="holds no Byline export"):
        export(folder)
    assert [p.name for p in folder.iterdir()] == ["holiday.jpg"]
    assert (folder / "holiday.jpg").read_bytes() == b"not ours"


def test_new_export_replaces_the_previous_one_and_keeps_files_added_since(blog, tmp_path):
    root = tmp_path / "copy"
    export(root)
    gone = exported_file(root, Links(Site.current()).post(blog["closed"]))
    assert gone.is_file() and (root / MARKER).is_file()
    (root / "CNAME").write_text("archive.example.com\n")  # added by hand for the host
    blog["closed"].delete()
    report = export(root)
    assert not gone.exists() and not gone.parent.exists()
    assert report.removed >= 1 and report.broken == []
    assert (root / "CNAME").read_text() == "archive.example.com\n"
    assert not list(root.rglob(".tmp-*"))


def test_link_to_a_missing_page_is_reported(blog, tmp_path):
    PostFactory(title="Corrections", body="See [the old report](/reports/1998/).")
    report = export(tmp_path / "copy")
    assert any(link == "/reports/1998/" for _page, link in report.broken)


@pytest.mark.parametrize("comments", ["post", "read-only"])
def test_the_links_gathered_while_rewriting_are_those_of_the_page_written(blog, comments):
    from byline.publish.static_html import addresses, rewrite_page

    for path in public_paths():
        text, found = rewrite_page(served(path).decode(), comments, BASE, path)
        assert sorted(found) == sorted(addresses(text)), path


def test_a_broken_link_in_the_404_page_is_reported_too(blog, tmp_path, monkeypatch):
    # The crawl gathers its pages' links as it writes them; the 404 page is written after it.
    from byline.publish import static_export

    real = static_export.render_path

    def render(path: str, full: bool = True):
        response, request = real(path, full)
        if path == "/-/404/":
            response.content = response.content.replace(b"</main>", b'<a href="/gone/">x</a>')
        return response, request

    monkeypatch.setattr(static_export, "render_path", render)
    report = export(tmp_path / "copy")
    assert report.broken == [("/404.html", "/gone/")]


def test_exporting_loads_the_posts_together(blog, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(90):  # two batches of pages
        PostFactory(title=f"Dispatch {n}")
    with CaptureQueriesContext(connection) as queries:
        report = export(tmp_path / "copy")
    assert report.pages > 90 and report.broken == []
    # Not one query per post, as when a reader's request loads the post it asks for.
    by_slug = ('"byline_content_post"."slug" = ', "dispatch-")
    alone = [q["sql"] for q in queries if all(part in q["sql"] for part in by_slug)]
    assert alone == []


def test_response_posted_from_the_copy_is_taken_and_the_reader_sent_back(blog, client):
    post = blog["discussed"]
    answer = send(client, post, {"HTTP_ORIGIN": COPY, "HTTP_SEC_FETCH_SITE": "cross-site"})
    assert answer.status_code == 303
    path = Links(Site.current()).post(post)
    assert answer.headers["Location"] == f"{COPY}{path}?responded=held#respond"
    assert Response.objects.filter(text__startswith="The harbour board").count() == 1


@pytest.mark.parametrize(
    "origin",
    ["https://evil.example", "http://archive.example.com", "https://archive.example.com.evil.example",
     "https://archive.example.com:8443", "null"],
)  # fmt: skip
def test_response_posted_from_another_origin_is_refused(blog, client, origin):
    answer = send(
        client, blog["discussed"], {"HTTP_ORIGIN": origin, "HTTP_SEC_FETCH_SITE": "cross-site"}
    )
    assert answer.status_code == 403
    assert "sent from this site" in answer.content.decode()
    assert not Response.objects.filter(text__startswith="The harbour board").exists()


def test_without_static_url_a_post_from_the_copy_is_refused(blog, client, settings):
    settings.CONFIG = dataclasses.replace(settings.CONFIG, static_url="")
    answer = send(
        client, blog["discussed"], {"HTTP_ORIGIN": COPY, "HTTP_SEC_FETCH_SITE": "cross-site"}
    )
    assert answer.status_code == 403


def test_form_token_is_shared_with_the_copy_only(blog, client):
    url = f"/responses/token/?post={blog['discussed'].pk}"
    ours = client.get(url, HTTP_ORIGIN=COPY)
    assert ours.status_code == 200 and ours.json()["token"]
    assert ours.headers["Access-Control-Allow-Origin"] == COPY
    assert "Origin" in ours.headers["Vary"]
    theirs = client.get(url, HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in theirs.headers


@pytest.mark.parametrize(
    "value", ["archive.example.com", "https://example.com/archive/", "ftp://archive.example.com"]
)
def test_static_url_that_is_not_a_site_root_is_refused_with_its_line(tmp_path, value):
    (tmp_path / "byline.toml").write_text(f'port = 8000\nstatic_url = "{value}"\n')
    with pytest.raises(conf.ConfigError, match="line 2: static_url must be an http"):
        conf.load(tmp_path, environ={})


def test_static_url_names_the_origin_browsers_send():
    assert conf.origin_of("HTTPS://Archive.Example.com:443/") == "https://archive.example.com"
    assert conf.origin_of("http://127.0.0.1:8001") == "http://127.0.0.1:8001"
    assert conf.origin_of("javascript:alert(1)") == ""


# The command line, on a real site folder, as a user runs it.

CONTENT = """
from tests.factories import PostFactory, ResponseFactory
post = PostFactory(title="Port strike ends")
ResponseFactory(post=post, text="Good news for the city.")
"""


@pytest.fixture(scope="module")
def cli_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("export-site")
    env = site_env("")
    byline(site, "init", env=env)
    run_python(site, CONTENT, env)
    return site, env


def test_command_without_base_url_tells_how_to_fix_it(cli_site, tmp_path):
    site, env = cli_site
    result = byline(site, "export", "static", str(tmp_path / "copy"), env=env, check=False)
    assert result.returncode == 1
    assert "set base_url in byline.toml" in result.stderr and "read-only" in result.stderr
    assert not (tmp_path / "copy").exists()


def test_command_refuses_a_folder_of_other_files(cli_site, tmp_path):
    site, env = cli_site
    (tmp_path / "notes.txt").write_text("mine")
    env = env | {"BYLINE_BASE_URL": BASE}
    result = byline(site, "export", "static", str(tmp_path), env=env, check=False)
    assert result.returncode == 1 and "holds no Byline export" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_command_writes_a_read_only_copy(cli_site, tmp_path):
    site, env = cli_site
    result = byline(site, "export", "static", str(tmp_path / "copy"), "--comments", "read-only",
                    env=env)  # fmt: skip
    assert "Wrote a static copy of the site to" in result.stdout
    pages = [p.read_text() for p in (tmp_path / "copy").rglob("index.html")]
    strike = [p for p in pages if '<h1 class="entry-title">Port strike ends' in p]
    assert len(strike) == 1 and "Good news for the city." in strike[0]
    assert "Responses are closed on this copy" in strike[0]
