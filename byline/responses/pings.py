"""Receiving pingbacks (XML-RPC), trackbacks and webmentions.

Each is checked against this site's posts before anything is fetched, then its source is
fetched (safely, see `fetch`) and must link to the target; the guard judges it like a comment
and it lands in the same inbox. Pingbacks and trackbacks are answered once verified; a
webmention is accepted with 202 and verified by a background task, as the W3C advises.
"""

import logging
import xml.parsers.expat
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from defusedxml import DefusedXmlException
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import resolve
from django.utils.html import strip_tags
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_tasks import task

from byline.content.models import Post
from byline.responses import guard, moderation
from byline.responses.fetch import FetchError, check_url, fetch
from byline.responses.guard import Outcome, Submission, judge
from byline.responses.models import Discussion, Response, ResponseStatus, ResponseType
from byline.responses.sources import SourcePage, normalize_url, read_source, split_url
from byline.responses.targets import absolute_url, post_at, post_for_url

log = logging.getLogger(__name__)

MAX_CALL_BYTES = 64 * 1024
MAX_URL = 500  # what Response.author_url holds
# Fault codes of the Pingback 1.0 specification, and XML-RPC's own.
GENERIC = 0
SOURCE_NOT_FOUND = 16
NO_LINK = 17
TARGET_NOT_FOUND = 32
TARGET_UNUSABLE = 33
ALREADY_REGISTERED = 48
ACCESS_DENIED = 49
PARSE_ERROR = -32700
NO_METHOD = -32601
BAD_PARAMS = -32602
# A guard rejection, by its HTTP status, as a pingback fault and the words the sender reads.
GUARD_FAULTS = {
    403: (TARGET_UNUSABLE, "The target does not take pings."),
    409: (ALREADY_REGISTERED, "This ping is already registered."),
    429: (ACCESS_DENIED, "Too many pings from your address; try again later."),
}


class Refusal(Exception):
    """A ping that is not stored: the pingback fault code, HTTP status and message to send."""

    def __init__(self, fault: int, message: str, status: int = 400, gone: bool = False) -> None:
        super().__init__(message)
        self.fault, self.message, self.status, self.gone = fault, message, status, gone


def _is_web_url(url: str) -> bool:
    parts = split_url(url)
    return parts is not None and parts.scheme in ("http", "https") and bool(parts.hostname)


def _guard_refusal(status: int) -> Refusal:
    fault, message = GUARD_FAULTS.get(status, (ACCESS_DENIED, "This ping was refused."))
    return Refusal(fault, message, status if status in GUARD_FAULTS else 400)


def check(
    kind: str,
    source: str,
    target: str,
    ip: str | None,
    request_host: str = "",
    post: Post | None = None,
) -> Post:
    """The post a ping names, when it may take it; Refusal otherwise. Only looks up the
    source's address (to refuse private ones), fetches nothing."""
    if not (_is_web_url(source) and _is_web_url(target)):
        raise Refusal(GENERIC, "The source and the target must be http or https URLs.")
    if len(source) > MAX_URL:
        raise Refusal(GENERIC, f"The source URL is longer than {MAX_URL} characters.")
    if normalize_url(source) == normalize_url(target):
        raise Refusal(GENERIC, "The source and the target are the same page.")
    post = post or post_for_url(target, request_host)
    if post is None:
        raise Refusal(TARGET_NOT_FOUND, "The target is not a post on this site.")
    sub = Submission(entry=post, text="", name="", url=source, ip=ip, type=kind)
    discussion = Discussion.current()
    for rule in guard.RULES:
        if rule.outcome != Outcome.REJECT or rule.forms_only:
            continue
        if kind == ResponseType.WEBMENTION and rule.check is guard.not_duplicate:
            continue  # a webmention sent again is an update, handled once verified
        ok, reason = rule.check(sub, discussion)
        if not ok:
            log.info("%s from %s refused by the guard: %s", kind, source, reason)
            raise _guard_refusal(rule.http_status)
    try:
        check_url(source)  # a source on a private address is refused before anything is queued
    except FetchError as exc:
        raise Refusal(SOURCE_NOT_FOUND, f"The source cannot be fetched: {exc}.") from None
    return post


def read(source: str) -> SourcePage:
    """The source page, fetched and parsed; Refusal when it cannot be had."""
    try:
        page = fetch(source)
    except FetchError as exc:
        raise Refusal(SOURCE_NOT_FOUND, f"The source could not be fetched: {exc}.") from None
    if page.status >= 400:
        gone = page.status in (404, 410)
        raise Refusal(SOURCE_NOT_FOUND, f"The source answered HTTP {page.status}.", gone=gone)
    return read_source(page)


