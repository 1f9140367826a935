"""An author writes a draft in the admin, in Chromium, and previews it in the theme before
publishing; a reader who has the preview's address sees only the sign-in page."""

import re

import pytest
from playwright.sync_api import expect

from tests.live import served_site

pytestmark = pytest.mark.browser
PASSWORD = "a long desk passphrase"
SETUP = f"""
from byline.content.roles import create_user
create_user("desk", "desk@example.com", "author", {PASSWORD!r})
"""


@pytest.fixture(scope="module")
def writers_site(tmp_path_factory):
    with served_site(tmp_path_factory.mktemp("preview-site"), SETUP) as (base, _printed):
        yield base


def writing(browser, site: str):
    """The author signed in, at a new post's form."""
    page = browser.new_context().new_page()
    page.goto(site + "/admin/byline_content/post/add/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return page


def test_an_author_previews_a_draft_and_readers_cannot(browser, writers_site, artifacts):
    page = writing(browser, writers_site)
    page.locator("#id_title").fill("Ferry fares to double in spring")
    page.locator("#id_body").fill("The port authority will **double** the fares.")
    page.get_by_role("button", name="Save and preview").click()
    page.wait_for_url(re.compile(r"/admin/byline_content/post/\d+/preview/$"))
    notice = page.get_by_role("status")
    assert "This post is a draft: readers cannot see it yet." in notice.inner_text()
    heading = page.get_by_role("heading", name="Ferry fares to double in spring", exact=True)
    expect(heading).to_be_visible()
    assert page.locator(".entry-content strong").inner_text() == "double"
    page.screenshot(path=str(artifacts / "preview-draft.png"), full_page=True)
    preview = page.url
    page.get_by_role("link", name="Back to editing").click()
    assert page.locator("#id_title").input_value() == "Ferry fares to double in spring"
    expect(page.get_by_role("link", name="Preview")).to_be_visible()

    reader = browser.new_context().new_page()
    reader.goto(preview)
    assert "/login/" in reader.url and "Ferry fares" not in reader.content()
    reader.goto(writers_site + "/")
    assert "Ferry fares" not in reader.content()


def test_an_author_previews_changes_to_a_published_post_readers_see_none(
    browser, writers_site, artifacts
):
    page = writing(browser, writers_site)
    page.locator("#id_title").fill("Harbour dredging begins")
    page.locator("#id_body").fill("The dredgers arrive on Monday.")
    page.locator("#id_status").select_option(label="Published")
    page.get_by_role("button", name="Save and continue editing").click()
    page.locator("#id_title").fill("Harbour dredging postponed")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview changes").click()
    preview = opened.value
    preview.wait_for_load_state()
    heading = preview.get_by_role("heading", name="Harbour dredging postponed", exact=True)
    expect(heading).to_be_visible()
    assert "These changes are not saved" in preview.get_by_role("status").inner_text()
    preview.screenshot(path=str(artifacts / "preview-changes.png"), full_page=True)

    reader = browser.new_context().new_page()
    reader.goto(writers_site + "/")
    link = reader.get_by_role("link", name="Harbour dredging begins", exact=True)
    expect(link).to_be_visible()
    assert "postponed" not in reader.content()
