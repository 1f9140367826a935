"""A reader searches from the sidebar of a stored page in Chromium, in English and Urdu, finds
the post and opens it; a search that finds nothing offers the box again."""

import pytest
from playwright.sync_api import expect

from tests.live import served_site

pytestmark = pytest.mark.browser
SETUP = """
from django.utils import timezone
from byline.content.models import Post, Status
from byline.content.roles import create_user
author = create_user("desk", "desk@example.com", "author", "a long desk passphrase")
for days, title, body in [
    (1, "Ferry fares rise again", "The third rise this year, says the harbour board."),
    (2, "Harbour board meets in private", "No minutes were kept."),
    (3, "کراچی میں بارش", "شہر میں آج تیز بارش ہوئی۔"),
]:
    Post.objects.create(title=title, author=author, body=body, status=Status.PUBLISHED,
                        published_at=timezone.now() - timezone.timedelta(days=days))
"""


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    with served_site(tmp_path_factory.mktemp("search-site"), SETUP) as (base, _printed):
        yield base


def search(page, words: str) -> None:
    box = page.get_by_role("searchbox", name="Search for").first
    box.fill(words)
    with page.expect_navigation():
        box.press("Enter")


def test_reader_searches_from_the_sidebar_and_opens_the_post(browser, search_site, artifacts):
    page = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    page.goto(search_site + "/")
    search(page, "harbour board")
    assert page.url.endswith("/?s=harbour+board")
    expect(page.get_by_role("heading", name="Search results for “harbour board”")).to_be_visible()
    found = page.locator(".summary .entry-title")
    # The title holding both words first, then the post whose text holds them.
    assert found.all_inner_texts() == ["Harbour board meets in private", "Ferry fares rise again"]
    assert page.get_by_role("searchbox", name="Search for").input_value() == "harbour board"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(artifacts / "search-results.png"), full_page=True)
    page.get_by_role("link", name="Ferry fares rise again").first.click()
    expect(page.get_by_role("heading", name="Ferry fares rise again", exact=True)).to_be_visible()


def test_urdu_search_and_a_search_that_finds_nothing(browser, search_site):
    page = browser.new_context().new_page()
    page.goto(search_site + "/")
    search(page, "بارش")
    assert page.locator(".summary .entry-title").all_inner_texts() == ["کراچی میں بارش"]
    search(page, "tram")
    expect(page.get_by_text("Nothing matched your search.")).to_be_visible()
    assert page.get_by_role("searchbox", name="Search for").count() == 2  # here and the sidebar
