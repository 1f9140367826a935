"""Render time of the reference post page and of a post with 200 responses (median of many).

Run from the repository root: `python bench/render.py [--runs N]`. It builds a throwaway site
(SQLite, or PostgreSQL with DATABASE_URL), renders each page through Django N times, and
prints a Markdown table row per page for bench/RESULTS.md.
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


def build_site() -> tuple[str, str]:
    from django.utils import timezone

    from byline.content.links import Links
    from byline.content.models import Post, Site, Status
    from byline.responses.models import Response, ResponseStatus, ResponseType
    from tests.reference import load_reference_post

    reference = load_reference_post()
    busy = Post.objects.create(
        title="Two hundred responses",
        author=reference.author,
        body="\n\n".join(["A paragraph of a busy post about the harbour strike."] * 8),
        status=Status.PUBLISHED,
        published_at=timezone.now() - timezone.timedelta(days=1),
    )
    start = timezone.now() - timezone.timedelta(hours=20)
    made: list[Response] = []
    for n in range(200):
        parent = made[n // 3] if n % 3 and n > 3 else None  # threads up to four deep
        made.append(
            Response.objects.create(
                post=busy,
                parent=parent,
                type=ResponseType.PINGBACK if n % 50 == 49 else ResponseType.COMMENT,
                author_name=f"Reader {n}",
                author_url=f"https://reader{n}.example/" if n % 4 == 0 else "",
                text=f"Response {n}: the **council** should publish the minutes. " * 3,
                status=ResponseStatus.APPROVED,
                created_at=start + timezone.timedelta(minutes=n),
            )
        )
    links = Links(Site.current())
    return links.post(reference), links.post(busy)


def measure(client, path: str, runs: int) -> list[float]:
    client.get(path)  # warm caches and templates
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - begin)
        assert response.status_code == 200, path
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    scratch_folder("render")
    site = Path(tempfile.mkdtemp(prefix="byline-bench-"))
    from byline.site import create_site, migrate, setup_django

    create_site(site)
    setup_django(site)
    migrate()
    from django.db import connection
    from django.test import Client

    if connection.vendor == "postgresql":
        sys.exit("Use a fresh database: this script fills the one it is given.")
    reference, busy = build_site()
    client = Client(HTTP_HOST="localhost")
    machine = f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"{datetime.now():%Y-%m-%d}, {machine}, {connection.vendor}, {args.runs} runs each")
    print("| page | median ms | p95 ms | pages/s (one core) |")
    print("|---|---|---|---|")
    for name, path in (("reference post", reference), ("200-response post", busy)):
        times = sorted(measure(client, path, args.runs))
        median, p95 = statistics.median(times), times[int(len(times) * 0.95)]
        print(f"| {name} | {median * 1000:.2f} | {p95 * 1000:.2f} | {1 / median:.0f} |")


if __name__ == "__main__":
    main()
