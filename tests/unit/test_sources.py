"""Reading a linking page: its links, title and excerpt, and the endpoints it advertises."""

import pytest

from byline.responses.fetch import Fetched
from byline.responses.sources import discover_endpoints, normalize_url, read_source

TARGET = "https://blog.example/2024/05/harbour-audit/"


def page(body: str, url: str = "https://other.example/notes/", **headers) -> Fetched:
    pairs = [("Content-Type", "text/html; charset=utf-8")]
    pairs += [(name.replace("_", "-"), value) for name, value in headers.items()]
    return Fetched(url, 200, pairs, body.encode())


@pytest.mark.parametrize(
    "spelling",
    [
        TARGET,
        "HTTPS://Blog.Example/2024/05/harbour-audit/",
        "https://blog.example:443/2024/05/harbour-audit/#comments",
    ],
)
def test_spellings_of_one_url_normalize_alike(spelling):
    assert normalize_url(spelling) == normalize_url(TARGET)


def test_a_link_to_the_target_is_found_with_the_text_around_it():
    source = read_source(
        page(
            "<html><head><title>Ports and power</title><script>var x = 1;</script></head>"
            "<body><p>The minister dodged every question. As "
            f'<a href="{TARGET}">the Harbour Ledger reported</a>, the audit is late.</p></body>'
        )
    )
    assert source.title == "Ports and power"
    assert source.links_to({TARGET})
    excerpt = source.excerpt({TARGET})
    assert excerpt.startswith("[…] ") and excerpt.endswith(" […]")
    assert "As the Harbour Ledger reported, the audit is late." in excerpt
    assert "var x" not in excerpt


def test_relative_links_resolve_against_the_page_and_its_base():
    base = page('<base href="https://blog.example/2024/"><a href="05/harbour-audit/">x</a>')
    assert read_source(base).links_to({TARGET})
    relative = page('<a href="/2024/05/harbour-audit/">x</a>', url="https://blog.example/x/")
    assert read_source(relative).links_to({TARGET})


def test_a_page_naming_the_target_only_in_text_does_not_link():
    source = read_source(page(f"<p>Read {TARGET} for more.</p><a href='https://x.example/'>x</a>"))
    assert not source.links_to({TARGET})


def test_a_plain_text_source_links_by_naming_the_url():
    text = Fetched("https://x.example/a.txt", 200, [("Content-Type", "text/plain")],
                   f"See {TARGET}".encode())  # fmt: skip
    assert read_source(text).links_to({TARGET})


def test_webmention_endpoint_from_the_link_header_comes_first():
    found = discover_endpoints(
        page(
            '<link rel="webmention" href="/from-html">',
            Link='<https://other.example/feed>; rel="alternate", </wm?x=1>; rel="webmention me"',
            X_Pingback="https://other.example/xmlrpc.php",
        )
    )
    assert found.webmention == "https://other.example/wm?x=1"
    assert found.pingback == "https://other.example/xmlrpc.php"


def test_endpoints_from_html_in_document_order_and_relative():
    found = discover_endpoints(
        page(
            '<a rel="nofollow" href="/not">x</a><a rel="webmention" href="../mention/">m</a>'
            '<link rel="webmention" href="/later"><link rel="pingback" href="/xmlrpc.php">'
        )
    )
    assert found.webmention == "https://other.example/mention/"
    assert found.pingback == "https://other.example/xmlrpc.php"


def test_an_empty_webmention_href_is_the_page_itself():
    found = discover_endpoints(page('<link rel="webmention" href="">'))
    assert found.webmention == "https://other.example/notes/"
    assert found.pingback is None


def test_a_page_without_endpoints_has_none():
    assert discover_endpoints(page("<p>Nothing to see.</p>")).webmention is None
