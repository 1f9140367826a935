"""Readers' search at WordPress's address (`/?s=…`): what it finds, in what order, what it never
shows, and hostile queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from byline.content.models import Site, Status
from byline.publish import site_store
from byline.search import query as search
from tests.factories import PageFactory, PostFactory

pytestmark = pytest.mark.django_db


def titles(page) -> list[str]:
    return re.findall(r'rel="bookmark">([^<]*)</a>', page.content.decode())


def days_ago(days: int):
    return timezone.now() - timezone.timedelta(days=days)


def test_finds_every_word_in_title_excerpt_or_text_titles_first(client):
    PostFactory(title="Tanker mafia returns", body="Water is scarce.", published_at=days_ago(5))
    PostFactory(title="Budget passed", body="The tanker mafia was not discussed.",
                published_at=days_ago(1))  # fmt: skip
    PostFactory(title="Harbour notes", excerpt="A word on the mafia behind every tanker.",
                published_at=days_ago(2))  # fmt: skip
    PostFactory(title="Tanker prices", body="Up again.", published_at=days_ago(3))
    PostFactory(title="Mafia trial adjourned", body="Nothing on water.", published_at=days_ago(4))
    page = client.get("/", {"s": "tanker MAFIA"})
    assert page.status_code == 200
    # The title holding both words first, then by date: the text's match, the excerpt's.
    assert titles(page) == ["Tanker mafia returns", "Budget passed", "Harbour notes"]
    assert "Search results for “tanker MAFIA”" in page.content.decode()
    assert "3 results." in page.content.decode()


def test_a_quoted_phrase_and_an_excluded_word(client):
    PostFactory(title="One", body="The port authority met.", published_at=days_ago(1))
    PostFactory(title="Two", body="The authority of the port.", published_at=days_ago(2))
    PostFactory(title="Three", body="The port authority and the mayor.", published_at=days_ago(3))
    assert titles(client.get("/", {"s": '"port authority"'})) == ["One", "Three"]
    assert titles(client.get("/", {"s": '"port authority" -mayor'})) == ["One"]
    assert titles(client.get("/", {"s": "port -authority"})) == []


def test_pages_are_found_among_the_posts(client):
    PostFactory(title="Corrections to the budget story", published_at=days_ago(1))
    PageFactory(title="Corrections policy", body="How we correct **mistakes** in our stories.",
                published_at=days_ago(30))  # fmt: skip
    PageFactory(title="About us", body="We correct mistakes openly.", published_at=days_ago(20))
    PageFactory(title="Masthead", body="Editors and their numbers.", published_at=days_ago(9))
    PageFactory(title="Draft corrections page", status=Status.DRAFT)
    page = client.get("/", {"s": "correct"})
    # The two with the word in their title first, then the one with it in its text.
    found = titles(page)
    assert sorted(found[:2]) == ["Corrections policy", "Corrections to the budget story"]
    assert found[2:] == ["About us"]
    body = page.content.decode()
    assert '<a href="/corrections-policy/" rel="bookmark">Corrections policy</a>' in body
    assert "How we correct <strong>mistakes</strong> in our stories." in body
    assert "3 results." in body


def test_a_protected_page_shows_nothing_of_its_text(client):
    PageFactory(title="Sources handbook", body="Call the night desk first.", password="ink")
    assert titles(client.get("/", {"s": "night desk"})) == []
    page = client.get("/", {"s": "handbook"})
    assert titles(page) == ["Sources handbook"]
    assert "night desk" not in page.content.decode()


def test_urdu_words_are_found(client):
    PostFactory(title="بندرگاہ کی خبر", body="کراچی میں آج اجلاس ہوا۔")
    PostFactory(title="Other", body="Nothing in Urdu.")
    assert titles(client.get("/", {"s": "اجلاس"})) == ["بندرگاہ کی خبر"]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING, Status.PRIVATE])
def test_hidden_posts_are_never_found(client, status):
    PostFactory(title="Secret minutes", body="Sealed.", status=status)
    PostFactory(title="Secret of the budget", body="Public.")
    assert titles(client.get("/", {"s": "secret"})) == ["Secret of the budget"]


def test_a_scheduled_post_is_found_from_its_minute(client):
    PostFactory(title="Embargoed result", status=Status.SCHEDULED,
                published_at=timezone.now() + timezone.timedelta(hours=2))  # fmt: skip
    assert titles(client.get("/", {"s": "embargoed"})) == []


def test_a_protected_post_is_found_by_its_title_never_by_its_text(client):
    PostFactory(title="Leaked memo", body="The minister resigns on Friday.", password="harbour")
    assert titles(client.get("/", {"s": "memo"})) == ["Leaked memo"]
    page = client.get("/", {"s": "resigns"})
    assert titles(page) == []
    assert "Nothing matched your search" in page.content.decode()


def test_results_page_through_and_keep_the_search_in_their_links(client):
    site = Site.current()
    site.posts_per_page = 2
    site.save()
    for n in range(5):
        PostFactory(title=f"Flood report {n}", published_at=days_ago(n + 1))
    PostFactory(title="Unrelated")
    first = client.get("/", {"s": "flood"})
    assert titles(first) == ["Flood report 0", "Flood report 1"]
    assert 'href="/page/2/?s=flood"' in first.content.decode()
    second = client.get("/page/2/", {"s": "flood"})
    assert titles(second) == ["Flood report 2", "Flood report 3"]
    assert 'href="/?s=flood"' in second.content.decode()
    assert 'href="/page/3/?s=flood"' in second.content.decode()
    assert client.get("/page/4/", {"s": "flood"}).status_code == 404


def test_results_are_not_stored_nor_indexed_and_every_page_offers_the_search(client):
    PostFactory(title="Ferry strike called off")
    home = client.get("/").content.decode()
    assert re.search(r'<form class="search-form" role="search" method="get" action="/">', home)
    assert 'name="s"' in home
    page = client.get("/", {"s": "ferry"})
    assert titles(page) == ["Ferry strike called off"]
    assert '<meta name="robots" content="noindex, follow">' in page.content.decode()
    assert 'name="s" value="ferry"' in page.content.decode()
    assert site_store().read("/") == home.encode()  # the home page, not the results


def test_a_readers_search_stays_in_their_own_page_of_results(client):
    # Every page's sidebar is rendered once and kept: one reader's words in its search field
    # must never reach another reader's page, whichever comes first.
    PostFactory(title="Ferry strike called off")
    results = client.get("/", {"s": "ferry"}).content.decode()
    home = client.get("/").content.decode()
    more = client.get("/", {"s": "strike"}).content.decode()
    assert 'name="s" value="ferry"' in results and 'name="s" value="strike"' in more
    assert 'name="s" value=""' in home and 'value="ferry"' not in home
    assert 'value="ferry"' not in more


def test_a_repeated_search_reads_no_text_until_the_site_changes(client):
    PostFactory(title="Ferry strike called off")
    assert titles(client.get("/", {"s": "ferry"})) == ["Ferry strike called off"]
    with CaptureQueriesContext(connection) as done:
        assert titles(client.get("/", {"s": "ferry"})) == ["Ferry strike called off"]
    assert not [q for q in done.captured_queries if "byline_search" in q["sql"]]
    PostFactory(title="Ferry fares frozen", published_at=timezone.now())
    assert titles(client.get("/", {"s": "ferry"})) == ["Ferry fares frozen",
                                                       "Ferry strike called off"]  # fmt: skip


def test_kept_searches_stay_within_their_bytes(client, monkeypatch):
    from byline.content import snapshot

    monkeypatch.setattr(snapshot, "SEARCH_BYTES", 100)
    for n in range(5):
        PostFactory(title=f"Flood report {n}", body=f"Ward {n} under water.")
    for words in ("flood", "report", "flood report", "water", "under water", "ward"):
        assert len(titles(client.get("/", {"s": words}))) == 5
        kept = snapshot.current().searches
        assert sum(len(hits) * hits.itemsize for hits in kept.values()) <= 100
        assert search.parse(words).key in kept  # the latest stays


def test_page_not_found_offers_the_search(client):
    page = client.get("/no-such-story/")
    assert page.status_code == 404
    assert 'id="search-again" name="s"' in page.content.decode()


def test_an_empty_search_is_the_home_page(client):
    PostFactory(title="Ferry strike called off")
    page = client.get("/", {"s": "   "})
    assert titles(page) == ["Ferry strike called off"]
    assert "Search results" not in page.content.decode()


@pytest.mark.parametrize(
    "hostile",
    [
        '<script>alert("s")</script>',
        '"><img src=x onerror=alert(1)>',
        "%",  # LIKE's wildcards are plain characters
        "_",
        "Plain\x00nowhere",  # PostgreSQL refuses NUL in a query
        "-",
    ],
)
def test_hostile_searches_are_shown_as_text_and_find_nothing(client, hostile):
    PostFactory(title="Plain title", body="Plain text: 100 percent.")
    page = client.get("/", {"s": hostile})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Search results for" in body
    assert "<script>alert" not in body and "<img src=x" not in body
    assert titles(page) == []


def test_a_long_search_is_cut_short(client):
    PostFactory(title="Plain title", body="Plain text.")
    page = client.get("/", {"s": "plain " + "x" * 5000 + " title" * 500})
    assert page.status_code == 200
    shown = re.search(r"Search results for “([^”]*)”", page.content.decode()).group(1)
    assert len(shown) == 200
    assert titles(page) == []


def test_a_search_has_a_feed_of_the_newest_posts_it_finds(client):
    import feedparser

    PostFactory(title="Ferry fares", body="The harbour board agreed.", published_at=days_ago(3))
    PostFactory(title="Harbour dredging", body="Work begins.", published_at=days_ago(1))
    PostFactory(title="Harbour memo", body="Secret terms.", password="t", published_at=days_ago(2))
    PostFactory(title="Harbour draft", status=Status.DRAFT)
    PageFactory(title="Harbour guide", body="Where to park.")
    PostFactory(title="Budget", body="No word of the port.", published_at=days_ago(4))
    results = client.get("/", {"s": "harbour"}).content.decode()
    advertised = 'title="My Byline blog » Search Results for “harbour” Feed"'
    assert f'{advertised} href="/?s=harbour&amp;feed=rss2"' in results
    answer = client.get("/", {"s": "harbour", "feed": "rss2"})
    assert answer["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(answer.content)
    assert not feed.bozo and feed.feed.title == "My Byline blog » Search Results for “harbour”"
    # Newest first, posts only; a protected post's text stays behind its password.
    assert [e.title for e in feed.entries] == ["Harbour dredging", "Harbour memo", "Ferry fares"]
    assert "Secret terms" not in answer.content.decode()
    # WordPress's /?feed=rss2 without a search is still the site's feed.
    assert client.get("/", {"feed": "rss2"})["Location"] == "/feed/"


def test_a_hostile_search_feed_is_well_formed(client):
    import feedparser

    PostFactory(title="Harbour dredging")
    answer = client.get("/", {"s": "<script>alert(1)</script>]]> harbour", "feed": "rss2"})
    feed = feedparser.parse(answer.content)
    assert not feed.bozo and feed.entries == []
    assert "<script>" not in answer.content.decode()
