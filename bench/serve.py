"""Serving benchmark: nginx's static file, granian alone, `byline serve` from the store, the
dynamic path, and a mixed read/response load, all measured with wrk in one run; then memory, and
`byline publish --all` for 1,000 and 10,000 posts.

Run from a clone: `python bench/serve.py` (it needs Debian's wrk and nginx, and installs
them when missing). It prints a Markdown table for bench/RESULTS.md.
"""

import argparse
import http.client
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scratch import scratch_folder  # noqa: E402
from tests.live import byline, free_port, run_python, serving, site_env  # noqa: E402

SETUP = """
import sys
sys.path.insert(0, {root!r})
from bench.render import build_site
from byline.responses.models import Discussion
reference, busy = build_site()
settings = Discussion.current()
# The mixed run measures throughput: every response is published at once and none refused.
settings.policy, settings.min_seconds = "guard_only", 0
# No rate limit, and no rate window: every POST comes from 127.0.0.1, and with only the limit
# raised each would count all the others (20,000 in a minute). A site's own limit (6 in 10
# minutes by default) caps what its check counts.
settings.rate_limit_ip = settings.rate_limit_email = 32767
settings.rate_window_minutes = 0
settings.notify_author = settings.notify_moderator = False
settings.save()
print(reference)
print(busy)
"""
TOKENS = """
from byline.content.models import Post
from byline.responses.tokens import issue_form_token
post = Post.objects.get(title="Two hundred responses")
print(post.pk)
for _ in range({count}):
    print(issue_form_token(post.pk))
"""


def ensure_tools() -> None:
    missing = [name for name, path in (("wrk", "wrk"), ("nginx", "/usr/sbin/nginx"))
               if not shutil.which(path)]  # fmt: skip
    if missing:
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True)