def _clean(text: str, limit: int) -> str:
    return " ".join(strip_tags(text).split())[:limit]


def accept(
    kind: str,
    post: Post,
    source: str,
    targets: set[str],
    ip: str | None,
    user_agent: str = "",
    name: str = "",
    excerpt: str = "",
) -> Response:
    """Fetch the source, insist that it links to a target, judge and store it."""
    page = read(source)
    if not page.links_to(targets):
        raise Refusal(NO_LINK, "The source does not link to the target.")
    sub = Submission(
        entry=post,
        text=f"[…] {excerpt} […]" if excerpt else page.excerpt(targets),
        name=name or page.title or (urlsplit(source).hostname or source),
        url=source,
        ip=ip,
        user_agent=user_agent,
        type=kind,
    )
    verdict = judge(sub)
    if verdict.outcome == Outcome.REJECT:
        log.info("%s from %s refused by the guard: %s", kind, source, verdict.reasons)
        raise _guard_refusal(verdict.http_status)
    with transaction.atomic():
        response = moderation.store(sub, verdict, owner_key="")
    log.info("%s from %s stored on post %s as %s", kind, source, post.pk, response.status)
    return response


def _ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _user_agent(request: HttpRequest) -> str:
    return request.headers.get("User-Agent", "")[:500]


def advertise(response: HttpResponse) -> HttpResponse:
    """Tell linking sites where this site takes webmentions and pingbacks (HTTP headers)."""
    response["Link"] = f'<{settings.SITE_URL}/webmention/>; rel="webmention"'
    response["X-Pingback"] = f"{settings.SITE_URL}/xmlrpc.php"
    return response


# XML-RPC: pingback.ping


def parse_call(body: bytes) -> tuple[str, tuple]:
    """(method, params) of an XML-RPC call; Refusal for anything malformed or with a DTD."""
    if len(body) > MAX_CALL_BYTES:
        raise Refusal(PARSE_ERROR, "parse error. request too large")
    # Imported here, as in `_xmlrpc`: most web workers never see a ping, and the XML-RPC
    # modules (defusedxml's loads xmlrpc.server and pydoc) take megabytes in each.
    import xmlrpc.client

    from defusedxml.xmlrpc import DefusedExpatParser

    unmarshaller = xmlrpc.client.Unmarshaller()
    # No DTD at all: XML-RPC never needs one, and entity tricks (billion laughs) live there.
    parser = DefusedExpatParser(unmarshaller, forbid_dtd=True)
    try:
        parser.feed(body)
        parser.close()
        params = unmarshaller.close()
    except (
        DefusedXmlException,
        xml.parsers.expat.ExpatError,
        xmlrpc.client.ResponseError,
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        LookupError,  # an encoding expat does not know
    ):
        raise Refusal(PARSE_ERROR, "parse error. not well formed") from None
    method = unmarshaller.getmethodname()
    if not method:
        raise Refusal(PARSE_ERROR, "parse error. not an XML-RPC method call")
    return method, params


def _xmlrpc(value) -> HttpResponse:
    import xmlrpc.client

    if isinstance(value, Refusal):
        body = xmlrpc.client.dumps(
            xmlrpc.client.Fault(value.fault, value.message), encoding="utf-8"
        )
    else:
        body = xmlrpc.client.dumps((value,), methodresponse=True, encoding="utf-8")
    return HttpResponse(body.encode(), content_type="text/xml; charset=utf-8")


@csrf_exempt
@require_POST
def xmlrpc_endpoint(request: HttpRequest) -> HttpResponse:
    """`/xmlrpc.php`: `pingback.ping(source, target)`, verified before it is answered."""
    try:
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_CALL_BYTES:
            raise Refusal(PARSE_ERROR, "parse error. request too large")
        method, params = parse_call(request.body)
    except Refusal as refusal:
        return _xmlrpc(refusal)
    if method == "system.listMethods":
        return _xmlrpc(["pingback.ping", "system.listMethods"])
    if method != "pingback.ping":
        return _xmlrpc(Refusal(NO_METHOD, f"server error. requested method {method} not found"))
    if len(params) != 2 or not all(isinstance(p, str) for p in params):
        return _xmlrpc(Refusal(BAD_PARAMS, "pingback.ping takes a source and a target URL"))
    source, target = (p.strip() for p in params)
    ip = _ip(request)
    try:
        post = check(ResponseType.PINGBACK, source, target, ip, request.get_host())
        targets = {target, absolute_url(post)}
        accept(ResponseType.PINGBACK, post, source, targets, ip, _user_agent(request))
    except Refusal as refusal:
        log.info("pingback from %s to %s refused: %s", source, target, refusal.message)
        return _xmlrpc(refusal)
    return _xmlrpc(f"Pingback from {source} to {target} registered.")


