"""A reader responds and replies through the form in Chromium; only they see their held
responses; the moderator approves both in the inbox; hostile responses run nothing."""

import time

import pytest
from playwright.sync_api import expect

from tests.live import byline, database_url, run_python, serving, site_env
from tests.reference import shared_path

pytestmark = pytest.mark.browser
ADMIN_PASSWORD = "a harbour at first light"
SETUP = """
from django.utils import timezone
from byline.content.models import Post, Status
from byline.content.links import Links
from byline.content.models import Site
from byline.responses.models import Response, ResponseStatus
from django.contrib.auth import get_user_model
author = get_user_model().objects.get(username="moderator")
post = Post.objects.create(title="Ferry fares rise again", author=author, body="Fares rise.",
    status=Status.PUBLISHED, published_at=timezone.now() - timezone.timedelta(days=1))
Response.objects.create(post=post, author_name="Bilal", author_email="bilal@example.com",
    text="Third rise this year.", status=ResponseStatus.APPROVED,
    created_at=timezone.now() - timezone.timedelta(hours=5))
print(Links(Site.current()).post(post))
"""


@pytest.fixture(scope="module")
def discussion_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("discussion-site")
    with database_url() as db_url:
        env = site_env(db_url)
        byline(site, "init", env=env)
        byline(site, "createuser", "--username", "moderator", "--email", "mod@example.com",
               "--role", "administrator", "--password", ADMIN_PASSWORD, env=env)  # fmt: skip
        path = run_python(site, SETUP, env).strip()
        with serving(site, env) as base:
            yield base, path


def respond(page, comment: str, name: str, email: str, url: str = "") -> None:
    page.get_by_role("textbox", name="Comment").fill(comment)
    page.get_by_role("textbox", name="Name").fill(name)
    page.get_by_role("textbox", name="Email").fill(email)
    page.get_by_role("textbox", name="Website").fill(url)
    page.wait_for_timeout(3500)  # the guard refuses forms sent within 3 s of being shown
    with page.expect_navigation():
        page.get_by_role("button", name="Post Response").click()


def test_reader_responds_moderator_approves(browser, discussion_site, artifacts):
    base, path = discussion_site
    reader = browser.new_context()
    page = reader.new_page()
    page.goto(base + path)
    respond(page, "The ferry company posted record profits.", "Ayesha", "ayesha@example.com")
    assert "#comment-" in page.url
    held = page.locator(".comment.awaiting-moderation")
    assert held.count() == 1 and "awaiting moderation" in held.inner_text()

    page.locator(".comment", has_text="Bilal").get_by_role("link", name="Reply").click()
    expect(page.locator(".replying-to")).to_be_visible()  # the form moved under Bilal's response
    respond(page, "Agreed, Bilal: three rises.", "Ayesha", "ayesha@example.com")
    assert page.locator(".comment.awaiting-moderation").count() == 2
    nested = page.locator(".comment", has_text="Bilal").locator(".children .comment")
    assert "three rises" in nested.inner_text()
    page.screenshot(path=str(artifacts / "discussion-held.png"), full_page=True)

    stranger = browser.new_context().new_page()
    stranger.goto(base + path)
    assert "record profits" not in stranger.content() and "three rises" not in stranger.content()
    expect(stranger.get_by_role("heading", name="One Response to")).to_be_visible()

    moderator = browser.new_context().new_page()
    moderator.goto(base + "/admin/byline_responses/response/")
    moderator.get_by_label("Username").fill("moderator")
    moderator.get_by_label("Password").fill(ADMIN_PASSWORD)
    with moderator.expect_navigation():
        moderator.get_by_role("button", name="Log in").click()
    rows = moderator.locator("#result_list tbody tr")
    assert rows.count() == 2 and "Pending (2)" in moderator.content()
    for _ in range(2):
        with moderator.expect_navigation():
            moderator.locator("#result_list").get_by_role("button", name="Approve").first.click()
    moderator.screenshot(path=str(artifacts / "inbox.png"), full_page=True)
    assert "Pending (0)" in moderator.content()

    # The background worker renders the post again within a second (test_served_store.py).
    deadline = time.monotonic() + 2
    stranger.reload()
    while not stranger.get_by_role("heading", name="3 Responses to").is_visible():
        assert time.monotonic() < deadline, "the approved responses did not show"
        time.sleep(0.1)
        stranger.reload()
    text = stranger.locator(".comment-list").inner_text()
    assert text.index("Third rise") < text.index("three rises") < text.index("record profits")
    nested = stranger.locator(".comment", has_text="Bilal").locator(".children .comment")
    assert "three rises" in nested.inner_text()
    assert stranger.locator(".awaiting-moderation").count() == 0
    stranger.screenshot(path=str(artifacts / "discussion-approved.png"), full_page=True)


