"""What the guard reads from the database about a submission, in one query: its sender's recent
responses, an earlier copy of it, whether its form token was spent, and whether its sender was
published before. As queries built by the ORM, one each, they took a third of a response POST's
time (bench/RESULTS.md)."""

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import connection
from django.utils import timezone

from byline.content.models import Page
from byline.responses.models import Discussion, Response, ResponseStatus, ResponseType, UsedToken
from byline.responses.tokens import digest

if TYPE_CHECKING:
    from byline.responses.guard import Submission


@dataclass(frozen=True)
class History:
    from_ip: int  # responses from the sender's address in the rate window, counted to the limit
    from_email: int  # the same from the sender's email, in any case
    duplicate: bool  # the same text from the same sender on the same entry (a ping: same source)
    replayed: bool  # the form token was spent from this address
    published_before: bool  # a response from this name and email was published


def read(sub: "Submission", settings: Discussion, replay_key: str) -> History:
    """`sub`'s history; `replay_key` is what spends its form token ('' for a ping: none)."""
    ops, q = connection.ops, connection.ops.quote_name
    responses, used = q(Response._meta.db_table), q(UsedToken._meta.db_table)
    since = timezone.now() - timedelta(minutes=settings.rate_window_minutes)
    recent = ops.adapt_datetimefield_value(since)
    email = q("author_email")
    entry = q("page_id" if isinstance(sub.entry, Page) else "post_id")
    # Counted only up to the limit: a flood from one address costs no more with every POST.
    counted = (
        f"(SELECT COUNT(*) FROM (SELECT 1 FROM {responses} WHERE {{}} = %s "
        f"AND {q('created_at')} >= %s LIMIT %s) AS recent_rows)"
    )
    columns: list[str] = []
    params: list = []
    if sub.ip:
        columns.append(counted.format(q("author_ip")))
        params += [ops.adapt_ipaddressfield_value(sub.ip), recent, settings.rate_limit_ip]
    else:
        columns.append("0")
    if sub.email:
        columns.append(counted.format(f"LOWER({email})"))  # served by the index on it
        params += [sub.email.lower(), recent, settings.rate_limit_email]
    else:
        columns.append("0")
    if sub.type == ResponseType.COMMENT:
        sender = f"LOWER({email}) = %s" if sub.email else f"{q('author_name')} = %s"
        same = f"{q('text')} = %s AND {sender}"
        params += [sub.text, sub.email.lower() if sub.email else sub.name]
    else:
        same = f"{q('type')} = %s AND {q('author_url')} = %s"
        params += [sub.type, sub.url]
    columns.append(f"EXISTS(SELECT 1 FROM {responses} WHERE {same} AND {entry} = %s)")
    params.append(sub.entry.pk)
    if replay_key:
        columns.append(f"EXISTS(SELECT 1 FROM {used} WHERE {q('key')} = %s)")
        params.append(digest(replay_key))
    else:
        columns.append("0")
    if sub.email:
        known = f"LOWER({email}) = %s AND {q('author_name')} = %s AND {q('status')} = %s"
        columns.append(f"EXISTS(SELECT 1 FROM {responses} WHERE {known})")
        params += [sub.email.lower(), sub.name, ResponseStatus.APPROVED]
    else:
        columns.append("0")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", params)
        from_ip, from_email, duplicate, replayed, published = cursor.fetchone()
    return History(from_ip, from_email, bool(duplicate), bool(replayed), bool(published))
