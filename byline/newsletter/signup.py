"""Asking to follow by email, and the links that confirm and end it.

A request records the address and mails it a link, valid for a week: only its owner can
confirm. Whatever the address, the reader is told the same (a stranger learns nothing of who
follows the site). An address gets at most one confirmation mail a day, and one network
address may ask for a few addresses an hour, so the form cannot be used to flood a mailbox.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError
from django.utils import timezone

from byline.newsletter.models import Subscriber
from byline.responses.tokens import read_link, sign_link, spend

CONFIRM_DAYS = 7
LEAVE_DAYS = 3650  # an unsubscribe link works for as long as mail is kept
ASKS_PER_HOUR = 5  # new addresses from one network address
CONFIRM = "newsletter-confirm"
LEAVE = "newsletter-leave"


class Refused(Exception):
    """A request to subscribe that is not taken: what the reader is told, and the status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message, self.status = message, status


def valid_address(raw: str) -> str:
    """The address as kept (trimmed, in lower case), or Refused."""
    address = raw.strip().lower()
    if not address:
        raise Refused("Please enter your email address.")
    try:
        if len(address) > 254:  # the longest an address can be used (RFC 5321's path)
            raise ValidationError("too long")
        validate_email(address)
    except ValidationError:
        raise Refused("That does not look like an email address. Please check it.") from None
    return address


def ask(raw: str, ip: str | None) -> Subscriber | None:
    """Record a request to follow; the subscriber to mail a confirmation to, or None when none
    is due (confirmed already, or mailed within the day)."""
    address = valid_address(raw)
    subscriber = Subscriber.objects.filter(email=address).first()
    if subscriber is None:
        hour_ago = timezone.now() - timezone.timedelta(hours=1)
        if ip and Subscriber.objects.filter(ip=ip, subscribed_at__gte=hour_ago).count() >= (
            ASKS_PER_HOUR
        ):
            raise Refused("Too many addresses from your network: please try in an hour.", 429)
        try:
            subscriber = Subscriber.objects.create(email=address, ip=ip)
        except IntegrityError:  # the same address, asked twice at once
            return None
    if subscriber.confirmed or not spend(f"{CONFIRM}:{address}", 86400):
        return None
    return subscriber


def confirm_link(subscriber: Subscriber) -> str:
    return sign_link(CONFIRM, e=subscriber.email)


def leave_link(subscriber: Subscriber) -> str:
    return sign_link(LEAVE, e=subscriber.email)


def read(token: str, purpose: str) -> str | None:
    """The address a link of `purpose` names, if it is genuine and in time."""
    days = CONFIRM_DAYS if purpose == CONFIRM else LEAVE_DAYS
    data = read_link(token, max_age_days=days) or {}
    address = data.get("e")
    return address if data.get("do") == purpose and isinstance(address, str) else None


def confirm(address: str) -> None:
    """The address follows the site (again, if it left since the link was mailed)."""
    now = timezone.now()
    subscriber, _created = Subscriber.objects.get_or_create(email=address)
    if not subscriber.confirmed:
        subscriber.confirmed, subscriber.confirmed_at = True, now
        subscriber.save(update_fields=["confirmed", "confirmed_at"])


def leave(address: str) -> None:
    """Nothing is kept of the address."""
    Subscriber.objects.filter(email=address).delete()
