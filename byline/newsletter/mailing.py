"""The mail of following by email: the confirmation, and each newly published post, mailed once
to every confirmed subscriber in the background, with a one-click unsubscribe (RFC 8058)."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django_tasks import task
from markupsafe import Markup

from byline.content.markup import plain_text
from byline.content.models import Post, Site
from byline.feeds.rss import absolute_addresses
from byline.newsletter import signup
from byline.newsletter.models import Subscriber
from byline.responses.mail import deliver
from byline.responses.outbox import is_newly_published, is_quiet
from byline.responses.targets import absolute_url
from byline.responses.tokens import is_spent, spend
from byline.theme.jinja import format_date, render

SPENT_FOR = 20 * 365 * 86400.0  # a post, once mailed, stays mailed
TEASER = 600  # characters of the post's start in its mail


def _key(post_id: int) -> str:
    return f"newsletter-post:{post_id}"


def _address(path: str) -> str:
    return settings.SITE_URL + path


def _line(text: str) -> str:
    # A subject is one line: a title imported with a line break in it would stop the mail.
    return " ".join(text.split())


def send_confirmation(subscriber: Subscriber) -> None:
    site = Site.current()
    link = _address(f"/subscribe/confirm/{signup.confirm_link(subscriber)}/")
    text = (
        f"Someone, we hope you, asked to get each new post of {site.title} ({settings.SITE_URL})"
        f" by email at this address.\n\nTo confirm, open this link within"
        f" {signup.CONFIRM_DAYS} days:\n{link}\n\n"
        "If it was not you, there is nothing to do: you will not hear from us again.\n"
    )
    subject = _line(f"Confirm your subscription to {site.title}")
    deliver.enqueue(subject, text, [subscriber.email], {})


LEAVE = "byline-leave-link"  # where each subscriber's own unsubscribe address goes


def post_mail(post: Post, site: Site) -> tuple[str, str, str]:
    """The subject, the text and the HTML of `post`'s mail; the footer of the text, and the
    unsubscribe address in the HTML (LEAVE), are each subscriber's own."""
    # The name the site shows under the post (the author box's), not the account's.
    profile = getattr(post.author, "profile", None)
    name = profile.display_name if profile else post.author.get_username()
    when = format_date(post.published_at, site.date_format, site.tzinfo, site.language)
    address = absolute_url(post)
    if post.password:
        start = "This post is protected by a password: open it to read it."
    else:
        teaser = plain_text(post.excerpt or post.teaser_html)
        start = teaser if len(teaser) <= TEASER else teaser[:TEASER].rsplit(" ", 1)[0] + " …"
    text = f"{post.title}\n{name} · {when}\n\n{start}\n\nRead it: {address}\n"
    image = post.featured_image if not post.password else None
    context = {
        "site": site,
        "site_url": settings.SITE_URL,
        "post": post,
        "author": name,
        "when": when,
        "address": address,
        # The teaser is sanitised HTML; mail needs whole addresses for its links and images.
        "teaser": Markup(absolute_addresses(post.teaser_html, settings.SITE_URL)),
        "image": settings.SITE_URL + image.file.url if image and image.file else "",
        "alt": post.alt,
        "leave": LEAVE,
    }
    return _line(post.title), text, render("newsletter_post_mail.html", context)


def _footer(site: Site, leave: str) -> str:
    return (
        f"\n--\nYou get this because you follow {site.title} ({settings.SITE_URL}) by email."
        f"\nUnsubscribe with one click: {leave}\n"
    )


@task()
@transaction.atomic  # stopped on the way, nothing is marked sent: run again, it mails everyone
def send_post(post_id: int) -> int:
    """Mail a newly published post to every confirmed subscriber, once; how many."""
    found = Post.objects.live().filter(pk=post_id)
    post = found.select_related("author", "featured_image").first()
    if post is None or not spend(_key(post_id), SPENT_FOR):
        return 0
    site = Site.current()
    subject, text, html = post_mail(post, site)
    sent = 0
    for subscriber in Subscriber.objects.filter(confirmed=True).iterator():
        leave = _address(f"/subscribe/leave/{signup.leave_link(subscriber)}/")
        headers = {
            "List-Unsubscribe": f"<{leave}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        own = text + _footer(site, leave)
        deliver.enqueue(subject, own, [subscriber.email], headers, html.replace(LEAVE, leave))
        sent += 1
    return sent


def _published(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    """A post saved live for the first time is mailed once the save is committed. One
    imported, or published while the site took no subscribers, is never mailed."""
    if raw or not is_newly_published(instance) or is_spent(_key(instance.pk)):
        return
    if is_quiet() or not Site.current().email_subscriptions:  # an import, or none taken
        spend(_key(instance.pk), SPENT_FOR)
        return
    post_id = instance.pk
    transaction.on_commit(lambda: send_post.enqueue(post_id))


def connect() -> None:
    post_save.connect(_published, sender=Post, dispatch_uid="newsletter_post")
