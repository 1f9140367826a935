"""A reader follows a served site by email in Chromium: the sidebar form of a stored page, the
confirmation through a real SMTP server, a new post in their inbox, and unsubscribing."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.live import byline, database_url, free_port, run_python, serving, site_env
from tests.mailserver import smtp_server

pytestmark = pytest.mark.browser
SETUP = """
from byline.content.models import Site
site = Site.current()
site.email_subscriptions = True
site.save()
"""
PUBLISH = """
from byline.content.roles import create_user
from tests.factories import PostFactory
author = create_user("desk", "desk@example.com", "author", "a long desk passphrase")
PostFactory(title="Council rejects the harbour plan", author=author,
            body="The vote was **nine** to four.")
"""


def mail_to(inbox, address: str, subject: str, seconds: float = 30):
    """The message to `address` with `subject`, once `byline serve`'s worker has sent it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for message in inbox.to(address):
            if message["Subject"] == subject:
                return message.get_body(preferencelist=("plain",)).get_content()
        time.sleep(0.2)
    raise AssertionError(
        f"no mail {subject!r} to {address}: {[m['Subject'] for m in inbox.messages]}"
    )


def test_a_reader_follows_by_email_and_leaves(browser, tmp_path, artifacts):
    site, port = tmp_path / "site", free_port()
    with smtp_server() as (inbox, smtp_port), database_url() as db_url:
        env = site_env(db_url) | {
            "BYLINE_SMTP_HOST": "127.0.0.1",
            "BYLINE_SMTP_PORT": str(smtp_port),
            "BYLINE_BASE_URL": f"http://127.0.0.1:{port}",
        }
        byline(site, "init", env=env)
        run_python(site, SETUP, env)
        with serving(site, env, port=port) as base:
            page = browser.new_context().new_page()
            page.goto(base + "/")
            assert page.evaluate("document.querySelector('.subscribe-form') !== null")
            page.get_by_label("Email address").fill("reader@example.com")
            page.get_by_role("button", name="Subscribe").click()
            page.wait_for_url(base + "/subscribe/sent/")
            expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

            text = mail_to(
                inbox, "reader@example.com", "Confirm your subscription to My Byline blog"
            )
            page.goto(re.search(r"http://\S+/subscribe/confirm/\S+/", text).group(0))
            page.get_by_role("button", name="Confirm").click()
            expect(page.get_by_role("heading", name="You are subscribed")).to_be_visible()

            run_python(site, PUBLISH, env)
            text = mail_to(inbox, "reader@example.com", "Council rejects the harbour plan")
            assert "The vote was nine to four." in text
            page.goto(re.search(r"Read it: (\S+)", text).group(1))
            title = page.get_by_role("heading", name="Council rejects the harbour plan", exact=True)
            expect(title).to_be_visible()

            page.goto(re.search(r"one click: (\S+)", text).group(1))
            page.get_by_role("button", name="Unsubscribe").click()
            expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
            page.screenshot(path=str(artifacts / "newsletter-left.png"), full_page=True)
            left = run_python(site, "from byline.newsletter.models import Subscriber\n"
                              "print(Subscriber.objects.count())", env)  # fmt: skip
            assert left.strip() == "0"
