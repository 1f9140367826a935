"""The browser cookie that lets a poster see their own responses while they await moderation,
and the one that remembers their name, email and website when they ask."""

import hashlib
import json
import secrets
from urllib.parse import quote, unquote

from django.http import HttpRequest, HttpResponse

OWNER_COOKIE = "byline_responder"
REMEMBER_COOKIE = "byline_commenter"
HELD_COOKIE = "byline_held"
HELD_SECONDS = 3 * 86400
YEAR = 365 * 86400


def owner_key(request: HttpRequest) -> str:
    """The stored form of this browser's owner cookie, or '' when it has none."""
    value = request.COOKIES.get(OWNER_COOKIE, "")
    return hashlib.sha256(value.encode()).hexdigest() if len(value) >= 20 else ""


def ensure_owner(request: HttpRequest, response: HttpResponse) -> str:
    """This browser's owner key, setting a new cookie on `response` when needed."""
    key = owner_key(request)
    if key:
        return key
    value = secrets.token_urlsafe(24)
    response.set_cookie(OWNER_COOKIE, value, max_age=YEAR, httponly=True, samesite="Lax")
    return hashlib.sha256(value.encode()).hexdigest()


def remember(response: HttpResponse, name: str, email: str, url: str) -> None:
    # Read by the page's script to fill the form in, so it cannot be HttpOnly.
    data = json.dumps({"author": name, "email": email, "url": url})
    response.set_cookie(REMEMBER_COOKIE, quote(data, safe=""), max_age=YEAR, samesite="Lax")


def forget(response: HttpResponse) -> None:
    response.delete_cookie(REMEMBER_COOKIE, samesite="Lax")


def remembered(request: HttpRequest) -> dict[str, str]:
    try:
        data = json.loads(unquote(request.COOKIES.get(REMEMBER_COOKIE, "") or "{}"))
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    found = {k: str(data.get(k, ""))[:500] for k in ("author", "email", "url")}
    return found if any(found.values()) else {}
