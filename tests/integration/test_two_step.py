"""Two-step sign-in: a user turns it on with their authenticator app's code; from then on the
password alone does not sign in, a wrong code counts as a failed sign-in, each backup code
works once; turned off with a code, or by `byline twostep-off` for a lost phone."""

import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from byline.content.roles import create_user
from tests.live import byline, database_url, run_python, site_env

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"
SETUP = "/admin/two-step/"
PASSWORD = "a harbour at first light"


@pytest.fixture
def editor():
    return create_user("amina", "amina@example.com", "editor", PASSWORD)


def code_now(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset * device.step
    return f"{totp.token():06d}"


def sign_in(client, code: str = "", address: str = "203.0.113.7"):
    form = {"username": "amina", "password": PASSWORD, "code": code, "next": "/admin/"}
    return client.post(LOGIN, form, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def turn_on(client) -> tuple[TOTPDevice, list[str]]:
    assert sign_in(client).status_code == 302
    page = client.get(SETUP).content.decode()
    assert "Two-step sign-in is <strong>off</strong>" in page and "<svg" in page
    device = TOTPDevice.objects.get(confirmed=False)
    key = re.search(r'<code id="two-step-key">([A-Z2-7 ]+)</code>', page)[1]
    from base64 import b32encode

    assert key.replace(" ", "") == b32encode(device.bin_key).decode()  # what the app is given
    wrong = client.post(SETUP, {"action": "on", "code": "000000"}).content.decode()
    assert "That code is not right" in wrong
    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None
    device.save()
    done = client.post(SETUP, {"action": "on", "code": code_now(device)}).content.decode()
    assert "Two-step sign-in is <strong>on</strong>" in done
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done)
    assert len(codes) == 10
    return TOTPDevice.objects.get(confirmed=True), codes


def test_once_on_the_password_alone_does_not_sign_in(client, editor):
    device, _codes = turn_on(client)
    assert client.get("/admin/").status_code == 200  # this session gave its code
    client.logout()
    refused = sign_in(client)
    assert refused.status_code == 200 and not signed_in(client)
    assert "Enter the code your authenticator app shows now" in refused.content.decode()
    assert sign_in(client, "123 456").status_code == 200 and not signed_in(client)
    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None
    device.save()
    assert sign_in(client, code_now(device, 1)).status_code == 302 and signed_in(client)
    assert client.get("/admin/").status_code == 200


def test_a_backup_code_signs_in_once(client, editor):
    _device, codes = turn_on(client)
    client.logout()
    assert sign_in(client, codes[0].upper()).status_code == 302 and signed_in(client)
    client.logout()
    used = sign_in(client, codes[0])
    assert used.status_code == 200 and not signed_in(client)
    assert sign_in(client, codes[1]).content.decode().count("try again in a moment") == 1
    time.sleep(1.1)  # django-otp takes no code for a second after a wrong one
    assert sign_in(client, codes[1]).status_code == 302


def test_wrong_codes_count_as_failed_sign_ins(client, editor):
    turn_on(client)
    client.logout()
    for _ in range(4):
        assert sign_in(client, "999999").status_code == 200
    assert sign_in(client, "999999").status_code == 429


def test_a_session_from_before_is_asked_to_sign_in_again(client, editor):
    assert sign_in(client).status_code == 302
    other = client.__class__()
    assert other.post(LOGIN, {"username": "amina", "password": PASSWORD}).status_code == 302
    turn_on(client)
    # The other browser signed in with the password alone: the admin asks it to sign in again.
    assert other.get("/admin/").status_code == 302


def test_turned_off_with_a_code(client, editor):
    device, _codes = turn_on(client)
    refused = client.post(SETUP, {"action": "off", "code": "000000"}).content.decode()
    assert "That code is not right" in refused and TOTPDevice.objects.filter(confirmed=True)
    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None
    device.save()
    off = client.post(SETUP, {"action": "off", "code": code_now(device, 1)})
    assert off.status_code == 302 and not TOTPDevice.objects.exists()
    client.logout()
    assert sign_in(client).status_code == 302


TURN_ON = """
from django_otp.plugins.otp_totp.models import TOTPDevice
from byline.content.roles import create_user
from byline.content.twostep import new_backup_codes
user = create_user("amina", "amina@example.com", "editor", "a harbour at first light")
TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
new_backup_codes(user)
"""
COUNT = """
from django_otp import devices_for_user
from django.contrib.auth import get_user_model
print(len(list(devices_for_user(get_user_model().objects.get(username="amina")))))
"""


def test_byline_twostep_off_for_a_lost_phone(tmp_path):
    site = tmp_path / "site"
    with database_url() as url:
        env = site_env(url)
        byline(site, "init", env=env)
        run_python(site, TURN_ON, env)
        assert run_python(site, COUNT, env).strip() == "2"
        unknown = byline(site, "twostep-off", "nobody", env=env, check=False)
        assert unknown.returncode == 1 and "No user nobody" in unknown.stderr
        done = byline(site, "twostep-off", "amina", env=env)
        assert "Two-step sign-in is off for amina" in done.stdout
        assert run_python(site, COUNT, env).strip() == "0"


def test_a_site_that_requires_it_sends_everyone_to_turn_it_on_first(client, editor):
    from byline.content.models import Site

    site = Site.current()
    site.require_two_step = True
    site.save()
    assert sign_in(client).status_code == 302
    for page in ("/admin/", "/admin/byline_content/post/", "/admin/byline_content/post/add/"):
        answer = client.get(page)
        assert answer.status_code == 302 and answer["Location"] == SETUP, page
    assert "This site requires two-step sign-in" in client.get(SETUP).content.decode()
    assert client.post("/admin/logout/").status_code == 200 and not signed_in(client)
    assert sign_in(client).status_code == 302
    device = TOTPDevice.objects.get(confirmed=False)
    client.post(SETUP, {"action": "on", "code": code_now(device)})
    assert client.get("/admin/").status_code == 200
