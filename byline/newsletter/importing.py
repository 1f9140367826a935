"""Subscribers brought from another platform: the CSV file of addresses that WordPress.com
(Jetpack), Ghost, Substack, Mailchimp and others export, or a plain list, one address a line.

Addresses come in confirmed: their owners confirmed them with the old site. Those the file
marks as no longer mailed (Ghost's `subscribed_to_emails`, Substack's `email_disabled`) are
left out, as is anything that is not an address, each with its line and why.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from byline.newsletter import signup
from byline.newsletter.models import Subscriber

BATCH = 500
MOST_SHOWN = 20  # lines left out that the report names; the rest are counted
# A column the file says is the address; the first whose name holds "mail" otherwise.
EMAIL_COLUMNS = ("email", "email address", "email_address", "e-mail", "subscriber email")
# Columns that say the address is no longer mailed, and the values that say so.
STOPPED = {"subscribed_to_emails": {"false", "0", "no"}, "subscribed": {"false", "0", "no"},
           "email_disabled": {"true", "1", "yes"}, "unsubscribed": {"true", "1", "yes"},
           "status": {"unsubscribed", "cleaned", "bounced", "inactive"}}  # fmt: skip


class SubscriberFileError(Exception):
    """A file that cannot be read as a list of subscribers."""


@dataclass
class Report:
    added: int = 0
    known: int = 0  # already here (an unconfirmed one is confirmed now)
    stopped: int = 0  # marked in the file as no longer mailed
    left_out: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        said = [f"{self.added} subscribers added, {self.known} already here."]
        if self.stopped:
            said.append(f"{self.stopped} left out: the file says they are no longer mailed.")
        if self.left_out:
            said.append(f"{len(self.left_out)} lines left out:")
            said += [f"  {line}" for line in self.left_out[:MOST_SHOWN]]
            if len(self.left_out) > MOST_SHOWN:
                said.append(f"  … and {len(self.left_out) - MOST_SHOWN} more.")
        return said


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """(header, rows): the header is empty for a plain list of addresses."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SubscriberFileError("This is not a UTF-8 text file (a CSV export).") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # one column: nothing to sniff
    try:
        rows = [
            row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)
        ]
    except csv.Error as error:
        raise SubscriberFileError(f"This is not a CSV file ({error}).") from None
    if not rows:
        raise SubscriberFileError("The file holds no addresses.")
    first = [cell.strip().lower() for cell in rows[0]]
    if any("@" in cell for cell in first):
        return [], rows
    return first, rows[1:]


def _email_column(header: list[str]) -> int:
    for name in EMAIL_COLUMNS:
        if name in header:
            return header.index(name)
    for number, name in enumerate(header):
        if "mail" in name:
            return number
    raise SubscriberFileError(f"No column of email addresses among: {', '.join(header)}.")


def import_subscribers(path: Path) -> Report:
    """Add the addresses in `path`; running it again adds nothing twice."""
    header, rows = _rows(path)
    column = _email_column(header) if header else 0
    stops = [(header.index(name), values) for name, values in STOPPED.items() if name in header]
    report, wanted = Report(), {}
    first_line = 2 if header else 1
    for number, row in enumerate(rows, start=first_line):
        if any(len(row) > at and row[at].strip().lower() in values for at, values in stops):
            report.stopped += 1
            continue
        raw = row[column] if len(row) > column else ""
        try:
            wanted.setdefault(signup.valid_address(raw), number)
        except signup.Refused as refused:
            report.left_out.append(f"line {number}: {raw[:80]!r}: {refused.message}")
    now = timezone.now()
    with transaction.atomic():
        addresses = list(wanted)
        for start in range(0, len(addresses), BATCH):
            batch = addresses[start : start + BATCH]
            known = set(Subscriber.objects.filter(email__in=batch).values_list("email", flat=True))
            Subscriber.objects.filter(email__in=known, confirmed=False).update(
                confirmed=True, confirmed_at=now
            )
            new = [
                Subscriber(email=a, confirmed=True, confirmed_at=now)
                for a in batch
                if a not in known
            ]
            Subscriber.objects.bulk_create(new)
            report.added += len(new)
            report.known += len(known)
    return report
