"""Posting a response from the "Leave a Reply" form, a fresh form token, and emailed links."""

import logging

from django.conf import settings as project
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from byline import conf
from byline.content import snapshot
from byline.content.links import Links
from byline.content.models import Site
from byline.content.threads import page_of_response
from byline.content.views import themed
from byline.responses import guard, moderation
from byline.responses.entries import Entry, entry_key, live_entry, on
from byline.responses.forms import HONEYPOT, ResponseForm
from byline.responses.guard import Outcome, Submission, judge
from byline.responses.models import Response, ResponseStatus
from byline.responses.owner import HELD_COOKIE, HELD_SECONDS, ensure_owner, forget, remember
from byline.responses.tokens import (
    Replayed,
    issue_form_token,
    read_link,
    spend,
    spend_within_transaction,
)

log = logging.getLogger(__name__)
FRESH_SECONDS = 30


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _copy_origin() -> str:
    """The origin of the site's static copy (setting static_url), or '' when it has none."""
    return conf.origin_of(project.CONFIG.static_url)


def _refused(request, site: Site, entry: Entry | None, message: str, status: int, data=None):
    """The error page: what went wrong, and the form again with what was typed."""
    key = entry_key(entry) if entry else ""
    context = {
        "site": site,
        "entry": entry,
        "entry_key": key,
        "message": message,
        "data": data or {},
        "form_token": issue_form_token(key) if entry else "",
    }
    response = themed(request, "respond_error.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


# The form cannot carry a per-visitor CSRF token (pages are cached for everyone); the guard
# checks Origin / Sec-Fetch-Site and a signed form token instead.
@csrf_exempt
@require_POST
def respond(request: HttpRequest) -> HttpResponse:
    # The request's snapshot: settings checked against the site version once per request.
    shared = snapshot.current()
    site, settings = shared.site, shared.discussion
    data = request.POST
    form = ResponseForm(data, require_name_email=settings.require_name_email)
    # "post" names the post, or a page as "page-ID" (see byline.responses.entries).
    entry = live_entry(data.get("post", ""))
    if entry is None:
        return _refused(request, site, None, "This post is not open for responses.", 404)
    if not form.is_valid():
        message = " ".join(e for errors in form.errors.values() for e in errors)
        return _refused(request, site, entry, message, 400, data)
    clean = form.cleaned_data
    parent = None
    if clean["parent"]:
        parent = Response.objects.filter(
            pk=clean["parent"], status=ResponseStatus.APPROVED, **on(entry)
        ).first()
        if parent is None:
            return _refused(request, site, entry, "The response you replied to is gone.", 400, data)
    user = request.user if request.user.is_authenticated else None
    submission = Submission(
        entry=entry,
        text=clean["comment"],
        name=clean["author"] or (user.profile.display_name if user else ""),
        email=clean["email"] or (user.email if user else ""),
        url=clean["url"],
        ip=_client_ip(request),
        user_agent=request.headers.get("User-Agent", "")[:500],
        parent=parent,
        token=clean["token"],
        honeypot=clean[HONEYPOT],
        origin=request.headers.get("Origin", ""),
        sec_fetch_site=request.headers.get("Sec-Fetch-Site", ""),
        own_origin=request.get_host(),
        copy_origin=_copy_origin(),
        user=user,
    )
    verdict = judge(submission, settings)
    if verdict.outcome == Outcome.REJECT:
        reasons = verdict.reasons
        log.info("response refused on %s from %s: %s", entry_key(entry), submission.ip, reasons)
        if settings.keep_rejected_as_spam:
            moderation.store(submission, verdict, owner_key="")
        return _refused(request, site, entry, verdict.message, verdict.http_status, data)
    redirect = HttpResponseRedirect("/")  # the location is set once the response has an id
    redirect.status_code = 303
    key = ensure_owner(request, redirect)
    try:
        # The token is spent in the transaction that stores the response: one write for the
        # database's single writer, and of two requests racing with one token one is stored.
        with transaction.atomic():
            spend_within_transaction(guard.replay_key(submission), guard.replay_lifetime(settings))
            response = moderation.store(submission, verdict, owner_key=key, notify=clean["notify"])
    except Replayed:
        rule = guard.REPLAYED
        return _refused(request, site, entry, rule.message, rule.http_status, data)
    # To the page of responses that shows it, worked out by that request: with many
    # responses that takes a moment, which the poster's POST does not spend.
    redirect["Location"] = reverse("response_link", args=[response.pk])
    if submission.copy_origin and submission.origin == submission.copy_origin:
        # Sent from the static copy: back to its page, whose script says the response arrived.
        page = Links(site).entry(entry)
        state = "published" if response.status == ResponseStatus.APPROVED else "held"
        joint = "&" if "?" in page else "?"
        redirect["Location"] = f"{submission.copy_origin}{page}{joint}responded={state}#respond"
    if response.status != ResponseStatus.APPROVED:
        # While it waits, this browser's pages bypass the shared page store to show it.
        redirect.set_cookie(HELD_COOKIE, "1", max_age=HELD_SECONDS, httponly=True, samesite="Lax")
    elif HELD_COOKIE not in request.COOKIES:
        # Published: the stored page is renewed by the worker within a moment; until then
        # this browser bypasses the store so that the poster finds their response there.
        redirect.set_cookie(HELD_COOKIE, "1", max_age=FRESH_SECONDS, httponly=True, samesite="Lax")
    if clean["remember"]:
        remember(redirect, submission.name, submission.email, submission.url)
    elif "remember" in data or request.COOKIES.get("byline_commenter"):
        forget(redirect)
    return redirect


@require_GET
def show_response(request: HttpRequest, pk: int) -> HttpResponse:
    """Where a response is shown: the page of its post's or page's responses that holds it
    (a stable link for emails and the admin, as later pages shift when responses come and
    go). Only for a published entry, but to staff."""
    response = Response.objects.filter(pk=pk).first()
    entry = response.entry if response is not None else None
    if entry is not None and not request.user.is_staff:
        entry = live_entry(entry_key(entry))
    if entry is None:
        raise Http404("No such response.")
    shared = snapshot.current()
    settings = shared.discussion
    number = page_of_response(response, settings.thread_depth, settings.threads_per_page)
    location = f"{Links(shared.site).responses_page(entry, number)}#comment-{pk}"
    answer = HttpResponseRedirect(location)  # not permanent: the page changes
    answer["Cache-Control"] = "private, no-store"
    return answer


@never_cache
@require_GET
def form_token(request: HttpRequest) -> JsonResponse:
    """A fresh token for the form of one post or page (the page's script asks for it)."""
    raw = request.GET.get("post", "")
    if live_entry(raw) is None:
        answer = JsonResponse({"error": "no such post"}, status=404)
    else:
        # How long before the token may be sent (the guard refuses a form sent sooner): the
        # page's script holds a quick reader's response back that long.
        wait = snapshot.current().discussion.min_seconds
        answer = JsonResponse({"token": issue_form_token(raw), "wait": wait})
    copy = _copy_origin()
    if copy:
        # The static copy's script may read tokens (CORS); no other site's may.
        patch_vary_headers(answer, ["Origin"])
        if request.headers.get("Origin") == copy:
            answer["Access-Control-Allow-Origin"] = copy
    return answer


ACTIONS = {"approve": "Approve", "spam": "Mark as spam", "unsubscribe": "Unsubscribe"}


@csrf_exempt  # the signed single-use token in the URL is the proof
@never_cache
@require_http_methods(["GET", "POST"])
def emailed_link(request: HttpRequest, token: str) -> HttpResponse:
    """An action from an email: GET shows a button (mail scanners follow links), POST acts once."""
    site = Site.current()
    data = read_link(token)
    action = (data or {}).get("do", "")
    found = Response.objects.filter(pk=(data or {}).get("r", 0))
    response = found.select_related("post", "page").first()
    if action not in ACTIONS or response is None:
        return themed(request, "emailed_link.html", {"site": site, "state": "invalid"}, 400)
    context = {"site": site, "action": ACTIONS[action], "response": response, "token": token}
    if request.method == "GET":
        return themed(request, "emailed_link.html", context | {"state": "confirm"})
    if not spend(f"link:{data['n']}", 31 * 86400):
        return themed(request, "emailed_link.html", context | {"state": "used"}, 410)
    if action == "approve":
        moderation.approve(response)
    elif action == "spam":
        moderation.mark_spam(response)
    else:
        Response.objects.filter(
            author_email__iexact=response.author_email, notify_replies=True
        ).update(notify_replies=False)
    log.info("emailed link %s used for response %s at %s", action, response.pk, timezone.now())
    return themed(request, "emailed_link.html", context | {"state": "done"})
