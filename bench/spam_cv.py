"""The spam classifier on the YouTube Spam Collection: 5-fold cross-validation, and its speed.

Run from the repository root: `python bench/spam_cv.py [--repeats N]`. It reads
../shared/fixtures/spam/*.csv, runs stratified 5-fold cross-validation N times (seeds 1..N),
prints recall and false positives at the thresholds in use and a table over thresholds, how a
model trained on the whole collection judges ham unlike it (Urdu and Persian news sentences, the
reference post), and the time to score and learn through a throwaway SQLite site.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from bench.scratch import scratch_folder  # noqa: E402
from byline.responses import classifier  # noqa: E402

VIDEOS = ("Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv")


def percent(part: float) -> str:
    return f"{part * 100:.1f}%"


def sentences(name: str) -> list[str]:
    lines = (SHARED / "fixtures" / "rtl" / name).read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t", 1)[1] for line in lines if "\t" in line]


def other_ham() -> dict[str, list[str]]:
    """Ham that looks nothing like YouTube comments: news sentences and a blog post."""
    post = json.loads((SHARED / "reference" / "seed-page.json").read_text(encoding="utf-8"))
    comment = post["responses"]["items"][0]["text"]
    return {
        "Urdu news sentences (UDTB)": sentences("ur_udtb-test_sentences.tsv"),
        "Persian sentences (Seraji)": sentences("fa_seraji-test_sentences.tsv"),
        "reference post paragraphs and comment": [*post["post"]["paragraphs"], comment],
    }


def operating_point(scores: list, max_fp: float) -> tuple[float, float]:
    """The lowest threshold keeping ham false positives within `max_fp`, and its recall."""
    ham = sorted((s for s, is_spam in scores if not is_spam), reverse=True)
    threshold = ham[int(max_fp * len(ham))] + 1e-9
    spam = [s for s, is_spam in scores if is_spam]
    return threshold, sum(s >= threshold for s in spam) / len(spam)


def cross_validation(rows: list, repeats: int) -> None:
    begin = time.perf_counter()
    result = classifier.cross_validate(rows, folds=5, repeats=repeats)
    took = time.perf_counter() - begin
    runs = result["runs"]
    recalls = [run["spam_recall"] for run in runs]
    fps = [run["ham_false_positive_rate"] for run in runs]
    print(f"### 5-fold stratified cross-validation, {repeats} repeats ({took:.1f} s)\n")
    print(f"{result['spam'] // repeats} spam, {result['ham'] // repeats} ham per repeat.\n")
    spam_at, hold_at = classifier.SPAM_THRESHOLD, classifier.HOLD_THRESHOLD
    table = [
        ("spam recall", f"≥ {spam_at}", result["spam_recall"], recalls),
        ("ham marked spam", f"≥ {spam_at}", result["ham_false_positive_rate"], fps),
        ("spam held or marked", f"≥ {hold_at}", result["spam_stopped_rate"], []),
        ("ham held", f"{hold_at}–{spam_at}", result["ham_held_rate"], []),
    ]
    print("| verdict | score | pooled | single runs (min–max) |\n|---|---|---|---|")
    for verdict, score, pooled, single in table:
        spread = f"{percent(min(single))}–{percent(max(single))}" if single else ""
        print(f"| {verdict} | {score} | {percent(pooled)} | {spread} |")
    print("\n| threshold | spam recall | ham false positives |\n|---|---|---|")
    for threshold in (0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99):
        at = classifier.measure(result["scores"], threshold, threshold)
        fp = at["ham_false_positive_rate"]
        print(f"| {threshold} | {percent(at['spam_recall'])} | {percent(fp)} |")
    threshold, recall = operating_point(result["scores"], 0.019)
    print(
        f"\nAt most 1.9% ham false positives: threshold {threshold:.3f}, recall {percent(recall)}."
    )


def cross_video(files: list[Path], text_column: str = "CONTENT") -> None:
    print("\n### Trained on two videos, judged on the third\n")
    print("| judged | spam recall | ham false positives | spam held or marked | ham held |")
    print("|---|---|---|---|---|")
    for judged in files:
        model = classifier.SpamModel()
        for path in files:
            if path != judged:
                for text, is_spam in classifier.read_rows(path, text_column):
                    model.learn(text, is_spam)
        rows = classifier.read_rows(judged, text_column)
        m = classifier.measure((model.score(text), is_spam) for text, is_spam in rows)
        rates = ("spam_recall", "ham_false_positive_rate", "spam_stopped_rate", "ham_held_rate")
        print(f"| {judged.stem} | " + " | ".join(percent(m[rate]) for rate in rates) + " |")


def unlike_ham(rows: list, threshold: float | None = None) -> None:
    model = classifier.SpamModel()
    for text, is_spam in rows:
        model.learn(text, is_spam)
    spam_at = threshold or classifier.SPAM_THRESHOLD
    for name, texts in other_ham().items():
        scores = [model.score(text) for text in texts]
        flagged = sum(s >= spam_at for s in scores)
        held = sum(classifier.HOLD_THRESHOLD <= s < spam_at for s in scores)
        print(f"| {name} | {flagged} of {len(texts)} | {held} |")


def timing(rows: list) -> None:
    texts = [text for text, _ in rows[::10]]
    model = classifier.SpamModel()
    for text, is_spam in rows:
        model.learn(text, is_spam)
    memory = []
    for text in texts:
        begin = time.perf_counter()
        model.score(text)
        memory.append(time.perf_counter() - begin)
    os.environ.pop("DATABASE_URL", None)  # the embedded database, in a throwaway site
    from byline.site import create_site, migrate, setup_django

    site = Path(tempfile.mkdtemp(prefix="byline-bench-spam-"))
    create_site(site)
    setup_django(site)
    migrate()
    begin = time.perf_counter()
    classifier.store_model(model)
    stored = time.perf_counter() - begin
    scored, learned = [], []
    for text in texts:
        begin = time.perf_counter()
        classifier.spam_score(text)
        scored.append(time.perf_counter() - begin)
    for text in texts[:30]:
        begin = time.perf_counter()
        classifier.learn(text, False)
        learned.append(time.perf_counter() - begin)
    print(f"\n### Speed ({len(texts)} comments, median)\n")
    print("| step | ms |\n|---|---|")
    print(f"| score in memory (features + math) | {statistics.median(memory) * 1000:.2f} |")
    print(f"| `spam_score` from SQLite (one query) | {statistics.median(scored) * 1000:.2f} |")
    print(f"| `learn` into SQLite (one transaction) | {statistics.median(learned) * 1000:.2f} |")
    size = f"{len(rows)} comments, {len(model.counts)} features"
    print(f"| store a model of {size} (`store_model`) | {stored * 1000:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    scratch_folder("spam-cv")
    files = [SHARED / "fixtures" / "spam" / name for name in VIDEOS]
    if not all(path.exists() for path in files):
        sys.exit(f"The YouTube Spam Collection is not in {files[0].parent}")
    rows = [row for path in files for row in classifier.read_rows(path)]
    machine = f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"{datetime.now():%Y-%m-%d}, {machine}\n")
    cross_validation(rows, args.repeats)
    cross_video(files)
    print("\n### Trained on all three videos, judging ham unlike them\n")
    print("| ham | marked spam | held |\n|---|---|---|")
    unlike_ham(rows)
    classifier.NEUTRAL_SHARE = 0.5
    result = classifier.cross_validate(rows, folds=5, repeats=args.repeats)
    threshold, recall = operating_point(result["scores"], 0.019)
    print(
        f"\nWith NEUTRAL_SHARE = 0.5, at most 1.9% ham false positives needs threshold "
        f"{threshold:.3f} and catches {percent(recall)} of spam; at that threshold:\n"
    )
    print("| ham | marked spam | held |\n|---|---|---|")
    unlike_ham(rows, threshold)
    classifier.NEUTRAL_SHARE = 0.0
    timing(rows)


if __name__ == "__main__":
    main()
