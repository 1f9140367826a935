"""The pages of following by email: the sidebar form's answer, and the pages its two links open.

Links in mail are opened by scanners as well as readers, so GET shows a button and only its
POST confirms or unsubscribes; a mail client's one-click unsubscribe is that same POST.
"""

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from byline import conf
from byline.content.models import Site
from byline.content.views import themed
from byline.newsletter import mailing, signup
from byline.responses.guard import cross_site

log = logging.getLogger(__name__)
CROSS_SITE = "This form must be sent from this site's own pages."


def _page(request: HttpRequest, site: Site, state: str, status: int = 200, **context):
    return themed(request, "newsletter.html", {"site": site, "state": state, **context}, status)


def _cross_site(request: HttpRequest) -> bool:
    """A form posted from another site, by the rule the response form follows."""
    headers, copy = request.headers, conf.origin_of(settings.CONFIG.static_url)
    origin, fetch_site = headers.get("Origin", ""), headers.get("Sec-Fetch-Site", "")
    return bool(cross_site(origin, fetch_site, request.get_host(), copy))


@csrf_exempt
@never_cache
@require_POST
def subscribe(request: HttpRequest) -> HttpResponse:
    site = Site.current()
    if not site.email_subscriptions:
        return _page(request, site, "closed", 404)
    if _cross_site(request):
        return _page(request, site, "refused", 403, message=CROSS_SITE)
    if request.POST.get("website"):  # the field people do not see: a robot filled it
        return HttpResponseRedirect("/subscribe/sent/", status=303)
    try:
        subscriber = signup.ask(request.POST.get("email", ""), request.META.get("REMOTE_ADDR"))
    except signup.Refused as refused:
        typed = request.POST.get("email", "")[:254]  # shown again, to correct
        return _page(
            request, site, "refused", refused.status, message=refused.message, subscribe_email=typed
        )
    if subscriber is not None:
        mailing.send_confirmation(subscriber)
    return HttpResponseRedirect("/subscribe/sent/", status=303)


@never_cache
@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    return _page(request, Site.current(), "sent")


def _link_page(request: HttpRequest, token: str, purpose: str, ask: str, done: str):
    site = Site.current()
    address = signup.read(token, purpose)
    if address is None:
        return _page(request, site, "invalid", 400)
    if request.method == "GET":
        return _page(request, site, ask, email=address, token=token)
    if purpose == signup.CONFIRM:
        signup.confirm(address)
    else:
        signup.leave(address)
    log.info("newsletter: %s %s", done, address)
    return _page(request, site, done, email=address)


@csrf_exempt  # the signed token in the address is the proof
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    return _link_page(request, token, signup.CONFIRM, "confirm", "confirmed")


@csrf_exempt  # the signed token in the address is the proof; mail clients post it in one click
@never_cache
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, token: str) -> HttpResponse:
    return _link_page(request, token, signup.LEAVE, "leave", "left")
