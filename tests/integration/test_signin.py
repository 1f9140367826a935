"""Guessing passwords at the admin's sign-in: after five failures an address is kept out for
a quarter of an hour, even with the right password; other addresses, and the user, are not."""

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from byline.content.roles import create_user
from tests.live import byline, database_url, run_python, site_env

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a harbour at first light"


def sign_in(client, password: str, address: str = "203.0.113.7", **headers):
    form = {"username": "amina", "password": password, "next": "/admin/"}
    return client.post(LOGIN, form, REMOTE_ADDR=address, **headers)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def editor():
    return create_user("amina", "amina@example.com", "editor", PASSWORD)


def test_five_failures_keep_an_address_out_even_with_the_right_password(client, editor):
    for _ in range(4):
        failed = sign_in(client, "guess")
        assert failed.status_code == 200 and b"Please enter the correct username" in failed.content
    kept_out = sign_in(client, "guess")
    assert kept_out.status_code == 429
    assert b"Too many failed sign-ins" in kept_out.content
    assert kept_out["Retry-After"] == "900"
    right = sign_in(client, PASSWORD)
    assert right.status_code == 429 and not signed_in(client)
    # The user is not locked: from another address the right password works.
    assert sign_in(client, PASSWORD, address="198.51.100.20").status_code == 302
    assert signed_in(client)


def test_the_address_may_try_again_after_a_quarter_of_an_hour(client, editor):
    for _ in range(5):
        sign_in(client, "guess")
    assert sign_in(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timezone.timedelta(minutes=16))
    assert sign_in(client, PASSWORD).status_code == 302 and signed_in(client)


def test_a_sign_in_clears_earlier_failures(client, editor):
    for _ in range(4):
        sign_in(client, "guess")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "guess")
    assert sign_in(client, PASSWORD).status_code == 302 and signed_in(client)


def test_behind_a_proxy_each_reader_is_counted_apart(client, editor):
    # 127.0.0.1 is a trusted proxy by default: the reader is the last address it forwarded.
    behind = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _ in range(5):
        sign_in(client, "guess", address="127.0.0.1", **behind)
    assert sign_in(client, PASSWORD, address="127.0.0.1", **behind).status_code == 429
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert sign_in(client, PASSWORD, address="127.0.0.1", **other).status_code == 302


# Run in the site's own process: five wrong passwords, then the right one, from one address.
ATTEMPTS = """
from django.test import Client
from byline.content.roles import create_user
from django.contrib.auth import get_user_model
if not get_user_model().objects.filter(username="amina").exists():
    create_user("amina", "amina@example.com", "editor", {password!r})
client = Client(HTTP_HOST="localhost", REMOTE_ADDR="203.0.113.7")
form = {{"username": "amina", "next": "/admin/"}}
for password in {passwords!r}:
    print(client.post("/admin/login/", form | {{"password": password}}).status_code)
"""


def test_byline_unlock_lets_an_address_in_again(tmp_path):
    site = tmp_path / "site"
    with database_url() as url:
        env = site_env(url)
        byline(site, "init", env=env)
        tries = ["guess"] * 5 + [PASSWORD]
        codes = run_python(site, ATTEMPTS.format(password=PASSWORD, passwords=tries), env)
        assert codes.split() == ["200"] * 4 + ["429", "429"]
        other = byline(site, "unlock", "198.51.100.20", env=env).stdout.strip()
        assert other == "198.51.100.20 was not kept from signing in."
        unlocked = byline(site, "unlock", "203.0.113.7", env=env).stdout.strip()
        assert unlocked == "203.0.113.7 may sign in again."
        again = run_python(site, ATTEMPTS.format(password=PASSWORD, passwords=[PASSWORD]), env)
        assert again.split() == ["302"]
