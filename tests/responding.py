"""Helpers for posting responses the way a browser does."""

import secrets
import time

from django.core import signing

from byline.responses.entries import entry_key
from byline.responses.tokens import FORM_SALT


def token_from(entry: int | str, seconds_ago: float = 30) -> str:
    """A form token as the post (or page, by its entry key) would have issued it `seconds_ago`."""
    payload = {"p": str(entry), "t": time.time() - seconds_ago, "n": secrets.token_urlsafe(9)}
    return signing.Signer(salt=FORM_SALT).sign_object(payload)


def form(post, **fields) -> dict:
    data = {
        "post": entry_key(post),
        "comment": "The harbour board should publish the audit in full.",
        "author": "Ayesha Khan",
        "email": "ayesha@example.com",
        "url": "",
        "token": token_from(entry_key(post)),
        "fax": "",
    }
    return data | {k: str(v) for k, v in fields.items()}


SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}


def send(client, post, headers=None, **fields):
    return client.post("/responses/", form(post, **fields), **(SAME_ORIGIN | (headers or {})))


def landing(client, answer) -> str:
    """Where a browser lands after a response's POST: the page of responses showing it."""
    assert answer.status_code == 303
    shown = client.get(answer.headers["Location"])
    assert shown.status_code == 302
    return shown.headers["Location"]
