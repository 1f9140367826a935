"""Password-protected posts and pages, as in WordPress: the text shows once the reader gives
the password, which is remembered (as a keyed hash, never in clear) in one cookie for ten days.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

COOKIE = "byline_postpass"
COOKIE_AGE = 10 * 24 * 3600  # WordPress keeps it ten days too


def password_key(password: str) -> str:
    return salted_hmac("byline.content.protected", password).hexdigest()


def is_locked(request: HttpRequest | None, entry) -> bool:
    """Whether `entry` has a password this reader has not given."""
    if not entry.password:
        return False
    given = request.COOKIES.get(COOKIE, "") if request is not None else ""
    return not (given and constant_time_compare(given, password_key(entry.password)))


def protect(response: HttpResponse, entry) -> HttpResponse:
    """No shared cache may keep a protected entry: what it shows depends on the cookie."""
    if entry.password:
        response["Cache-Control"] = "private, no-store"
        response["Vary"] = "Cookie"
    return response


# Setting a reader's post-password cookie from another site gains an attacker nothing.
@csrf_exempt
@require_POST
def entry_password(request: HttpRequest) -> HttpResponse:
    """The password form's target: remember the password, back to the entry."""
    back = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "/"
    response = HttpResponseRedirect(back)
    response.set_cookie(
        COOKIE,
        password_key(request.POST.get("post_password", "")[:255]),
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    response["Cache-Control"] = "no-store"
    return response
