"""Moderation decisions: store a judged response, approve, spam, trash, restore, purge.

Every decision teaches the classifier (approve and "not spam" are ham), tells the people who
asked to know, and announces the change so pages showing the post can be brought up to date.
"""

from django.db import transaction
from django.db.models import Q, QuerySet
from django.dispatch import Signal
from django.utils import timezone

from byline.content import snapshot
from byline.responses import classifier, mail
from byline.responses.entries import on
from byline.responses.guard import Submission, Verdict
from byline.responses.models import Discussion, Response, ResponseStatus

# Sent with `response` whenever a response is stored or changes status or text.
response_changed = Signal()


def store(sub: Submission, verdict: Verdict, owner_key: str, notify: bool = False) -> Response:
    """Save a judged submission; a 2xx may only follow this returning."""
    response = Response.objects.create(
        **on(sub.entry),
        parent=sub.parent,
        type=sub.type,
        status=verdict.status,
        author_name=sub.name[:200],
        author_email=sub.email,
        author_url=sub.url,
        author_ip=sub.ip,
        user_agent=sub.user_agent[:500],
        user=sub.user,
        created_at=timezone.now(),
        text=sub.text,
        guard_reasons=verdict.reasons,
        spam_score=verdict.score,
        notify_replies=notify and bool(sub.email),
        owner_key=owner_key,
    )
    transaction.on_commit(lambda: _announce_new(response))
    return response


def _announce_new(response: Response) -> None:
    response_changed.send(sender=Response, response=response)
    settings = snapshot.current().discussion
    if response.status == ResponseStatus.APPROVED:
        if settings.notify_author:
            mail.notify_author(response)
        mail.notify_reply(response)
    elif response.status == ResponseStatus.PENDING and settings.notify_moderator:
        mail.notify_moderators(response)


def _learn(response: Response, as_spam: bool) -> None:
    label = "spam" if as_spam else "ham"
    if response.learned_as == label:
        return
    fields = {"name": response.author_name, "email": response.author_email}
    if response.learned_as:
        classifier.learn(response.text, response.learned_as == "spam", unlearn=True, **fields)
    classifier.learn(response.text, as_spam, url=response.author_url, **fields)
    response.learned_as = label


PUT_AWAY = (ResponseStatus.SPAM, ResponseStatus.TRASH)


def _set_status(
    response: Response, status: str, learn: bool | None = None, notify: bool = True
) -> Response:
    with transaction.atomic():
        was = response.status
        response.status = status
        fields = ["status", "learned_as"]
        if status in PUT_AWAY and status != was:
            response.status_changed_at = timezone.now()
            fields.append("status_changed_at")
            if status == ResponseStatus.TRASH:
                response.trashed_from = was
                fields.append("trashed_from")
        elif was == ResponseStatus.TRASH and status != was:
            response.trashed_from = ""  # out of the Trash: nothing to go back to
            fields.append("trashed_from")
        if learn is not None:
            _learn(response, learn)
        response.save(update_fields=fields)
    response_changed.send(sender=Response, response=response)
    if notify and status == ResponseStatus.APPROVED and was != ResponseStatus.APPROVED:
        if Discussion.current().notify_author:
            mail.notify_author(response)
        mail.notify_reply(response)
    return response


def approve(response: Response) -> Response:
    """Publish it; the classifier learns it is not spam."""
    return _set_status(response, ResponseStatus.APPROVED, learn=False)


def mark_spam(response: Response) -> Response:
    return _set_status(response, ResponseStatus.SPAM, learn=True)


def mark_not_spam(response: Response) -> Response:
    """Out of the spam folder and onto the page; the classifier learns it was wrong."""
    return _set_status(response, ResponseStatus.APPROVED, learn=False)


def trash(response: Response) -> Response:
    return _set_status(response, ResponseStatus.TRASH)


def restore(response: Response) -> Response:
    """Back from the Trash to the status it had (to the moderation queue when that is not
    known: trashed in WordPress, or by Disqus). Nobody is told again of what they heard of.
    A response not in the Trash stays as it is."""
    if response.status != ResponseStatus.TRASH:
        return response
    status = response.trashed_from or ResponseStatus.PENDING
    if status == ResponseStatus.TRASH:
        status = ResponseStatus.PENDING
    return _set_status(response, status, notify=False)


def edited(response: Response) -> None:
    """After a moderator edits a response's text or author."""
    response_changed.send(sender=Response, response=response)


def purge_old(days: int | None = None) -> int:
    """Delete what went to the spam folder or the Trash longer ago than the discussion
    setting (30 days by default): counted from that moment, not from the response's date."""
    days = Discussion.current().purge_after_days if days is None else days
    cutoff = timezone.now() - timezone.timedelta(days=days)
    put_away = Q(status_changed_at__lt=cutoff)
    # Put away before the moment was kept (migration 0006): by their date, as then.
    put_away |= Q(status_changed_at__isnull=True, created_at__lt=cutoff)
    old: QuerySet = Response.objects.filter(put_away, status__in=PUT_AWAY)
    return old.delete()[0]
