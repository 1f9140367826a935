"""The local spam classifier: hashed features of a response, counts learned from moderation.

Why naive Bayes with Robinson–Fisher combining (SpamBayes's method), per feature group: it needs
only per-feature spam and ham document counts, so learning and unlearning are exact integer sums
and a score reads just its own features' rows; on the YouTube collection it ranked as well as a
logistic regression on similar features, and its unsure middle is a natural "hold" verdict.

Verdicts: a score below HOLD_THRESHOLD (0.5) passes, from there to SPAM_THRESHOLD (0.9) it is
held, from 0.9 up it is spam; the Discussion settings carry the same two numbers.
"""

import csv
import html
import math
import random
import re
import unicodedata
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from byline import arabic

# Buckets are stored sparsely, so a wide range costs nothing and keeps collisions negligible.
BUCKETS = 2**31
MIN_DOCUMENTS = 10  # of each class, before a score means anything
SPAM_THRESHOLD = 0.9  # a score from here up: spam (Discussion.spam_threshold)
HOLD_THRESHOLD = 0.5  # from here up to the spam threshold: held (Discussion.hold_threshold)
MAX_CHARS = 2000  # longer texts are judged by their beginning: it bounds the query size
# Character n-grams mostly repeat the words' evidence, so they weigh least (5-fold tests).
GROUP_WEIGHTS = {"words": 2.0, "chars": 0.5, "meta": 1.0}
# Robinson's strength of the neutral prior, how far from 0.5 a clue must be to count, and how
# many documents must contain a feature: one sighting is mostly chance.
STRENGTH, MIN_CLUE, MAX_CLUES, MIN_SEEN = 1.0, 0.1, 400, 2
# Share of a text's unknown features counted as neutral clues. 0 meets the 95% / 2% bar on the
# YouTube data; 0.5 (with CENTER refitted) trades 1.5 points of recall there for far fewer false
# alarms on text unlike what was learned (bench/spam_cv.py prints both).
NEUTRAL_SHARE = 0.0
# Evidence 0.8 scores 0.5 (held) and 1.8 scores 0.9 (spam): the odds grow ninefold per unit.
CENTER, SCALE = 0.8, math.log(9)

Counts = Mapping[int, tuple[int, int]]
Rows = Sequence[tuple[str, bool]]

