"""Publishing benchmark: `byline publish --all` against Pelican 4.12 building the same posts
into the same kinds of pages, in turn in one run (three rounds by default, medians), so the
ratio is this machine's.

Run from a clone: `python bench/publish.py` (Pelican is installed into a venv of its own under
~/.cache on first use). It prints Markdown rows for bench/RESULTS.md.
"""

import argparse
import compileall
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scratch import CACHE, scratch_folder  # noqa: E402
from bench.serve import publish_speed  # noqa: E402
from bench.sitegen import PARAGRAPH  # noqa: E402
from tests.live import site_env  # noqa: E402

PELICAN = "pelican==4.12.0"
VENV = CACHE / "pelican"

# Pelican's own defaults: one page per listing (no pagination), no date archives; its feeds.
DEFAULTS = """
SITENAME = "Bench"
SITEURL = ""
TIMEZONE = "UTC"
"""
# Pages as Byline makes them: ten posts a page in every listing (home, category, tag, author,
# year, month, day), a folder per page; no feeds (Byline answers its feeds from Django, and
# `publish --all` writes none). A post goes to /year/month/day/slug/, one folder deeper than
# Byline's default permalink.
AS_BYLINE = (
    DEFAULTS
    + """
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None,
                       "period_archives": None}
ARTICLE_URL = "{date:%Y}/{date:%m}/{date:%d}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"
DAY_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/{date:%d}/index.html"
PAGINATION_PATTERNS = ((1, "{url}", "{save_as}"),
                       (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"))
CATEGORY_URL, CATEGORY_SAVE_AS = "category/{slug}/", "category/{slug}/index.html"
TAG_URL, TAG_SAVE_AS = "tag/{slug}/", "tag/{slug}/index.html"
AUTHOR_URL, AUTHOR_SAVE_AS = "author/{slug}/", "author/{slug}/index.html"
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
"""
)


def pelican() -> Path:
    """The pelican command of a venv holding the version the issue measured."""
    command = VENV / "bin" / "pelican"
    if not command.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        pip = [str(VENV / "bin" / "pip"), "install", "-q", PELICAN, "markdown"]
        subprocess.run(pip, check=True)
    return command


def pelican_content(posts: int, folder: Path) -> None:
    """The posts bench/sitegen.py makes, as Pelican's Markdown files (without responses:
    Pelican has none)."""
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    body = "\n\n".join([PARAGRAPH] * 6)
    folder.mkdir(parents=True)
    for n in range(posts):
        # sitegen.py gives post n (id n + 1) these terms.
        tags = ", ".join(f"Topic {((n + 1) * 7 + k) % 60}" for k in (0, 1))
        date = now - timedelta(hours=n)
        (folder / f"story-{n}.md").write_text(
            f"Title: Story number {n}\nDate: {date:%Y-%m-%d %H:%M}\n"
            f"Category: Section {(n + 1) % 12}\nTags: {tags}\nAuthor: writer\n"
            f"Slug: story-{n}\nSummary: {PARAGRAPH}\n\n{body}\n"
        )


def pelican_speed(posts: int, config: str) -> tuple[float, int]:
    """Seconds for Pelican to build `posts` posts with settings `config`, and how many pages
    it wrote."""
    command = pelican()
    work = Path(tempfile.mkdtemp(prefix=f"byline-bench-pelican-{posts}-"))
    pelican_content(posts, work / "content")
    (work / "pelicanconf.py").write_text(config)
    start = time.perf_counter()
    subprocess.run(
        [str(command), "content", "-o", "output", "-s", "pelicanconf.py", "-q"],
        cwd=work,
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - start
    return seconds, sum(1 for _ in (work / "output").rglob("*.html"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", default="1000,10000", help="Site sizes, comma-separated.")
    parser.add_argument(
        "--same-pages-up-to",
        type=int,
        default=None,
        help="Have Pelican make Byline's pages only for sites this big or smaller (it took "
        "over 12 minutes for 10,000 posts).",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="Times each build is timed, in turn; the table gives the medians (this machine's "
        "speed wanders by a tenth from one minute to the next).",
    )
    args = parser.parse_args()
    scratch_folder("publish")
    env = site_env("")
    pelican()  # installed before anything is timed
    # Byline's modules compiled, as `pip install` leaves them and as Pelican's are in its venv
    # (a clone never compiles them where PYTHONDONTWRITEBYTECODE is set: 0.06 s a start).
    compileall.compile_dir(ROOT / "byline", quiet=1)
    rows = []
    for count in map(int, args.posts.split(",")):
        limit = args.same_pages_up_to
        same_pages = limit is None or count <= limit
        ours, theirs, plain, pages = [], [], [], {}
        for number in range(1, args.rounds + 1):
            if same_pages:
                seconds, pages["same"] = pelican_speed(count, AS_BYLINE)
                theirs.append(seconds)
            seconds, pages["plain"] = pelican_speed(count, DEFAULTS)
            plain.append(seconds)
            ours.append(publish_speed(count, env)[0])
            against = (theirs or plain)[-1]
            print(
                f"{count:,} posts, round {number}: Byline {ours[-1]:.1f} s, Pelican {against:.1f} s"
                f" ({against / ours[-1]:.2f}×)",
                flush=True,
            )
        mine = median(ours)
        same = "| – | – "
        if theirs:
            took = median(theirs)
            same = f"| {took:.1f} ({pages['same']:,} pages) | {took / mine:.2f}× "
        rows.append(
            f"| {count:,} | {mine:.2f} {same}"
            f"| {median(plain):.1f} ({pages['plain']:,} pages) | {median(plain) / mine:.2f}× |"
        )
    machine = f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"\n{datetime.now():%Y-%m-%d}, {machine}, SQLite, medians of {args.rounds} rounds\n")
    print(
        "| posts | `byline publish --all` (s) | Pelican, Byline's pages (s) | ÷ Byline's "
        "| Pelican's defaults (s) | ÷ Byline's |"
    )
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
