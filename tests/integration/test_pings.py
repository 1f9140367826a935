"""Receiving webmentions, pingbacks and trackbacks: the source is fetched from a real server on
loopback and must link to the post; anything else is refused and stored nowhere."""

import xmlrpc.client

import pytest

from byline.content.links import Links
from byline.content.models import OpenClosed, Site
from byline.responses import moderation
from byline.responses.models import Discussion, Response, ResponseStatus, ResponseType
from tests.factories import PostFactory, TagFactory
from tests.pageserver import Page, PageServer
from tests.safety import dangers, running_scripts

pytestmark = pytest.mark.django_db

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<methodCall><methodName>pingback.ping</methodName><params>
<param><value><string>&lol5;</string></value></param>
<param><value><string>&lol5;</string></value></param>
</params></methodCall>"""


@pytest.fixture(autouse=True)
def loopback_allowed(settings):
    settings.FETCH_PRIVATE_ADDRESSES = True


@pytest.fixture
def server():
    with PageServer() as running:
        yield running


@pytest.fixture
def post():
    return PostFactory(title="Harbour audit")


def post_url(post) -> str:
    return "http://testserver" + Links(Site.current()).post(post)


def linking_page(target: str, title: str = "Citizen Desk: ports and power") -> Page:
    return Page(
        f"<html><head><title>{title}</title></head><body><article><p>The port chief resigned "
        f'on Monday. As <a href="{target}">the Harbour Ledger reported</a>, the audit found '
        "missing millions.</p></article></body></html>"
    )


def webmention(client, source: str, target: str):
    return client.post("/webmention/", {"source": source, "target": target})


def pingback(client, source: str, target: str):
    call = xmlrpc.client.dumps((source, target), "pingback.ping")
    return client.post("/xmlrpc.php", call, content_type="text/xml")


def fault_of(answer) -> int | None:
    """The fault code of an XML-RPC answer, or None when it succeeded."""
    try:
        xmlrpc.client.loads(answer.content)
    except xmlrpc.client.Fault as fault:
        return fault.faultCode
    return None


def page_of(client, post) -> str:
    return client.get(Links(Site.current()).post(post)).content.decode()


def test_webmention_is_verified_held_then_listed_and_counted(client, server, post):
    server.pages["/desk/"] = linking_page(post_url(post))
    answer = webmention(client, server.url("/desk/"), post_url(post))
    assert answer.status_code == 202
    mention = Response.objects.get()
    assert (mention.type, mention.status) == (ResponseType.WEBMENTION, ResponseStatus.PENDING)
    assert mention.author_name == "Citizen Desk: ports and power"
    assert mention.author_url == server.url("/desk/")
    assert "As the Harbour Ledger reported, the audit found missing millions." in mention.text
    assert "No Responses Yet" in page_of(client, post)
    moderation.approve(mention)
    html = page_of(client, post)
    assert "One Response to “Harbour audit”" in html
    assert "Webmention:" in html and "Citizen Desk: ports and power" in html
    assert f'href="{server.url("/desk/")}"' in html


def test_webmention_from_a_page_that_does_not_link_is_refused(client, server, post):
    server.pages["/elsewhere/"] = Page("<title>Other</title><a href='https://example.org/'>x</a>")
    answer = webmention(client, server.url("/elsewhere/"), post_url(post))
    assert answer.status_code == 202  # verified after the answer, as the W3C advises
    assert Response.objects.count() == 0
    assert [s.path for s in server.seen] == ["/elsewhere/"]


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("", "{post}", "needs a source and a target"),
        ("javascript:alert(1)", "{post}", "http or https"),
        ("{post}", "{post}", "the same page"),
        ("{source}", "http://testserver/no-such-post/", "not a post on this site"),
        ("{source}", "https://elsewhere.example/2024/harbour/", "not a post on this site"),
    ],
)
def test_bad_webmentions_get_400_and_nothing_is_fetched(
    client, server, post, source, target, message
):
    urls = {"post": post_url(post), "source": server.url("/desk/")}
    answer = webmention(client, source.format(**urls), target.format(**urls))
    assert answer.status_code == 400 and message in answer.content.decode()
    assert Response.objects.count() == 0 and server.seen == []


def test_source_on_a_private_address_is_refused_unless_allowed(client, server, post, settings):
    settings.FETCH_PRIVATE_ADDRESSES = False
    server.pages["/desk/"] = linking_page(post_url(post))
    answer = webmention(client, server.url("/desk/"), post_url(post))
    assert answer.status_code == 400 and "loopback" in answer.content.decode()
    assert fault_of(pingback(client, server.url("/desk/"), post_url(post))) == 16
    assert Response.objects.count() == 0 and server.seen == []


def test_webmention_sent_again_updates_and_is_removed_when_the_link_goes(client, server, post):
    server.pages["/desk/"] = linking_page(post_url(post))
    webmention(client, server.url("/desk/"), post_url(post))
    server.pages["/desk/"] = linking_page(post_url(post), title="Citizen Desk (corrected)")
    assert webmention(client, server.url("/desk/"), post_url(post)).status_code == 202
    mention = Response.objects.get()
    assert mention.author_name == "Citizen Desk (corrected)"
    server.pages["/desk/"] = Page("<title>Citizen Desk</title><p>Story withdrawn.</p>", 410)
    webmention(client, server.url("/desk/"), post_url(post))
    mention.refresh_from_db()
    assert mention.status == ResponseStatus.TRASH


def test_pingback_is_verified_and_registered(client, server, post):
    server.pages["/roundup/"] = linking_page(post_url(post), title="The week in ports")
    answer = pingback(client, server.url("/roundup/"), post_url(post))
    assert answer.status_code == 200 and fault_of(answer) is None
    assert "registered" in xmlrpc.client.loads(answer.content)[0][0]
    ping = Response.objects.get()
    assert (ping.type, ping.author_name) == (ResponseType.PINGBACK, "The week in ports")
    assert ping.text.startswith("[…] ") and ping.text.endswith(" […]")
    assert fault_of(pingback(client, server.url("/roundup/"), post_url(post))) == 48
    assert Response.objects.count() == 1
    moderation.approve(ping)
    html = page_of(client, post)
    assert "One Response to" in html and "Pingback:" in html and "The week in ports" in html


@pytest.mark.parametrize(
    ("page", "target", "fault"),
    [
        (Page("<a href='https://example.org/'>not the post</a>"), "{post}", 17),
        (Page("gone", 404), "{post}", 16),
        (None, "http://testserver/2024/01/01/nothing-here/", 32),
    ],
)
def test_pingback_faults_store_nothing(client, server, post, page, target, fault):
    if page is not None:
        server.pages["/source/"] = page
    answer = pingback(client, server.url("/source/"), target.format(post=post_url(post)))
    assert fault_of(answer) == fault
    assert Response.objects.count() == 0


def test_pingback_to_a_post_with_pings_closed_is_refused(client, server, post):
    post.ping_status = OpenClosed.CLOSED
    post.save()
    server.pages["/source/"] = linking_page(post_url(post))
    assert fault_of(pingback(client, server.url("/source/"), post_url(post))) == 33
    assert Response.objects.count() == 0 and server.seen == []


def test_a_link_past_the_size_limit_does_not_count(client, server, post):
    filler = "<p>" + "word " * 250_000 + "</p>"
    server.pages["/long/"] = Page(f"{filler}<a href='{post_url(post)}'>late link</a>")
    assert fault_of(pingback(client, server.url("/long/"), post_url(post))) == 17
    assert Response.objects.count() == 0


@pytest.mark.parametrize(
    ("payload", "fault"),
    [
        (BILLION_LAUGHS, -32700),
        ("<methodCall><methodName>pingback.ping</methodName><params>", -32700),
        ("not xml at all", -32700),
        ("<methodCall><methodName>wp.deletePost</methodName><params/></methodCall>", -32601),
        ("<methodCall><methodName>pingback.ping</methodName><params><param><value>"
         "<string>only one</string></value></param></params></methodCall>", -32602),
    ],
)  # fmt: skip
def test_malformed_or_hostile_xmlrpc_gets_a_fault(client, post, payload, fault):
    answer = client.post("/xmlrpc.php", payload, content_type="text/xml")
    assert answer.status_code == 200 and fault_of(answer) == fault
    assert Response.objects.count() == 0


def test_xmlrpc_answers_post_only(client):
    assert client.get("/xmlrpc.php").status_code == 405


def test_rate_limit_per_address_applies_to_pings(client, server, post):
    discussion = Discussion.current()
    discussion.rate_limit_ip = 1
    discussion.save()
    for name in ("one", "two"):
        server.pages[f"/{name}/"] = linking_page(post_url(post), title=f"Page {name}")
    assert fault_of(pingback(client, server.url("/one/"), post_url(post))) is None
    assert fault_of(pingback(client, server.url("/two/"), post_url(post))) == 49
    answer = webmention(client, server.url("/two/"), post_url(post))
    assert answer.status_code == 429
    assert Response.objects.count() == 1


def test_trackback_is_verified_and_answered_in_xml(client, server, post):
    server.pages["/tb/"] = linking_page(post_url(post))
    trackback_url = Links(Site.current()).post(post) + "trackback/"
    fields = {"url": server.url("/tb/"), "title": "Ports and power", "blog_name": "Citizen Desk",
              "excerpt": "The port chief <b>resigned</b> on Monday."}  # fmt: skip
    answer = client.post(trackback_url, fields)
    assert answer["Content-Type"].startswith("text/xml")
    assert "<error>0</error>" in answer.content.decode()
    track = Response.objects.get()
    assert (track.type, track.author_name) == (ResponseType.TRACKBACK, "Citizen Desk")
    assert track.text == "[…] The port chief resigned on Monday. […]"
    server.pages["/tb2/"] = Page("<p>No link here.</p>")
    refused = client.post(trackback_url, {"url": server.url("/tb2/")}).content.decode()
    assert "<error>1</error>" in refused and "does not link" in refused
    assert Response.objects.count() == 1


def test_pages_whose_address_ends_in_trackback_still_open(client):
    post = PostFactory(title="Trackback", slug="trackback", tags=[TagFactory(name="trackback")])
    answer = client.get(Links(Site.current()).post(post))
    assert answer.status_code == 200
    assert '<h1 class="entry-title">Trackback</h1>' in answer.content.decode()
    assert "Tag: trackback" in client.get("/tag/trackback/").content.decode()


def test_post_page_advertises_the_endpoints(client, post, settings):
    answer = client.get(Links(Site.current()).post(post))
    assert answer["Link"] == f'<{settings.SITE_URL}/webmention/>; rel="webmention"'
    assert answer["X-Pingback"] == f"{settings.SITE_URL}/xmlrpc.php"
    html = answer.content.decode()
    assert '<link rel="webmention" href="/webmention/">' in html
    assert '<link rel="pingback" href="/xmlrpc.php">' in html


def test_a_hostile_source_runs_nothing_on_the_post_page(client, server, post):
    hostile = "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;"
    server.pages["/evil/"] = Page(
        f"<title>&lt;script&gt;alert(3)&lt;/script&gt;</title><p>{hostile} "
        f'<a href="{post_url(post)}">link</a> <a href="javascript:alert(4)">x</a></p>'
    )
    assert fault_of(pingback(client, server.url("/evil/"), post_url(post))) is None
    moderation.approve(Response.objects.get())
    html = page_of(client, post)
    assert "One Response to" in html
    assert dangers(html, {"link", "meta", "form", "script"}) == []  # the theme's own tags
    assert running_scripts(html) == 1  # the theme's byline.js only