def test_hostile_response_runs_nothing(browser, discussion_site):
    base, path = discussion_site
    lines = shared_path("fixtures", "xss", "RSNAKE_XSS.txt").read_text().splitlines()
    payloads = [line for line in lines if line.strip()]
    dialogs: list[str] = []
    page = browser.new_context().new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base + path)
    respond(
        page,
        "\n\n".join(payloads),
        payloads[0][:200],
        "mallory@example.com",
        'https://x.example/"onmouseover=alert(1)><script>alert(2)</script>',
    )
    assert page.locator(".awaiting-moderation").count() == 1
    moderator = browser.new_context().new_page()
    moderator.goto(base + "/admin/byline_responses/response/")
    moderator.get_by_label("Username").fill("moderator")
    moderator.get_by_label("Password").fill(ADMIN_PASSWORD)
    # Signed in before the approval's navigation is awaited: else a slow sign-in's could be
    # taken for it, and the reader below come before the approval.
    with moderator.expect_navigation():
        moderator.get_by_role("button", name="Log in").click()
    moderator.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with moderator.expect_navigation():
        moderator.locator("#result_list").get_by_role("button", name="Approve").first.click()
    reader = browser.new_context().new_page()
    reader.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    reader.goto(base + path)
    hostile = reader.locator(".comment-list > li.comment").last
    # The background worker renders the post again within a second (test_served_store.py).
    deadline = time.monotonic() + 2
    while "<" not in hostile.locator(".comment-author").inner_text():  # the name, as text
        assert time.monotonic() < deadline, "the approved response did not show"
        time.sleep(0.1)
        reader.reload()
    for link in hostile.locator("a").all():
        link.hover()
    reader.wait_for_timeout(500)
    assert dialogs == []
    found = reader.evaluate(
        """() => {
            // The theme's structured data is JSON, never run.
            const scripts = [...document.scripts].filter(s => s.type !== 'application/ld+json')
                .map(s => s.src).filter(src => !src.includes('/static/byline/'));
            const handlers = [...document.querySelectorAll('*')].flatMap(el =>
                [...el.attributes].filter(a => a.name.startsWith('on')).map(a => a.name));
            const jsLinks = [...document.querySelectorAll('[href],[src]')].filter(el =>
                /^\\s*javascript:/i.test(el.getAttribute('href') || el.getAttribute('src')));
            return {scripts, handlers, jsLinks: jsLinks.length};
        }"""
    )
    assert found == {"scripts": [], "handlers": [], "jsLinks": 0}


# Last: its held response would be one more in the inbox the test above counts.
def test_a_quick_reader_is_held_back_a_moment_not_refused(browser, discussion_site):
    base, path = discussion_site
    page = browser.new_context().new_page()
    page.goto(base + path)
    page.get_by_role("textbox", name="Comment").fill("Quick: fares doubled since 2020.")
    page.get_by_role("textbox", name="Name").fill("Zara")
    page.get_by_role("textbox", name="Email").fill("zara@example.com")
    began = time.monotonic()
    with page.expect_navigation():  # sent at once: the form's fresh token is a moment old
        page.get_by_role("button", name="Post Response").click()
    assert "That was quick" not in page.content() and "#comment-" in page.url
    assert time.monotonic() - began >= 2.5  # the script waited for the token to be old enough
    assert page.locator(".comment.awaiting-moderation", has_text="fares doubled").count() == 1
