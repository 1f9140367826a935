"""Sending webmentions and pingbacks for the links in newly published posts, in the background.

Each link of a post is tried once: its key is spent when the task tries it, so editing a post
pings only the links it did not have. Imports and demo content can stay quiet with `quiet()`.
"""

import logging
import xml.parsers.expat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlencode, urlsplit

from defusedxml import DefusedXmlException
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task

from byline.content.models import Post
from byline.responses.fetch import FetchError, fetch
from byline.responses.sources import discover_endpoints, normalize_url, split_url
from byline.responses.targets import absolute_url, own_hosts
from byline.responses.tokens import is_spent, spend

log = logging.getLogger(__name__)

# Older posts are not "newly published": saving them (an import, an edit) sends nothing.
PING_WITHIN = timezone.timedelta(days=7)
MAX_LINKS = 30
ANSWER_BYTES = 64 * 1024
SPENT_FOR = 20 * 365 * 86400.0  # a link, once pinged, stays pinged

_quiet: ContextVar[bool] = ContextVar("byline_quiet_pings", default=False)


@contextmanager
def quiet() -> Iterator[None]:
    """Save posts without pinging their links (imports, demo content)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def is_quiet() -> bool:
    """Whether saves are within `quiet()` (an import, demo content): nothing is sent."""
    return _quiet.get()


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href.strip())


def links_in(post: Post) -> list[str]:
    """The other sites' pages `post` links to, in order, each once (at most 30)."""
    parser = _Anchors()
    parser.feed(post.body_html)
    parser.close()
    ours, seen, links = own_hosts(), set(), []
    for href in parser.hrefs:
        parts = split_url(href)
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            continue
        url = urldefrag(href)[0]
        if urlsplit(normalize_url(url)).netloc in ours or normalize_url(url) in seen:
            continue
        seen.add(normalize_url(url))
        links.append(url)
    return links[:MAX_LINKS]


def _key(post: Post, url: str) -> str:
    return f"pinged:{post.pk}:{normalize_url(url)}"


def unsent_links(post: Post) -> list[str]:
    return [url for url in links_in(post) if not is_spent(_key(post, url))]


def is_newly_published(post: Post) -> bool:
    return post.is_live and post.published_at >= timezone.now() - PING_WITHIN


@receiver(post_save, sender=Post, dispatch_uid="byline_queue_pings")
def queue_pings(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    """After a post is saved live: ping its new links once the save is committed."""
    if raw or is_quiet() or not is_newly_published(instance) or not unsent_links(instance):
        return
    post_id = instance.pk
    transaction.on_commit(lambda: send_pings.enqueue(post_id))


def queue_due_pings() -> int:
    """Queue pings for posts that went live without a save (scheduled ones); how many."""
    since = timezone.now() - PING_WITHIN
    due = [p.pk for p in Post.objects.live().filter(published_at__gte=since) if unsent_links(p)]
    for post_id in due:
        send_pings.enqueue(post_id)
    return len(due)


@task()
def send_pings(post_id: int) -> dict[str, str]:
    """Ping each link of the post not pinged before; says what each target answered."""
    post = Post.objects.live().filter(pk=post_id).first()
    if post is None:
        return {}
    source, results = absolute_url(post), {}
    for url in links_in(post):
        if spend(_key(post, url), SPENT_FOR):
            results[url] = ping(source, url)
            log.info("pinged %s from %s: %s", url, source, results[url])
    return results


def ping(source: str, target: str) -> str:
    """Tell `target` that `source` links to it, by webmention and pingback where it takes them."""
    try:
        page = fetch(target)
    except FetchError as exc:
        return f"not fetched: {exc}"
    endpoints = discover_endpoints(page)
    said = []
    if endpoints.webmention:
        said.append(f"webmention {send_webmention(endpoints.webmention, source, target)}")
    if endpoints.pingback:
        said.append(f"pingback {send_pingback(endpoints.pingback, source, target)}")
    return "; ".join(said) or "no webmention or pingback endpoint"


def send_webmention(endpoint: str, source: str, target: str) -> str:
    data = urlencode({"source": source, "target": target}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    try:
        answer = fetch(endpoint, "POST", data, headers, max_bytes=ANSWER_BYTES)
    except FetchError as exc:
        return f"failed: {exc}"
    return f"answered HTTP {answer.status}"


def send_pingback(endpoint: str, source: str, target: str) -> str:
    # Imported here: most web workers never send a pingback, and these modules take megabytes
    # in each (defusedxml's parser loads xmlrpc.server and pydoc).
    import xmlrpc.client

    from defusedxml.xmlrpc import DefusedExpatParser

    call = xmlrpc.client.dumps((source, target), "pingback.ping").encode()
    headers = {"Content-Type": "text/xml; charset=utf-8"}
    try:
        answer = fetch(endpoint, "POST", call, headers, max_bytes=ANSWER_BYTES)
    except FetchError as exc:
        return f"failed: {exc}"
    unmarshaller = xmlrpc.client.Unmarshaller()
    parser = DefusedExpatParser(unmarshaller, forbid_dtd=True)
    try:
        parser.feed(answer.body)
        parser.close()
        unmarshaller.close()
    except xmlrpc.client.Fault as fault:
        return f"fault {fault.faultCode}: {fault.faultString}"
    except (DefusedXmlException, xml.parsers.expat.ExpatError, xmlrpc.client.Error, ValueError):
        return f"answered HTTP {answer.status}, not XML-RPC"
    return "registered"
