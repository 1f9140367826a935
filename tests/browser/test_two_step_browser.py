"""In Chromium: an editor turns on two-step sign-in from the admin's header, with the key the
page shows typed into an authenticator (computed here as an app does), and keeps the backup
codes; signing in again then takes the app's code."""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.live import served_site

pytestmark = pytest.mark.browser
PASSWORD = "a long desk passphrase"
SETUP = f"""
from byline.content.roles import create_user
create_user("desk", "desk@example.com", "editor", {PASSWORD!r})
"""


def app_code(key: str, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for `key` (as the page shows it), now or a step on."""
    totp = TOTP(b32decode(key.replace(" ", "")))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


@pytest.fixture(scope="module")
def admin_site(tmp_path_factory):
    with served_site(tmp_path_factory.mktemp("two-step-site"), SETUP) as (base, _printed):
        yield base


def sign_in(page, base: str, code: str = "") -> None:
    page.goto(base + "/admin/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Log in").click()


def test_an_editor_turns_on_two_step_sign_in(browser, admin_site, artifacts):
    page = browser.new_context().new_page()
    sign_in(page, admin_site)
    page.get_by_role("link", name="Two-step sign-in").click()
    expect(page.get_by_text("Two-step sign-in is off")).to_be_visible()
    expect(page.get_by_role("img", name="Key as a QR code")).to_be_visible()
    key = page.locator("#two-step-key").inner_text()
    page.get_by_label("Give the six digits the app now shows:").fill(app_code(key))
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_text("Two-step sign-in is on.")).to_be_visible()
    codes = page.locator("#backup-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", c) for c in codes)
    page.screenshot(path=str(artifacts / "two-step-on.png"), full_page=True)
    page.get_by_role("button", name="Log out").click()

    sign_in(page, admin_site)
    expect(page.get_by_text("Enter the code your authenticator app shows now")).to_be_visible()
    sign_in(page, admin_site, app_code(key, steps_ahead=1))  # the next code: one is used once
    expect(page.get_by_role("heading", name="Your site")).to_be_visible()
