"""Readers' search on a big site: time of a results page for a few searches, against the home
page rendered through the same path (median of many).

Run from the repository root: `python bench/search.py [--posts N] [--runs N] [--postgres]`. It
builds a throwaway site (SQLite, or a new PostgreSQL database that it drops after) of N posts
(bench/sitegen.py: six paragraphs each), asks each search N times through Django, and prints a
Markdown table for bench/RESULTS.md.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scratch import scratch_folder  # noqa: E402

# A word in every post, one in none, two words, a title's words, a phrase with a word left out.
SEARCHES = ("harbour", "zebra", "harbour council", "story number 42", '"the city" -zebra')


def measure(client, path: str, data: dict, runs: int) -> list[float]:
    from byline.content import snapshot

    client.get(path, data)  # warm templates
    times = []
    for _ in range(runs):
        snapshot.current().searches.clear()  # each a search never asked before
        begin = time.perf_counter()
        response = client.get(path, data)
        times.append(time.perf_counter() - begin)
        assert response.status_code == 200, (path, data)
    return sorted(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--postgres", action="store_true", help="On a throwaway PostgreSQL database instead."
    )
    args = parser.parse_args()
    scratch_folder("search")
    from tests.live import database_url

    # The site is filled: always a throwaway database.
    with database_url(postgres=args.postgres) as url:
        os.environ.pop("DATABASE_URL", None)
        if url:
            os.environ["DATABASE_URL"] = url
        run(args)


def run(args: argparse.Namespace) -> None:
    site = Path(tempfile.mkdtemp(prefix="byline-bench-search-"))
    from byline.site import create_site, migrate, setup_django

    create_site(site)
    setup_django(site)
    migrate()
    from django.test import Client

    from bench.sitegen import generate

    generate(args.posts)
    client = Client(HTTP_HOST="localhost")
    machine = f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    engine = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{datetime.now():%Y-%m-%d}, {machine}, {engine}, {args.posts:,} posts, {args.runs} runs")
    print("| request | median ms | p95 ms | ÷ home page |")
    print("|---|---|---|---|")
    # A listing page as Django renders it (readers get it from the store): what a search costs
    # beyond the page that shows its results.
    home = statistics.median(measure(client, "/page/2/", {}, args.runs))
    print(f"| home page 2, rendered | {home * 1000:.1f} | | 1.0 |")
    for words in SEARCHES:
        times = measure(client, "/", {"s": words}, args.runs)
        median, p95 = statistics.median(times), times[int(len(times) * 0.95)]
        print(f"| `?s={words}` | {median * 1000:.1f} | {p95 * 1000:.1f} | {median / home:.1f} |")


if __name__ == "__main__":
    main()
