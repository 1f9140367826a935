"""Time and peak memory of `byline import wordpress` on a generated export of a big blog.

Run from the repository root: `python bench/import.py [--posts 10000] [--comments 100000]`.
It writes a WXR 1.2 file (authors, categories, tags, posts with threaded comments and
pingbacks), imports it into a throwaway site with the real command line (SQLite, or PostgreSQL
with DATABASE_URL), imports it again (nothing to do), and prints Markdown rows for
bench/RESULTS.md (`--append` adds them there).
"""

import argparse
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scratch import scratch_folder  # noqa: E402

WORDS = [
    "council",
    "vote",
    "budget",
    "mayor",
    "senate",
    "court",
    "press",
    "rally",
    "harbour",
    "strike",
    "minister",
    "report",
    "city",
    "assembly",
    "reform",
    "workers",
    "debate",
    "statement",
    "election",
    "opposition",
    "coalition",
    "policy",
    "analyst",
]
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Benchmark blog</title><link>https://bench.example</link>
<description>A big blog</description><language>en-US</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://bench.example</wp:base_site_url>
<wp:base_blog_url>https://bench.example</wp:base_blog_url>
"""


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def write_export(path: Path, posts: int, comments: int, seed: int = 5) -> None:
    """A WXR file with `posts` posts sharing `comments` comments (a few are pingbacks)."""
    rng = random.Random(seed)
    start = datetime(2010, 1, 1, tzinfo=UTC)
    comment_id = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(1, 6):
            out.write(
                f"<wp:author><wp:author_id>{n}</wp:author_id><wp:author_login>{cdata(f'writer{n}')}"
                f"</wp:author_login><wp:author_email>{cdata(f'writer{n}@bench.example')}"
                f"</wp:author_email><wp:author_display_name>{cdata(f'Writer {n}')}"
                "</wp:author_display_name></wp:author>\n"
            )
        for n in range(1, 51):
            out.write(
                f"<wp:category><wp:term_id>{n}</wp:term_id><wp:category_nicename>section-{n}"
                f"</wp:category_nicename><wp:category_parent>{'section-1' if n > 40 else ''}"
                f"</wp:category_parent><wp:cat_name>{cdata(f'Section {n}')}</wp:cat_name>"
                "</wp:category>\n"
            )
        for n in range(1, 201):
            out.write(
                f"<wp:tag><wp:term_id>{100 + n}</wp:term_id><wp:tag_slug>topic-{n}</wp:tag_slug>"
                f"<wp:tag_name>{cdata(f'Topic {n}')}</wp:tag_name></wp:tag>\n"
            )
        for post_id in range(1, posts + 1):
            when = start + timedelta(hours=post_id * 3)
            local = when + timedelta(hours=5)
            body = "\n\n".join(sentence(rng, 40) for _ in range(4))
            share = comments // posts + (1 if post_id <= comments % posts else 0)
            out.write(
                f"<item><title>{cdata(f'Story {post_id}: ' + sentence(rng, 5))}</title>"
                f"<link>https://bench.example/?p={post_id}</link>"
                f"<dc:creator>{cdata(f'writer{post_id % 5 + 1}')}</dc:creator>"
                f'<guid isPermaLink="false">https://bench.example/?p={post_id}</guid>'
                f"<content:encoded>{cdata(body)}</content:encoded>"
                f"<excerpt:encoded>{cdata('')}</excerpt:encoded>"
                f"<wp:post_id>{post_id}</wp:post_id>"
                f"<wp:post_date>{local:%Y-%m-%d %H:%M:%S}</wp:post_date>"
                f"<wp:post_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>"
                "<wp:comment_status>open</wp:comment_status><wp:ping_status>open</wp:ping_status>"
                f"<wp:post_name>story-{post_id}</wp:post_name><wp:status>publish</wp:status>"
                "<wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>"
                "<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>"
                "<wp:is_sticky>0</wp:is_sticky>"
                f'<category domain="category" nicename="section-{post_id % 50 + 1}">'
                f"{cdata(f'Section {post_id % 50 + 1}')}</category>"
                f'<category domain="post_tag" nicename="topic-{post_id % 200 + 1}">'
                f"{cdata(f'Topic {post_id % 200 + 1}')}</category>\n"
            )
            first = comment_id + 1
            for k in range(share):
                comment_id += 1
                parent = rng.randrange(first, comment_id) if k and rng.random() < 0.4 else 0
                ping = comment_id % 25 == 0
                said = when + timedelta(minutes=10 * (k + 1))
                out.write(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author>{cdata(f'Reader {comment_id % 997}')}</wp:comment_author>"
                    f"<wp:comment_author_email>{cdata(f'r{comment_id % 997}@mail.example')}"
                    "</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>"
                    f"<wp:comment_author_IP>{cdata(f'10.0.{comment_id % 250}.{k % 250}')}"
                    "</wp:comment_author_IP>"
                    f"<wp:comment_date>{said + timedelta(hours=5):%Y-%m-%d %H:%M:%S}"
                    "</wp:comment_date>"
                    f"<wp:comment_date_gmt>{said:%Y-%m-%d %H:%M:%S}</wp:comment_date_gmt>"
                    f"<wp:comment_content>{cdata(sentence(rng, 25))}</wp:comment_content>"
                    f"<wp:comment_approved>{'1' if k % 10 else '0'}</wp:comment_approved>"
                    f"<wp:comment_type>{'pingback' if ping else 'comment'}</wp:comment_type>"
                    f"<wp:comment_parent>{0 if ping else parent}</wp:comment_parent>"
                    "<wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n"
                )
            out.write("</item>\n")
        out.write("</channel>\n</rss>\n")


def run(site: Path, export: Path, env: dict) -> tuple[float, str]:
    begin = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "byline", "--site", str(site), "import", "wordpress", str(export)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - begin, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--append", action="store_true", help="Add the rows to RESULTS.md.")
    args = parser.parse_args()
    scratch_folder("import")
    folder = Path(tempfile.mkdtemp(prefix="byline-bench-import-"))
    export = folder / "export.xml"
    write_export(export, args.posts, args.comments)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BYLINE_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    site = folder / "site"
    subprocess.run(
        [sys.executable, "-m", "byline", "--site", str(site), "init"], env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    first, report = run(site, export, env)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    second, _ = run(site, export, env)
    database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    machine = f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    size_mb = export.stat().st_size / 1e6
    lines = [
        f"{datetime.now():%Y-%m-%d}, {machine}, {database}: {args.posts} posts, "
        f"{args.comments} comments, a {size_mb:.0f} MB export",
        "",
        "| run | seconds | peak memory (MB, the whole process) |",
        "|---|---|---|",
        f"| first import | {first:.1f} | {peak_mb:.0f} |",
        f"| second import (nothing changed) | {second:.1f} | |",
        "",
    ]
    print("\n".join(lines))
    print(report)
    if args.append:
        with open(ROOT / "bench" / "RESULTS.md", "a", encoding="utf-8") as results:
            results.write("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
