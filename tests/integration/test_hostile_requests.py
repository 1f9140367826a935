"""Numbers and addresses no one could mean, sent where a reader or another site may send
anything: each gets a clear refusal (4xx, or the protocol's fault), never a server error, and
nothing is stored."""

import xmlrpc.client

import pytest

from byline.content.links import Links
from byline.content.models import Site
from byline.responses.models import Response
from tests.factories import PostFactory
from tests.responding import SAME_ORIGIN, form

pytestmark = pytest.mark.django_db
HUGE = "9" * 5000  # int() refuses 4,300 digits and more
PAST_BIGINT = "9" * 20  # a number, but no database's row id
SUPERSCRIPT = "%C2%B2"  # "²": str.isdigit() takes it, int() does not
NUMBERS = (HUGE, PAST_BIGINT, SUPERSCRIPT, "0")


@pytest.fixture
def post():
    return PostFactory(title="Harbour audit")


def test_impossible_ids_in_addresses_are_not_found(client, post):
    path = Links(Site.current()).post(post)
    for number in NUMBERS:
        for url in (
            f"/?p={number}",
            f"/?p={post.pk}&cpage={number}",
            f"{path}?replytocom={number}",
            f"/responses/token/?post={number}",
            f"/responses/token/?post=page-{number}",
        ):
            status = client.get(url).status_code
            assert status in (200, 301, 404), (url, status)  # the page itself, without a reply
    site = Site.current()
    site.permalink = "/archives/%post_id%/"
    site.save()
    assert client.get(Links(site).post(post)).status_code == 200
    for number in (HUGE, PAST_BIGINT):
        assert client.get(f"/archives/{number}/").status_code == 404


def test_a_response_naming_an_impossible_post_is_refused(client, post):
    for number in (HUGE, PAST_BIGINT, "²", f"page-{HUGE}"):
        answer = client.post("/responses/", form(post) | {"post": number}, **SAME_ORIGIN)
        assert answer.status_code == 404
    garbled = SAME_ORIGIN | {"HTTP_ORIGIN": "http://[abc"}
    answer = client.post("/responses/", form(post), **garbled)
    assert answer.status_code == 403
    assert not Response.objects.exists()


def test_pings_with_unreadable_addresses_are_refused(client, post):
    target = "http://testserver" + Links(Site.current()).post(post)
    for source, to in (("http://[abc", target), ("https://example.org/", "http://[zz/")):
        assert client.post("/webmention/", {"source": source, "target": to}).status_code == 400
        call = xmlrpc.client.dumps((source, to), "pingback.ping")
        answer = client.post("/xmlrpc.php", call, content_type="text/xml")
        with pytest.raises(xmlrpc.client.Fault):
            xmlrpc.client.loads(answer.content)
    trackback = Links(Site.current()).post(post) + "trackback/"
    assert "<error>1</error>" in client.post(trackback, {"url": "http://[abc"}).content.decode()
    bogus = b'<?xml version="1.0" encoding="bogus"?><methodCall><methodName>a</methodName>'
    answer = client.post("/xmlrpc.php", bogus + b"</methodCall>", content_type="text/xml")
    with pytest.raises(xmlrpc.client.Fault, match="not well formed"):
        xmlrpc.client.loads(answer.content)
    assert not Response.objects.exists()
