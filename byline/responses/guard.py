"""The spam guard: an ordered chain of small checks, each answering `(ok, reason)`.

A failed check has a consequence: REJECT (nothing stored, the sender told why), SPAM or HOLD.
Rejections stop the chain; spam and hold reasons accumulate and are stored on the response.
The last word is the policy: hold first-time commenters (WordPress's default), hold all,
or publish what passed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from byline.content.models import OpenClosed, Page, Post
from byline.responses import classifier, history
from byline.responses.entries import entry_key
from byline.responses.models import Discussion, Policy, Response, ResponseStatus, ResponseType
from byline.responses.sources import split_url
from byline.responses.tokens import read_form_token

MAX_TEXT = 20_000


class Outcome(StrEnum):
    REJECT = "reject"
    SPAM = "spam"
    HOLD = "hold"
    APPROVE = "approve"


@dataclass
class Submission:
    """What a reader (or a linking site) sent, and from where."""

    entry: Post | Page  # the post or page responded to
    text: str
    name: str
    email: str = ""
    url: str = ""
    ip: str | None = None
    user_agent: str = ""
    type: str = ResponseType.COMMENT
    parent: Response | None = None
    token: str = ""
    honeypot: str = ""
    origin: str = ""
    sec_fetch_site: str = ""
    own_origin: str = ""  # the host (and port) the form was posted to
    copy_origin: str = ""  # the site's static copy (setting static_url), also trusted
    user: object = None
    known: history.History | None = field(default=None, repr=False, compare=False)


@dataclass
class Verdict:
    outcome: Outcome
    reasons: list[str] = field(default_factory=list)
    score: float | None = None
    # For a rejection: what the sender is told, and the HTTP status to tell it with.
    message: str = ""
    http_status: int = 200

    @property
    def status(self) -> str:
        return {
            Outcome.SPAM: ResponseStatus.SPAM,
            Outcome.HOLD: ResponseStatus.PENDING,
            Outcome.APPROVE: ResponseStatus.APPROVED,
        }.get(self.outcome, ResponseStatus.SPAM)


Result = tuple[bool, str]
Check = Callable[[Submission, Discussion], Result]


@dataclass(frozen=True)
class Rule:
    check: Check
    outcome: Outcome
    message: str = ""
    http_status: int = 400
    forms_only: bool = False  # pings carry no token, honeypot or origin


def _is_comment(sub: Submission) -> bool:
    return sub.type == ResponseType.COMMENT


def open_for_responses(sub: Submission, settings: Discussion) -> Result:
    if not sub.entry.is_live:
        return False, "post not published"
    field_name = "comment_status" if _is_comment(sub) else "ping_status"
    # Pages take comments but, as in WordPress's default theme, not pings.
    if getattr(sub.entry, field_name, OpenClosed.CLOSED) != OpenClosed.OPEN:
        return False, "responses closed" if _is_comment(sub) else "pings closed"
    return True, ""


def cross_site(origin: str, sec_fetch_site: str, own_origin: str, copy_origin: str) -> str:
    """Why a form post comes from another site, or '' when it does not: the site's forms
    sit in stored pages shared by every reader, so they carry no per-reader CSRF token."""
    if copy_origin and origin == copy_origin:
        return ""  # the form of the site's own static copy, and only that exact origin
    # Browsers send both headers on a form POST; a cross-site form is refused like CSRF.
    fetch_site = sec_fetch_site.lower()
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return f"cross-site post (Sec-Fetch-Site: {fetch_site})"
    # Hosts only: behind a TLS proxy the request may look like http while Origin is https.
    parts = split_url(origin)
    foreign = origin == "null" or parts is None or parts.netloc != own_origin
    if origin and own_origin and foreign:
        return f"cross-site post (Origin: {origin[:100]})"
    return ""


def same_origin(sub: Submission, settings: Discussion) -> Result:
    why = cross_site(sub.origin, sub.sec_fetch_site, sub.own_origin, sub.copy_origin)
    return not why, why


def honeypot_empty(sub: Submission, settings: Discussion) -> Result:
    return (not sub.honeypot, "honeypot field filled in")


def genuine_token(sub: Submission, settings: Discussion) -> Result:
    token = read_form_token(sub.token)
    if token is None:
        return False, "missing or forged form token"
    if token.entry != entry_key(sub.entry):
        return False, "form token of another post"
    return True, ""


def not_too_fast(sub: Submission, settings: Discussion) -> Result:
    token = read_form_token(sub.token)
    age = token.age if token else 0
    return (age >= settings.min_seconds, f"sent {age:.1f} s after the form was shown")


def not_too_old(sub: Submission, settings: Discussion) -> Result:
    token = read_form_token(sub.token)
    age = token.age if token else float("inf")
    return (age <= settings.token_max_age_hours * 3600, f"form {age / 3600:.0f} hours old")


def replay_key(sub: Submission) -> str:
    """What spends a form token: its nonce, from one address."""
    token = read_form_token(sub.token)
    return f"form:{token.nonce if token else ''}:{sub.ip}"


def replay_lifetime(settings: Discussion) -> float:
    """Seconds a spent token is remembered: past them it is refused as too old anyway."""
    return settings.token_max_age_hours * 3600 + 3600


def _history(sub: Submission, settings: Discussion) -> history.History:
    """What the database knows of `sub`, read once for the checks below."""
    if sub.known is None:
        sub.known = history.read(sub, settings, replay_key(sub) if _is_comment(sub) else "")
    return sub.known


def not_replayed(sub: Submission, settings: Discussion) -> Result:
    # Only checked here: the token is spent in the transaction that stores the response
    # (byline.responses.views), so that of two requests racing with it one is stored.
    return not _history(sub, settings).replayed, "form token already used from this address"


def within_ip_rate(sub: Submission, settings: Discussion) -> Result:
    if not sub.ip:
        return True, ""
    count = _history(sub, settings).from_ip
    return count < settings.rate_limit_ip, f"{count} responses from {sub.ip} in the rate window"


def within_email_rate(sub: Submission, settings: Discussion) -> Result:
    if not sub.email:
        return True, ""
    count = _history(sub, settings).from_email
    return count < settings.rate_limit_email, f"{count} responses from this email recently"


def not_duplicate(sub: Submission, settings: Discussion) -> Result:
    return not _history(sub, settings).duplicate, "duplicate response"


def few_links(sub: Submission, settings: Discussion) -> Result:
    if not _is_comment(sub):
        return True, ""
    count = sub.text.lower().count("http://") + sub.text.lower().count("https://")
    return count <= settings.max_links, f"{count} links (more than {settings.max_links})"


def _haystack(sub: Submission) -> str:
    return "\n".join([sub.text, sub.name, sub.email, sub.url, sub.ip or ""]).lower()


def _listed(words: list[str], sub: Submission) -> str:
    haystack = _haystack(sub)
    return next((word for word in words if word in haystack), "")


def nothing_disallowed(sub: Submission, settings: Discussion) -> Result:
    word = _listed(settings.disallowed_list, sub)
    return not word, f"disallowed: {word!r}"


def no_moderation_words(sub: Submission, settings: Discussion) -> Result:
    word = _listed(settings.moderation_list, sub)
    return not word, f"moderation word: {word!r}"


REPLAYED = Rule(not_replayed, Outcome.REJECT, "This form was already used. Reload the page to "
                "reply again.", forms_only=True)  # fmt: skip
RULES: tuple[Rule, ...] = (
    Rule(open_for_responses, Outcome.REJECT, "Responses to this post are closed.", 403),
    Rule(same_origin, Outcome.REJECT, "Responses must be sent from this site's own form.", 403,
         forms_only=True),
    Rule(honeypot_empty, Outcome.REJECT, "Your response looked automated and was not saved.",
         forms_only=True),
    Rule(genuine_token, Outcome.REJECT, "This form is not valid. Reload the page and try again.",
         forms_only=True),
    Rule(not_too_fast, Outcome.REJECT, "That was quick: wait a few seconds, then send again.",
         429, forms_only=True),
    Rule(not_too_old, Outcome.REJECT, "This form has expired. Reload the page and try again.",
         forms_only=True),
    Rule(within_ip_rate, Outcome.REJECT, "Too many responses from your address; try later.", 429),
    Rule(within_email_rate, Outcome.REJECT, "Too many responses from your email; try later.",
         429),
    Rule(not_duplicate, Outcome.REJECT, "You have already said that.", 409),
    REPLAYED,
    Rule(few_links, Outcome.HOLD),
    Rule(nothing_disallowed, Outcome.SPAM),
    Rule(no_moderation_words, Outcome.HOLD),
)  # fmt: skip


def judge(sub: Submission, settings: Discussion | None = None) -> Verdict:
    """Run the chain; the verdict says whether to store the response, and how."""
    settings = settings or Discussion.current()
    reasons: list[str] = []
    worst = Outcome.APPROVE
    for rule in RULES:
        if rule.forms_only and not _is_comment(sub):
            continue
        ok, reason = rule.check(sub, settings)
        if ok:
            continue
        if rule.outcome == Outcome.REJECT:
            return Verdict(Outcome.REJECT, [reason], None, rule.message, rule.http_status)
        reasons.append(reason)
        if rule.outcome == Outcome.SPAM or worst == Outcome.APPROVE:
            worst = rule.outcome
    score = classifier.spam_score(sub.text, name=sub.name, email=sub.email, url=sub.url)
    if score is not None:
        if score >= settings.spam_threshold:
            reasons.append(f"classifier: spam ({score:.2f})")
            worst = Outcome.SPAM
        elif score >= settings.hold_threshold:
            reasons.append(f"classifier: doubtful ({score:.2f})")
            worst = Outcome.HOLD if worst == Outcome.APPROVE else worst
    if worst == Outcome.APPROVE and sub.user is None:
        if settings.policy == Policy.HOLD_ALL:
            worst, _ = Outcome.HOLD, reasons.append("policy: every response is held")
        elif settings.policy == Policy.HOLD_NEW and not _history(sub, settings).published_before:
            worst, _ = Outcome.HOLD, reasons.append("policy: first response from this commenter")
    return Verdict(worst, reasons, score)