# Invisible characters that split or disguise words; ZWNJ too: in Urdu and Persian it only
# changes how letters join, writers use it inconsistently, and spammers hide it inside words.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u0640\u061c\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))
_INVISIBLE.update(dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
# Arabic-script letters and digits folded to the forms Urdu writers use.
_FOLD = str.maketrans(
    {
        **arabic.LETTERS,
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_HARAKAT = re.compile(arabic.marks_class())  # optional vowel marks
_TAG = re.compile(r"<[^>]*>")
_HREF = re.compile(r"""href=["']?([^"'\s>]+)""", re.I)
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s<>\"']*)?", re.I
)
_WORD = re.compile(r"[^\W_]+")
_SYMBOL = re.compile(r"[^\w\s]")
_DIGIT = re.compile(r"\d")
_PHONE = re.compile(r"\+?\(?\d[\d ().-]{8,}\d")


def normalize(text: str) -> str:
    """NFKC, HTML entities decoded, invisible characters dropped, Arabic variants folded."""
    text = unicodedata.normalize("NFKC", html.unescape(text))
    return _HARAKAT.sub("", text.translate(_INVISIBLE).translate(_FOLD))


def _step(value: float, edges: Sequence[float]) -> int:
    return next((i for i, edge in enumerate(edges) if value < edge), len(edges))


def _host(url: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url.casefold()).removeprefix("www.")
    return re.split(r"[/?#:]", host, maxsplit=1)[0]


def _ngrams(words: list[str], n: int, prefix: str) -> set[str]:
    return {prefix + " ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def _meta(text: str, words: list[str], urls: list[str]) -> set[str]:
    cased = [c.isupper() for c in text if c.isupper() or c.islower()]
    # No length feature: in the YouTube data spam is long and ham short, on a blog it is not.
    meta = {f"m:links{min(len(urls), 3)}"}
    if len(cased) >= 5:
        meta.add(f"m:caps{_step(sum(cased) / len(cased), (0.05, 0.3, 0.7))}")
    if re.search(r"([!?.$*])\1", text):
        meta.add("m:repeated-punctuation")
    if any(len(re.sub(r"\D", "", n)) >= 10 for n in _PHONE.findall(text)):
        meta.add("m:phone-number")
    if re.search(r"[^\s@]+@[^\s@]+\.\w+", text):
        meta.add("m:email-in-text")
    meta.update("h:" + _host(url) for url in urls)
    meta.update("s:" + sign for sign in _SYMBOL.findall(text.casefold()))
    return meta


def features(text: str, *, name: str = "", email: str = "", url: str = "") -> dict[str, set[str]]:
    """A response's features by group, as readable strings (hashed by `buckets`)."""
    text = normalize(text)[:MAX_CHARS]
    urls = sorted(set(_URL.findall(text)) | set(_HREF.findall(text)))
    text = _TAG.sub(" ", text)
    # Digits become 0: "10" and "20" say little; the shape of a phone number says more.
    words = _WORD.findall(_DIGIT.sub("0", text.casefold()))
    marked = ["^", *words, "$"] if words else []
    grams = {"w:" + w for w in words} | _ngrams(marked, 2, "b:") | _ngrams(words, 3, "t:")
    chars = set()
    for word in words:
        padded = f" {word[:20]} "
        chars.update(
            "c:" + padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1)
        )
    meta = _meta(text, words, urls)
    meta.update("n:" + w for w in _WORD.findall(normalize(name).casefold()))
    if email:
        meta.add("e:" + email.rpartition("@")[2].casefold())
    if url:
        meta.add("u:" + _host(url))
    return {"words": grams, "chars": chars, "meta": meta}


def buckets(groups: Mapping[str, Iterable[str]]) -> dict[str, set[int]]:
    """Each feature hashed to a bucket with a stable hash (Python's `hash` changes per process)."""
    return {
        group: {zlib.crc32(f.encode()) & (BUCKETS - 1) for f in found}
        for group, found in groups.items()
    }


def _log_chi2_survival(chi2: float, dof: int) -> float:
    """log P(X >= chi2) for a chi-squared X with an even `dof`, summed in log space."""
    half = chi2 / 2
    term = total = -half
    for i in range(1, dof // 2):
        term += math.log(half) - math.log(i) if half > 0 else -math.inf
        high, low = max(total, term), min(total, term)
        total = high + math.log1p(math.exp(low - high)) if low > -math.inf else high
    return min(total, 0.0)


def _group_log_odds(found: Iterable[int], counts: Counts, n_spam: int, n_ham: int) -> float:
    """Fisher's combination of the group's clues, as log-odds clamped to ±14 (0: no evidence)."""
    clues, unknown = [], 0
    for bucket in found:
        spam, ham = counts.get(bucket, (0, 0))
        if spam + ham < MIN_SEEN:
            unknown += 1
            continue
        spam_rate, ham_rate = spam / n_spam, ham / n_ham
        p = spam_rate / (spam_rate + ham_rate)
        clue = (STRENGTH * 0.5 + (spam + ham) * p) / (STRENGTH + spam + ham)
        if abs(clue - 0.5) >= MIN_CLUE:
            clues.append(clue)
    if not clues:
        return 0.0
    clues = sorted(clues, key=lambda c: -abs(c - 0.5))[:MAX_CLUES]
    clues += [0.5] * int(unknown * NEUTRAL_SHARE)
    dof = 2 * len(clues)
    hammy = -math.expm1(_log_chi2_survival(-2 * sum(math.log(c) for c in clues), dof))
    spammy = -math.expm1(_log_chi2_survival(-2 * sum(math.log1p(-c) for c in clues), dof))
    indicator = min(max((spammy - hammy + 1) / 2, 1e-6), 1 - 1e-6)
    return math.log(indicator / (1 - indicator))


def combine(found: Mapping[str, set[int]], counts: Counts, n_spam: int, n_ham: int) -> float | None:
    """The score of a text's buckets given the learned counts; None before enough learning."""
    if n_spam < MIN_DOCUMENTS or n_ham < MIN_DOCUMENTS:
        return None
    evidence = sum(
        weight * _group_log_odds(found.get(group, ()), counts, n_spam, n_ham)
        for group, weight in GROUP_WEIGHTS.items()
    ) / sum(GROUP_WEIGHTS.values())
    return 1 / (1 + math.exp(-SCALE * (evidence - CENTER)))


def _all(found: Mapping[str, set[int]]) -> set[int]:
    return set().union(*found.values())


class SpamModel:
    """The same counts and math as the database model, in memory: for training and testing."""

    def __init__(self) -> None:
        self.counts: dict[int, tuple[int, int]] = {}
        self.n_spam = self.n_ham = 0

    def learn(self, text: str, is_spam: bool, *, unlearn: bool = False, **sender: str) -> None:
        """As `learn` below; `sender` takes its name, email and url."""
        self.add(_all(buckets(features(text, **sender))), is_spam, -1 if unlearn else 1)

    def add(self, found: Iterable[int], is_spam: bool, step: int = 1) -> None:
        """Count (or with step -1 uncount) one text's buckets, never below 0."""
        for bucket in found:
            spam, ham = self.counts.get(bucket, (0, 0))
            self.counts[bucket] = (
                (max(spam + step, 0), ham) if is_spam else (spam, max(ham + step, 0))
            )
        if is_spam:
            self.n_spam = max(self.n_spam + step, 0)
        else:
            self.n_ham = max(self.n_ham + step, 0)

    def score(self, text: str, **sender: str) -> float | None:
        """As `spam_score` below; `sender` takes its name, email and url."""
        return combine(buckets(features(text, **sender)), self.counts, self.n_spam, self.n_ham)


# The database model. Django's models are imported inside the functions below so that the
# pure parts above work (in bench/ and in tests) without a Django project set up.


def _fetch(
    wanted: Iterable[int], chunk: int = 10_000
) -> tuple[dict[int, tuple[int, int]], int, int]:
    """The stored counts of `wanted` and the totals: one query for one text (MAX_CHARS)."""
    from django.db import connection

    from byline.responses.models.spam import TOTALS_BUCKET, SpamFeature

    wanted = [TOTALS_BUCKET, *sorted(set(wanted))]
    counts: dict[int, tuple[int, int]] = {}
    q = connection.ops.quote_name
    select = f"SELECT {q('bucket')}, {q('spam')}, {q('ham')} FROM {q(SpamFeature._meta.db_table)}"
    with connection.cursor() as cursor:
        # Written out: the ORM took longer to build the query than the database to run it.
        for start in range(0, len(wanted), chunk):
            part = wanted[start : start + chunk]
            marks = ", ".join(["%s"] * len(part))
            cursor.execute(f"{select} WHERE {q('bucket')} IN ({marks})", part)
            counts.update((b, (s, h)) for b, s, h in cursor.fetchall())
    n_spam, n_ham = counts.pop(TOTALS_BUCKET, (0, 0))
    return counts, n_spam, n_ham


def spam_score(text: str, *, name: str = "", email: str = "", url: str = "") -> float | None:
    """How spam-like a response is, from 0 to 1; None while the model knows too little."""
    found = buckets(features(text, name=name, email=email, url=url))
    return combine(found, *_fetch(_all(found)))


def _add_counts(delta: Mapping[int, tuple[int, int]], docs: tuple[int, int]) -> None:
    """Add (or, with negative numbers, subtract) counts in one transaction; never below 0."""
    from django.db import transaction

    from byline.responses.models.spam import TOTALS_BUCKET, SpamFeature

    with transaction.atomic():
        # Locking the totals row first makes concurrent learners on PostgreSQL take turns.
        SpamFeature.objects.bulk_create([SpamFeature(bucket=TOTALS_BUCKET)], ignore_conflicts=True)
        totals = SpamFeature.objects.select_for_update().get(bucket=TOTALS_BUCKET)
        totals.spam, totals.ham = max(totals.spam + docs[0], 0), max(totals.ham + docs[1], 0)
        totals.save(update_fields=["spam", "ham"])
        wanted = sorted(delta)
        for start in range(0, len(wanted), 5000):
            part = wanted[start : start + 5000]
            stored = SpamFeature.objects.in_bulk(part)
            changed, emptied = [], []
            for bucket in part:
                row = stored.get(bucket) or SpamFeature(bucket=bucket)
                row.spam = max(row.spam + delta[bucket][0], 0)
                row.ham = max(row.ham + delta[bucket][1], 0)
                (changed if row.spam or row.ham else emptied).append(row)
            SpamFeature.objects.bulk_create(
                changed,
                update_conflicts=True,
                unique_fields=["bucket"],
                update_fields=["spam", "ham"],
            )
            SpamFeature.objects.filter(bucket__in=[r.bucket for r in emptied]).delete()


def learn(
    text: str,
    is_spam: bool,
    *,
    name: str = "",
    email: str = "",
    url: str = "",
    unlearn: bool = False,
) -> None:
    """Learn one moderation decision; `unlearn` takes back one learned before."""
    step = -1 if unlearn else 1
    one = (step, 0) if is_spam else (0, step)
    found = _all(buckets(features(text, name=name, email=email, url=url)))
    _add_counts(dict.fromkeys(found, one), one)


def store_model(model: SpamModel) -> None:
    """Add an in-memory model's counts to the database model."""
    _add_counts(model.counts, (model.n_spam, model.n_ham))


def read_rows(
    path: Path, text_column: str = "CONTENT", label_column: str = "CLASS"
) -> list[tuple[str, bool]]:
    """(text, is_spam) pairs from a CSV file labelled 1 (spam) or 0 (ham); ValueError if bad."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            missing = [c for c in (text_column, label_column) if c not in (reader.fieldnames or [])]
            if missing:
                raise ValueError(f"{path}, line 1: no column {', '.join(missing)}")
            rows = []
            for record in reader:
                label = (record[label_column] or "").strip()
                if label not in ("0", "1"):
                    raise ValueError(
                        f"{path}, line {reader.line_num}: {label_column} must be 0 or 1, "
                        f"not {label!r}"
                    )
                rows.append((record[text_column] or "", label == "1"))
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not a UTF-8 text file") from None
    except csv.Error as exc:
        raise ValueError(f"{path}: not a readable CSV file ({exc})") from None
    return rows


def _read_all(paths: Iterable[Path], text_column: str, label_column: str) -> list[tuple[str, bool]]:
    return [row for path in paths for row in read_rows(Path(path), text_column, label_column)]


def train_from_csv(
    paths: list[Path], text_column: str = "CONTENT", label_column: str = "CLASS"
) -> int:
    """Learn every row of the files (all are checked first); returns the rows learned."""
    rows = _read_all(paths, text_column, label_column)
    model = SpamModel()
    for text, is_spam in rows:
        model.learn(text, is_spam)
    store_model(model)
    return len(rows)


def measure(
    scored: Iterable[tuple[float | None, bool]],
    spam_threshold: float = SPAM_THRESHOLD,
    hold_threshold: float = HOLD_THRESHOLD,
) -> dict:
    """Counts and rates of (score, is_spam) pairs at the two thresholds."""
    scored = [(-1.0 if s is None else s, y) for s, y in scored]
    spam = [s for s, y in scored if y]
    ham = [s for s, y in scored if not y]
    caught = sum(s >= spam_threshold for s in spam)
    stopped = sum(s >= hold_threshold for s in spam)
    flagged = sum(s >= spam_threshold for s in ham)
    held = sum(hold_threshold <= s < spam_threshold for s in ham)
    return {
        "spam": len(spam),
        "ham": len(ham),
        "spam_caught": caught,
        "spam_held": stopped - caught,
        "ham_flagged": flagged,
        "ham_held": held,
        "spam_recall": caught / len(spam) if spam else 0.0,
        "ham_false_positive_rate": flagged / len(ham) if ham else 0.0,
        "spam_stopped_rate": stopped / len(spam) if spam else 0.0,
        "ham_held_rate": held / len(ham) if ham else 0.0,
    }


def evaluate_csv(
    paths: list[Path],
    text_column: str = "CONTENT",
    label_column: str = "CLASS",
    spam_threshold: float = SPAM_THRESHOLD,
    hold_threshold: float = HOLD_THRESHOLD,
) -> dict:
    """How the database model judges labelled files: `measure`, plus what it has learned."""
    rows = _read_all(paths, text_column, label_column)
    found = [buckets(features(text)) for text, _ in rows]
    counts, n_spam, n_ham = _fetch(set().union(*map(_all, found)) if found else ())
    scores = [combine(f, counts, n_spam, n_ham) for f in found]
    ready = n_spam >= MIN_DOCUMENTS and n_ham >= MIN_DOCUMENTS
    result = measure(zip(scores, (y for _, y in rows), strict=True), spam_threshold, hold_threshold)
    return result | {"ready": ready, "learned_spam": n_spam, "learned_ham": n_ham}


def stratified_folds(rows: Rows, folds: int = 5, seed: int = 1) -> list[list[int]]:
    """Row numbers dealt into `folds` groups with the same share of spam in each."""
    dealt: list[list[int]] = [[] for _ in range(folds)]
    shuffler = random.Random(seed)
    for label in (True, False):
        indexes = [i for i, (_, is_spam) in enumerate(rows) if is_spam is label]
        shuffler.shuffle(indexes)
        for n, index in enumerate(indexes):
            dealt[n % folds].append(index)
    return dealt


def cross_validate(
    rows: Rows,
    folds: int = 5,
    seed: int = 1,
    spam_threshold: float = SPAM_THRESHOLD,
    hold_threshold: float = HOLD_THRESHOLD,
    repeats: int = 1,
) -> dict:
    """Stratified k-fold cross-validation, `repeats` times (seeds seed, seed+1, ...).

    Returns `measure` of all held-out scores pooled, `runs` (one `measure` per repeat) and
    `scores`, the (score, is_spam) pairs.
    """
    found = [buckets(features(text)) for text, _ in rows]
    every = [_all(groups) for groups in found]
    pairs: list[tuple[float | None, bool]] = []
    runs = []
    for repeat in range(repeats):
        scores: list[float | None] = [None] * len(rows)
        for held_out in stratified_folds(rows, folds, seed + repeat):
            model, skip = SpamModel(), set(held_out)
            for i, (_, is_spam) in enumerate(rows):
                if i not in skip:
                    model.add(every[i], is_spam)
            for i in held_out:
                scores[i] = combine(found[i], model.counts, model.n_spam, model.n_ham)
        run = list(zip(scores, (y for _, y in rows), strict=True))
        runs.append(measure(run, spam_threshold, hold_threshold))
        pairs += run
    result = measure(pairs, spam_threshold, hold_threshold)
    return result | {"folds": folds, "repeats": repeats, "runs": runs, "scores": pairs}