# Trackback


def _trackback_answer(error: str = "") -> HttpResponse:
    inner = f"<error>1</error>\n<message>{escape(error)}</message>" if error else "<error>0</error>"
    body = f'<?xml version="1.0" encoding="utf-8"?>\n<response>\n{inner}\n</response>\n'
    return HttpResponse(body.encode(), content_type="text/xml; charset=utf-8")


@csrf_exempt
def trackback(request: HttpRequest, path: str = "") -> HttpResponse:
    """POST `<post URL>trackback/` (or `/wp-trackback.php?p=ID`): a trackback, verified."""
    if request.method != "POST":
        if not path:
            return HttpResponseNotAllowed(["POST"])
        # Readers' pages whose address ends in trackback/ (a post, a tag) open as usual.
        page = resolve(request.path_info, urlconf="byline.content.urls")
        return page.func(request, *page.args, **page.kwargs)
    source = request.POST.get("url", "").strip()
    if not source:
        return _trackback_answer("A trackback needs the url of the linking page.")
    post = post_at("/" + path, request.META.get("QUERY_STRING", ""))
    if post is None:
        return _trackback_answer("There is no such post here.")
    target, ip = absolute_url(post), _ip(request)
    as_requested = request.build_absolute_uri(target.removeprefix(settings.SITE_URL))
    title = _clean(request.POST.get("title", ""), 200)
    name = _clean(request.POST.get("blog_name", ""), 200) or title
    excerpt = _clean(request.POST.get("excerpt", ""), 300)
    try:
        check(ResponseType.TRACKBACK, source, target, ip, post=post)
        targets = {target, as_requested}
        accept(ResponseType.TRACKBACK, post, source, targets, ip, _user_agent(request), name,
               excerpt)  # fmt: skip
    except Refusal as refusal:
        log.info("trackback from %s to post %s refused: %s", source, post.pk, refusal.message)
        return _trackback_answer(refusal.message)
    return _trackback_answer()


# Webmention


def _plain(status: int, text: str) -> HttpResponse:
    return HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")


@csrf_exempt
@require_POST
def webmention_endpoint(request: HttpRequest) -> HttpResponse:
    """`/webmention/`: checked at once (400 when it cannot be right), verified in the background."""
    source = request.POST.get("source", "").strip()
    target = request.POST.get("target", "").strip()
    if not source or not target:
        return _plain(400, "A webmention needs a source and a target URL.")
    ip = _ip(request)
    try:
        post = check(ResponseType.WEBMENTION, source, target, ip, request.get_host())
    except Refusal as refusal:
        log.info("webmention from %s to %s refused: %s", source, target, refusal.message)
        return _plain(refusal.status, refusal.message)
    verify_webmention.enqueue(source, target, post.pk, ip, _user_agent(request))
    return _plain(202, "Accepted: the source will be fetched and checked for a link to the target.")


def _update(existing: Response, source: str, targets: set[str]) -> str:
    """A webmention sent again: the source changed, or was deleted, or stopped linking."""
    try:
        page = read(source)
        linked = page.links_to(targets)
    except Refusal as refusal:
        if not refusal.gone:
            return f"kept: {refusal.message}"
        page, linked = None, False
    shown = existing.status in (ResponseStatus.PENDING, ResponseStatus.APPROVED)
    if not linked:
        if shown:
            moderation.trash(existing)
        return "removed: the source no longer links to the target"
    if page is None or not shown:
        return f"unchanged ({existing.status})"
    name, text = page.title or existing.author_name, page.excerpt(targets)
    if (name, text) != (existing.author_name, existing.text):
        existing.author_name, existing.text = name[:200], text
        existing.save(update_fields=["author_name", "text", "text_html"])
        moderation.edited(existing)
    return "updated"


@task()
def verify_webmention(
    source: str, target: str, post_id: int, ip: str | None, user_agent: str = ""
) -> str:
    """Fetch a webmention's source; store it when it links to the target. Says what it did."""
    post = Post.objects.live().filter(pk=post_id).first()
    if post is None:
        return "refused: the target post is gone"
    targets = {target, absolute_url(post)}
    existing = Response.objects.filter(
        post=post, type=ResponseType.WEBMENTION, author_url=source
    ).first()
    try:
        if existing is not None:
            return _update(existing, source, targets)
        response = accept(ResponseType.WEBMENTION, post, source, targets, ip, user_agent)
    except Refusal as refusal:
        log.info("webmention from %s to %s refused: %s", source, target, refusal.message)
        return f"refused: {refusal.message}"
    return f"stored as {response.status}"
