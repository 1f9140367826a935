"""Signed, time-stamped keys: the response form's token, and single-use links sent by email.

A form token is issued in the post or page (shared by every anonymous reader of a cached page)
and names it by its entry key (see `byline.responses.entries`); a token can be spent once per
address, so a replay is refused.
"""

import functools
import hashlib
import math
import secrets
import time
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from byline.responses.models import UsedToken

FORM_SALT = "byline.responses.form"
LINK_SALT = "byline.responses.link"


@dataclass(frozen=True)
class FormToken:
    entry: str  # the entry key of the post or page the form is on
    issued: float
    nonce: str

    @property
    def age(self) -> float:
        return _now() - self.issued


PAGE_TOKEN_PERIOD = 3600


def _now() -> float:
    return time.time()


def _sign(payload: dict) -> str:
    return signing.Signer(salt=FORM_SALT).sign_object(payload)


def issue_form_token(entry: str) -> str:
    """A token for one visitor: issued now, with its own nonce."""
    # Down to the tenth: rounded up, a form sent at once would look sent before it was shown.
    issued = math.floor(_now() * 10) / 10
    return _sign({"p": entry, "t": issued, "n": secrets.token_urlsafe(9)})


def page_form_token(entry: str) -> str:
    """The token of a page shared by every anonymous reader: the same for a whole hour, so
    a stored page and a fresh render of it are byte for byte the same."""
    start = int(_now() // PAGE_TOKEN_PERIOD) * PAGE_TOKEN_PERIOD
    nonce = signing.Signer(salt=FORM_SALT + ".nonce").signature(f"{entry}:{start}")[:12]
    return _sign({"p": entry, "t": start, "n": nonce})


@functools.lru_cache(maxsize=256)  # the guard's checks read the same token several times
def read_form_token(token: str) -> FormToken | None:
    """The token's contents, or None when it was not made by this site (forged or mangled)."""
    try:
        payload = signing.Signer(salt=FORM_SALT).unsign_object(token)
        return FormToken(str(payload["p"]), float(payload["t"]), str(payload["n"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def spend(key: str, lifetime_seconds: float) -> bool:
    """Mark `key` used; False when it already was (a replay)."""
    expires = timezone.now() + timezone.timedelta(seconds=lifetime_seconds)
    try:
        with transaction.atomic():
            UsedToken.objects.create(key=digest(key), expires_at=expires)
    except IntegrityError:
        return False
    return True


class Replayed(Exception):
    """The key was spent already (by another request, when two raced)."""


def spend_within_transaction(key: str, lifetime_seconds: float) -> None:
    """Mark `key` used as part of the caller's transaction; on Replayed the caller must let
    the transaction roll back (there is no savepoint: nothing else may be written after)."""
    expires = timezone.now() + timezone.timedelta(seconds=lifetime_seconds)
    try:
        UsedToken.objects.create(key=digest(key), expires_at=expires)
    except IntegrityError as error:
        raise Replayed(key) from error


def is_spent(key: str) -> bool:
    return UsedToken.objects.filter(key=digest(key)).exists()


def forget_expired() -> int:
    return UsedToken.objects.filter(expires_at__lt=timezone.now()).delete()[0]


def sign_link(purpose: str, **values) -> str:
    """A token for an emailed link (approve, spam, unsubscribe), spendable once."""
    return signing.dumps({"do": purpose, "n": secrets.token_urlsafe(9), **values}, salt=LINK_SALT)


def read_link(token: str, max_age_days: int = 30) -> dict | None:
    try:
        return signing.loads(token, salt=LINK_SALT, max_age=max_age_days * 86400)
    except signing.BadSignature:
        return None
