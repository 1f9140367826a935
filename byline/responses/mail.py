"""Notification emails: a new response for the post's author, a held one for the moderators
(with signed single-use approve and spam links), a reply for a commenter who asked."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.urls import reverse
from django_tasks import task

from byline.content.models import Site
from byline.responses.models import Discussion, Response
from byline.responses.tokens import sign_link

log = logging.getLogger(__name__)


@task()
def deliver(
    subject: str, body: str, to: list[str], headers: dict[str, str] | None = None, html: str = ""
) -> int:
    """Send one message (in the background worker), with `html` as its other form when
    given; returns how many went out."""
    message = EmailMultiAlternatives(subject, body, to=to, headers=headers or {})
    if html:
        message.attach_alternative(html, "text/html")
    return message.send(fail_silently=False)


def _send(subject: str, body: str, to: list[str], headers: dict[str, str] | None = None) -> None:
    recipients = sorted({address for address in to if address})
    if recipients:
        deliver.enqueue(subject, body, recipients, headers or {})


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _response_url(response: Response) -> str:
    # Resolved when followed: the page of responses holding it can change after the mail.
    return _absolute(reverse("response_link", args=[response.pk]))


def _link(action: str, response: Response) -> str:
    return _absolute(f"/responses/act/{sign_link(action, r=response.pk)}/")


def _kind(response: Response) -> str:
    return "Post" if response.post_id else "Page"


def _summary(response: Response) -> str:
    lines = [
        f"{_kind(response)}: {response.entry.title}",
        f"Author: {response.author_name} <{response.author_email or 'no email'}>",
        f"Website: {response.author_url or '-'}",
        f"Address: {response.author_ip or '-'}",
        "",
        response.text,
        "",
    ]
    return "\n".join(lines)


def moderator_addresses() -> list[str]:
    listed = [line.strip() for line in Discussion.current().moderator_emails.splitlines()]
    if any(listed):
        return [a for a in listed if a]
    staff = get_user_model().objects.filter(is_active=True).exclude(email="")
    staff = staff.filter(Q(is_superuser=True) | Q(groups__name="editor")).distinct()
    return list(staff.values_list("email", flat=True))


def notify_moderators(response: Response) -> None:
    site = Site.current()
    reasons = "; ".join(response.guard_reasons) or "held by policy"
    body = (
        f"A new {response.get_type_display().lower()} on {site.title} awaits moderation "
        f"({reasons}).\n\n{_summary(response)}"
        f"Approve it: {_link('approve', response)}\n"
        f"Mark it as spam: {_link('spam', response)}\n"
        f"All held responses: {_absolute(f'/{settings.ADMIN_PATH}/byline_responses/response/')}\n"
    )
    _send(f"[{site.title}] Please moderate: {response.entry.title}", body, moderator_addresses())


def notify_author(response: Response) -> None:
    author = response.entry.author
    if not author.email or (response.user_id and response.user_id == author.pk):
        return
    site = Site.current()
    body = (
        f"New {response.get_type_display().lower()} on your {_kind(response).lower()} "
        f"“{response.entry.title}”.\n\n"
        f"{_summary(response)}Read it: {_response_url(response)}\n"
    )
    _send(f"[{site.title}] New response: {response.entry.title}", body, [author.email])


def notify_reply(response: Response) -> None:
    """Tell the author of the response replied to, if they asked to know."""
    parent = response.parent
    if parent is None or not parent.notify_replies or not parent.author_email:
        return
    if parent.author_email.lower() == (response.author_email or "").lower():
        return
    site = Site.current()
    unsubscribe = _link("unsubscribe", parent)
    body = (
        f"{response.author_name} replied to your response on “{response.entry.title}”:\n\n"
        f"{response.text}\n\nRead the discussion: {_response_url(response)}\n\n"
        f"Stop these emails: {unsubscribe}\n"
    )
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    _send(f"[{site.title}] New reply to your response", body, [parent.author_email], headers)