def wrk(url: str, seconds: int, connections: int, script: Path | None = None, env=None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", str(script)]
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: (.*)", out)
    posts = re.search(r"POSTS sent=(\d+) acknowledged=(\d+) failed=(\d+)", out)
    return {
        "rate": rate,
        "p99": float(p99.group(1)) * scale,
        "errors": int(errors.group(1)) if errors else 0,
        "socket": socket.group(1) if socket else "",
        "posts": tuple(map(int, posts.groups())) if posts else None,
    }


def median_run(runs: list[dict]) -> dict:
    """Several wrk runs of one server as one: the median rate and p99, every error counted."""
    return {
        "rate": statistics.median(run["rate"] for run in runs),
        "p99": statistics.median(run["p99"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "socket": "; ".join(run["socket"] for run in runs if run["socket"]),
    }


def tree_memory_mb(pid: int) -> tuple[float, float]:
    """Resident memory of a process and all its descendants: summed RSS (shared library pages
    once per process) and summed PSS (each shared page split between its processes)."""
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid=,rss="], capture_output=True, text=True)
    rows = [tuple(map(int, line.split())) for line in out.stdout.splitlines()]
    family, grew = {pid}, True
    while grew:
        grew = False
        for child, parent, _ in rows:
            if parent in family and child not in family:
                family.add(child)
                grew = True
    rss = sum(kb for child, _, kb in rows if child in family)
    pss = 0
    for child in family:
        try:
            rollup = Path(f"/proc/{child}/smaps_rollup").read_text()
        except FileNotFoundError:  # ended since ps looked
            continue
        pss += int(re.search(r"^Pss:\s+(\d+)", rollup, re.MULTILINE).group(1))
    return rss / 1024, pss / 1024


def nginx_static(store: Path, port: int, work: Path) -> subprocess.Popen:
    config = work / "nginx.conf"
    config.write_text(
        f"user root;\ndaemon off;\nworker_processes 2;\npid {work}/nginx.pid;\n"
        f"error_log {work}/error.log;\nevents {{ worker_connections 1024; }}\nhttp {{\n"
        "include /etc/nginx/mime.types;\naccess_log off;\n"
        f"client_body_temp_path {work}/body;\nproxy_temp_path {work}/proxy;\n"
        f"fastcgi_temp_path {work}/f;\nuwsgi_temp_path {work}/u;\nscgi_temp_path {work}/s;\n"
        f"server {{ listen 127.0.0.1:{port}; root {store}; charset utf-8;\n"
        "location / { try_files ${uri}index.html =404; } }\n}\n"
    )
    # In a session of its own, as `byline serve` is started (tests/live.py): each then gets
    # the same share of the CPU beside wrk (Linux schedules sessions as groups).
    return subprocess.Popen(["/usr/sbin/nginx", "-c", str(config)], start_new_session=True)


# The server's own ceiling: granian answering the same bytes from memory, with nothing else.
BARE_APP = """
from byline.publish.front import BASE_HEADERS
body = open({page!r}, "rb").read()
headers = [*BASE_HEADERS, (b"content-length", str(len(body)).encode())]
async def app(scope, receive, send):
    await send({{"type": "http.response.start", "status": 200, "headers": headers}})
    await send({{"type": "http.response.body", "body": body}})
"""


def bare_granian(page: Path, port: int, work: Path) -> subprocess.Popen:
    (work / "bare_app.py").write_text(BARE_APP.format(page=str(page)))
    command = [sys.executable, "-m", "granian", "--interface", "asginl", "--workers", "2",
               "--loop", "uvloop", "--host", "127.0.0.1", "--port", str(port),
               "--log-level", "warning", "bare_app:app"]  # fmt: skip
    env = os.environ | {"PYTHONPATH": f"{work}:{ROOT}"}
    return subprocess.Popen(command, cwd=work, env=env, start_new_session=True)


def answering(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class Arrivals:
    """A reader and a commenter arriving while the mixed run goes on: 20 reads and 2 response
    POSTs a second, each on a connection of its own and timed from the request to its answer.

    wrk's connections wait for their own answers, so its p99 says how long a request waits
    behind the others; these say what someone coming to the site meanwhile waits.
    """

    def __init__(self, port: int, paths: list[str], post_id: str, tokens: list[str]) -> None:
        self.port, self.paths, self.post_id, self.tokens = port, paths, post_id, tokens
        self.times: dict[str, list[float]] = {"read": [], "post": []}
        self.failed = self.acknowledged = 0
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(kind, rate))
                        for kind, rate in (("read", 20), ("post", 2))]  # fmt: skip

    def _send(self, connection: http.client.HTTPConnection, kind: str, number: int) -> int:
        if kind == "read":
            connection.request("GET", self.paths[number % len(self.paths)])
        else:
            body = (
                f"post={self.post_id}&comment=Arriving+commenter+{number}&author=Arrival"
                f"&email=arrival{number}%40example.com&fax=&token={self.tokens.pop()}"
            )
            headers = {"Content-Type": "application/x-www-form-urlencoded",
                       "Origin": f"http://127.0.0.1:{self.port}"}  # fmt: skip
            connection.request("POST", "/responses/", body, headers)
        answer = connection.getresponse()
        answer.read()
        return answer.status

    def _run(self, kind: str, rate: float) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        number = 0
        while not self.stop.is_set() and (kind == "read" or self.tokens):
            start = time.perf_counter()
            status = self._send(connection, kind, number)
            took = time.perf_counter() - start
            self.times[kind].append(took * 1000)
            self.acknowledged += kind == "post" and status == 303
            self.failed += status not in (200, 303)
            number += 1
            self.stop.wait(max(0.0, 1 / rate - took))
        connection.close()

    def __enter__(self) -> "Arrivals":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def summary(self) -> str:
        def spread(times: list[float]) -> str:
            times = sorted(times)
            median, p99 = times[len(times) // 2], times[int(len(times) * 0.99)]
            return f"{len(times)} timed, median {median:.1f} ms, p99 {p99:.1f} ms"

        return (f"reads {spread(self.times['read'])}; response POSTs "
                f"{spread(self.times['post'])}; {self.failed} failed")  # fmt: skip


def publish_speed(posts: int, env: dict) -> tuple[float, int, float]:
    """Seconds for `byline publish --all` on a site of `posts` posts (each with a category,
    two tags and a few responses); then, for a response on that site, the pages it leaves to
    render again and the milliseconds its save took."""
    site = Path(tempfile.mkdtemp(prefix=f"byline-publish-{posts}-"))
    byline(site, "init", env=env)
    run_python(site, GENERATE.format(root=str(ROOT), posts=posts), env)
    start = time.perf_counter()
    byline(site, "publish", "--all", env=env, timeout=1800)
    seconds = time.perf_counter() - start
    renew, took = run_python(site, RESPONSE_COST, env).split()
    return seconds, int(renew), float(took)


# Responses on a post halfway down the site, after `publish --all`: how many stored pages they
# leave the worker to render again, and how long saving the second took (noting those pages).
RESPONSE_COST = """
import time
from django.utils import timezone
from byline.content.models import Post
from byline.publish import site_store
from byline.responses.models import Response, ResponseStatus
store = site_store()
store.take_stale()
live = Post.objects.live().order_by("-published_at")
post = live[live.count() // 2]
for number in range(2):  # the first builds what a process keeps until the site's next change
    start = time.perf_counter()
    Response.objects.create(post=post, author_name="Reader", text=f"Halfway down, {number}.",
                            status=ResponseStatus.APPROVED, created_at=timezone.now())
    took = time.perf_counter() - start
print(len(store.take_stale()), took * 1000)
"""


GENERATE = """
import sys
sys.path.insert(0, {root!r})
from bench.sitegen import generate
generate({posts})
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="Length of each wrk run.")
    parser.add_argument(
        "--rounds", type=int, default=3, help="Rounds of nginx, granian alone and the store."
    )
    parser.add_argument("--mixed-seconds", type=int, default=60)
    parser.add_argument(
        "--publish", default="1000,10000", help="Site sizes for `byline publish --all` ('' skips)."
    )
    args = parser.parse_args()
    scratch_folder("serve")
    ensure_tools()
    env = site_env("")
    site = Path(tempfile.mkdtemp(prefix="byline-bench-serve-"))
    byline(site, "demo", env=env)
    reference, busy = run_python(site, SETUP.format(root=str(ROOT)), env).split()
    rows, notes = [], []

    def row(name: str, result: dict, base: float | None = None) -> None:
        ratio = f"{result['rate'] / base:.0%}" if base else ""
        rows.append(f"| {name} | {result['rate']:,.0f} | {ratio} | {result['p99']:.1f} | "
                    f"{result['errors']} {result['socket']} |")  # fmt: skip
        print(rows[-1], flush=True)  # as it comes: a long run that fails keeps what it measured

    with serving(site, env, workers=2) as base_url:
        for path in (reference, busy, "/"):  # fill the store
            for _ in range(2):
                urllib.request.urlopen(base_url + path).read()
        work = Path(tempfile.mkdtemp(prefix="byline-bench-nginx-"))
        page = site / "store" / reference.strip("/") / "index.html"
        nginx_port, bare_port = free_port(), free_port()
        nginx = nginx_static(site / "store", nginx_port, work)
        bare = bare_granian(page, bare_port, work)
        servers = {"nginx": f"http://127.0.0.1:{nginx_port}",
                   "granian": f"http://127.0.0.1:{bare_port}", "byline": base_url}  # fmt: skip
        runs: dict[str, list[dict]] = {name: [] for name in servers}
        try:
            for url in servers.values():
                answering(url + reference)
            # In turns, round after round: this machine's speed drifts by a fifth from one
            # ten-second run to the next, and each round's three runs see about the same.
            for _ in range(args.rounds):
                for name, url in servers.items():
                    runs[name].append(wrk(url + reference, args.seconds, 64))
        finally:
            os.killpg(bare.pid, signal.SIGTERM)  # granian and its workers
            nginx.terminate()
            nginx.wait()
            bare.wait()
        limit, ceiling, stored = (median_run(runs[name]) for name in servers)
        row("1. nginx, the stored reference page as a static file", limit)
        row("1b. granian alone, the same bytes from memory", ceiling, limit["rate"])
        row("2. byline serve, reference page from the store", stored, limit["rate"])
        # A reader arriving from a post shared on Facebook, with a click tracker of their own.
        tracked = wrk(
            base_url + reference + "?fbclid=IwAR0vx-Q_7c&utm_source=facebook", args.seconds, 64
        )
        row("2b. byline serve, the same page with ?fbclid=…&utm_source=…", tracked, limit["rate"])
        # Bots asking a WordPress site's new home for its login page: Django answers 404.
        missing = wrk(base_url + "/wp-login.php", args.seconds, 64)
        row("2c. byline serve, /wp-login.php (404, not counted as errors)",
            missing | {"errors": 0}, limit["rate"])  # fmt: skip
        # Stored pages while Django is kept busy (pages it must render, by 100 connections):
        # the front shares each worker's interpreter with Django's threads.
        busy_django = threading.Thread(
            target=wrk, args=(base_url + reference + "?replytocom=1", args.seconds + 2, 100)
        )
        busy_django.start()
        time.sleep(1)
        beside = wrk(base_url + reference, args.seconds, 64)
        busy_django.join()
        row("2d. byline serve, the stored page while Django renders for 100 more connections",
            beside, limit["rate"])  # fmt: skip
        # Someone trying to get past the store with a query string of their own at each request.
        busting = wrk(base_url + reference, args.seconds, 64, ROOT / "bench" / "busting.lua")
        row("2e. byline serve, the same page with a new made-up ?x=… at each request", busting,
            limit["rate"])  # fmt: skip
        rounds = ", ".join(
            f"{n['rate']:,.0f} / {g['rate']:,.0f} / {b['rate']:,.0f} ({b['rate'] / n['rate']:.0%})"
            for n, g, b in zip(runs["nginx"], runs["granian"], runs["byline"], strict=True)
        )
        notes.append(
            f"Rows 1, 1b and 2 are medians of {args.rounds} rounds, each running nginx, granian "
            f"alone and byline serve in turn (requests/s, and the store's share of nginx's): "
            f"{rounds}. byline serve from the store answered {stored['rate'] / ceiling['rate']:.0%}"
            " of what granian alone answers with the same bytes (row 1b)."
        )

    dynamic_env = env | {"BYLINE_STORE": "0"}
    with serving(site, dynamic_env, workers=2) as base_url:
        for name, path in (("reference post", reference), ("200-response post", busy)):
            result = wrk(base_url + path, args.seconds, 64)
            row(f"3. byline serve, store off: {name}", result, limit["rate"])
        # By default its page shows the first 50 threads of ~70: the same with all on one page.
        run_python(site, PAGING.format(on=False), env)
        result = wrk(base_url + busy, args.seconds, 64)
        row("3. byline serve, store off: 200-response post, all on one page", result, limit["rate"])
        run_python(site, PAGING.format(on=True), env)

    tokens = Path(tempfile.mkstemp(prefix="byline-tokens-")[1])
    arriving = 2 * args.mixed_seconds + 10  # tokens for the arriving commenter's POSTs
    # More than wrk can send (it sent ~370 a second here): out of tokens, it would only read.
    count = 1000 * args.mixed_seconds
    lines = run_python(site, TOKENS.format(count=count + arriving), env).split()
    post_id, wrk_tokens, arrival_tokens = lines[0], lines[1 : count + 1], lines[count + 1 :]
    tokens.write_text("\n".join(wrk_tokens) + "\n")
    with serving(site, env, workers=2) as base_url:
        paths = [reference, busy, "/", "/page/2/", "/category/politics/"]
        for path in paths:
            urllib.request.urlopen(base_url + path).read()
        before = run_python(site, COUNT, env).strip()
        mixed_env = os.environ | {
            "BENCH_PATHS": ",".join(paths),
            "BENCH_TOKENS": str(tokens),
            "BENCH_THREADS": "2",
            "BENCH_POST": post_id,
            "BENCH_ORIGIN": base_url,
        }
        port = int(base_url.rsplit(":", 1)[1])
        with Arrivals(port, paths, post_id, arrival_tokens) as arrivals:
            script = ROOT / "bench" / "mixed.lua"
            mixed = wrk(base_url + "/", args.mixed_seconds, 64, script, mixed_env)
        stopped = time.perf_counter()
        row(f"4. mixed, {args.mixed_seconds} s: 95% reads, 5% response POSTs", mixed)
        server_pid = int((site / "serve.pid").read_text()) if (site / "serve.pid").exists() else 0
        stored_now = int(run_python(site, COUNT, env).strip()) - int(before)
        # The post's page shows every stored response once the background worker has renewed
        # it: read it until it does (or 10 s have passed), as a reader would.
        wanted = int(before) + stored_now
        while True:
            page = urllib.request.urlopen(base_url + busy).read().decode()
            shown = int(re.search(r"(\d+) Responses to", page).group(1))
            waited = time.perf_counter() - stopped
            if shown >= wanted or waited > 10:
                break
            time.sleep(0.05)
        sent, acknowledged, failed = mixed["posts"]
        if sent >= len(wrk_tokens):
            notes.append("wrk used every form token it had: it sent only reads after that.")
        notes.append(f"Arriving during the mixed run: {arrivals.summary()}.")
        print(notes[-1], flush=True)
        acknowledged += arrivals.acknowledged
        notes.append(
            f"Mixed run: {sent} response POSTs from wrk and {len(arrivals.times['post'])} from "
            f"the arriving commenter, {acknowledged} acknowledged (303), {failed} "
            f"failed; {stored_now} new responses in the database; {waited:.2f} s after wrk "
            f"stopped the post page showed {shown} responses ({int(before) + acknowledged} "
            f"acknowledged, {wanted} stored)."
        )
        from urllib.parse import unquote

        slug = unquote(reference.strip("/").split("/")[-1])
        archive = reference.rstrip("/").rsplit("/", 1)[0] + "/"  # /2014/01/slug/ -> /2014/01/
        edit = EDIT.format(slug=slug, base=base_url, path=reference, archive=archive)
        times = sorted(map(int, run_python(site, edit, env).split()))
        notes.append(
            f"Editing the reference post's title: its page and its month's archive were current "
            f"again "
            f"over HTTP {times[len(times) // 2]} ms after save() (median of {len(times)}; "
            f"slowest {times[-1]} ms)."
        )
        print(notes[-1], flush=True)
        if server_pid:
            rss, pss = tree_memory_mb(server_pid)
            notes.append(f"Resident memory of byline serve after the runs: {rss:.0f} MB (all "
                         f"processes; {pss:.0f} MB counting each shared page once).")  # fmt: skip

    if args.publish:
        for count in map(int, args.publish.split(",")):
            seconds, renew, took = publish_speed(count, env)
            notes.append(
                f"`byline publish --all`, {count:,} posts: {seconds:.1f} s. Then a response "
                f"halfway down: {renew} stored pages to render again, saved in {took:.1f} ms "
                "(the second of two)."
            )
            print(notes[-1], flush=True)

    machine = f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"{datetime.now():%Y-%m-%d}, {machine}, SQLite, wrk -t2 -c64 -d{args.seconds}s\n")
    print("| run | requests/s | of nginx | p99 ms | errors |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    print()
    print("\n".join(f"- {note}" for note in notes))


# Edit the reference post's title, then read its page and its month's archive over HTTP until
# both show it: from the edit's save() to the store being current again, as readers see it.
EDIT = """
import time, urllib.request
from byline.content.models import Post
post = Post.objects.get(slug={slug!r})
for attempt in range(5):
    title = f"Edited title {{attempt}} {{time.time_ns()}}"
    post.title = title
    start = time.perf_counter()
    post.save()
    while not all(title in urllib.request.urlopen({base!r} + path).read().decode()
                  for path in ({path!r}, {archive!r})):
        if time.perf_counter() - start > 10:
            break
        time.sleep(0.005)
    print(round((time.perf_counter() - start) * 1000))
    time.sleep(0.5)
"""

PAGING = """
from byline.responses.models import Discussion
settings = Discussion.current()
settings.page_responses = {on}
settings.save()
"""

COUNT = """
from byline.responses.models import Response
print(Response.objects.filter(status="approved", post__title="Two hundred responses").count())
"""

if __name__ == "__main__":
    main()
