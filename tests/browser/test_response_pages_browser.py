"""Pages of responses in Chromium: a reader goes to the newer page, replies to a thread there
with the scripted form, and lands back on that page with their reply under it."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_discussion_browser import respond
from tests.live import byline, database_url, run_python, serving, site_env

pytestmark = pytest.mark.browser
SETUP = """
from django.utils import timezone
from django.contrib.auth import get_user_model
from byline.content.links import Links
from byline.content.models import Post, Site, Status
from byline.responses.models import Discussion, Response, ResponseStatus
settings = Discussion.current()
settings.responses_per_page = 2
settings.save()
author = get_user_model().objects.get(username="editor")
post = Post.objects.create(title="Harbour dredging", author=author, body="Dredging begins.",
    status=Status.PUBLISHED, published_at=timezone.now() - timezone.timedelta(days=1))
for n, name in enumerate(["Bilal", "Sana", "Omar"]):
    Response.objects.create(post=post, author_name=name, author_email=f"{name}@example.com",
        text=f"Thread from {name}.", status=ResponseStatus.APPROVED,
        created_at=timezone.now() - timezone.timedelta(hours=5 - n))
print(Links(Site.current()).post(post))
"""


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("paged-site")
    with database_url() as db_url:
        env = site_env(db_url)
        byline(site, "init", env=env)
        byline(site, "createuser", "--username", "editor", "--email", "ed@example.com",
               "--role", "editor", "--password", "a long editor passphrase", env=env)  # fmt: skip
        path = run_python(site, SETUP, env).strip()
        with serving(site, env) as base:
            yield base, path


def test_a_reader_replies_on_a_later_page_and_lands_there(browser, paged_site, artifacts):
    base, path = paged_site
    page = browser.new_context().new_page()
    page.goto(base + path)
    assert page.locator(".responses-pages .current").first.inner_text() == (
        "Responses, page 1 of 2"
    )
    assert page.locator(".comment-number").all_inner_texts() == ["1.", "2."]
    with page.expect_navigation():
        page.get_by_role("link", name="Newer responses").first.click()
    assert page.url.startswith(f"{base}{path}comment-page-2/")
    assert page.locator(".comment-number").all_inner_texts() == ["3."]

    page.locator(".comment", has_text="Omar").get_by_role("link", name="Reply").click()
    expect(page.locator(".replying-to")).to_be_visible()  # the form moved under Omar's response
    respond(page, "Dredging will take two years, Omar.", "Ayesha", "ayesha@example.com")
    assert page.url.startswith(f"{base}{path}comment-page-2/#comment-")  # back on its page
    reply = page.locator(".comment", has_text="Omar").locator(".children .comment")
    assert "two years" in reply.inner_text() and "awaiting moderation" in reply.inner_text()
    page.screenshot(path=str(artifacts / "responses-page-2.png"), full_page=True)

    stranger = browser.new_context().new_page()
    stranger.goto(f"{base}{path}comment-page-2/")
    assert "two years" not in stranger.content()
    expect(stranger.get_by_role("heading", name="3 Responses to")).to_be_visible()
