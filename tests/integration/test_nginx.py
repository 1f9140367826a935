"""Debian's nginx with the configuration `byline nginx` prints (the one docs/deploy.md shows)
serves the page store, and a page edited through Byline changes in what nginx serves."""

import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.integration.test_served_store import SETUP
from tests.live import byline as run_byline
from tests.live import database_url, free_port, run_python, serving, site_env

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
RENAME = """
from byline.content.models import Post
post = Post.objects.get(title="Dock workers strike")
post.title = "Dock workers end their strike"
post.save()
"""

READERS = """
from byline.content.models import Post
from byline.responses.models import Discussion
from byline.responses.tokens import issue_form_token
settings = Discussion.current()
settings.min_seconds = 0  # the readers send at once
settings.save()
post = Post.objects.get(title="Dock workers strike")
print(post.pk)
for _ in range(8):
    print(issue_form_token(str(post.pk)))
"""
ADDRESSES = """
from byline.responses.models import Response
readers = Response.objects.filter(author_name="Reader")
print(" ".join(sorted(readers.values_list("author_ip", flat=True))))
"""


def printed_server_block(site: Path, env: dict, nginx_port: int, byline_port: int) -> str:
    """What `byline nginx` prints for the site, as a user would run it."""
    return run_byline(
        site, "nginx", "--listen", f"127.0.0.1:{nginx_port}", "--upstream",
        f"127.0.0.1:{byline_port}", env=env,
    ).stdout  # fmt: skip


def get(url: str) -> tuple[dict, str]:
    with urllib.request.urlopen(url, timeout=5) as answer:
        return answer.headers, answer.read().decode()


def nginx_conf(work: Path, server_block: str) -> Path:
    """An nginx.conf in `work` with `server_block` in its http context, as Debian's includes
    sites-enabled/."""
    config = work / "nginx.conf"
    config.write_text(
        # As Debian runs it: workers under a user of their own, not the site's owner.
        f"user nobody nogroup;\ndaemon off;\nworker_processes 1;\npid {work}/nginx.pid;\n"
        f"error_log {work}/error.log;\nevents {{}}\nhttp {{\n"
        f"include /etc/nginx/mime.types;\naccess_log off;\n"
        f"client_body_temp_path {work}/body;\nproxy_temp_path {work}/proxy;\n"
        f"fastcgi_temp_path {work}/fastcgi;\nuwsgi_temp_path {work}/uwsgi;\n"
        f"scgi_temp_path {work}/scgi;\n{server_block}\n}}\n"
    )
    return config


def needs_nginx() -> None:
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: scripts/test installs Debian's nginx")
        pytest.skip("nginx is missing (apt-get install nginx)")


@pytest.fixture
def readable_folder():
    """A folder other users may enter (pytest's own are its owner's alone), as /srv is."""
    folder = Path(tempfile.mkdtemp(prefix="byline-nginx-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def nginx_in_front(tmp_path, readable_folder):
    needs_nginx()
    site = readable_folder / "site"
    with database_url() as url:
        env = site_env(url)
        run_byline(site, "init", env=env)
        path = run_python(site, SETUP, env).strip()
        with serving(site, env) as base:
            byline_port = int(base.rsplit(":", 1)[1])
            nginx_port = free_port()
            work = tmp_path / "nginx"
            work.mkdir()
            block = printed_server_block(site, env, nginx_port, byline_port)
            config = nginx_conf(work, block)
            check = subprocess.run([NGINX, "-t", "-c", str(config)], capture_output=True, text=True)
            assert check.returncode == 0, check.stderr
            process = subprocess.Popen([NGINX, "-c", str(config)])
            try:
                front = f"http://127.0.0.1:{nginx_port}"
                for _ in range(100):
                    try:
                        get(front + "/static/byline/byline.css")
                        break
                    except OSError:
                        time.sleep(0.05)
                yield site, env, front, path
            finally:
                process.terminate()
                process.wait(timeout=10)


def test_nginx_serves_the_store_and_follows_edits(nginx_in_front):
    site, env, front, path = nginx_in_front
    # Publishing the post rendered its page into the store: nginx sends it from disk.
    headers, body = get(front + path)
    assert headers["X-Byline-Store"] == "hit" and "Dock workers strike" in body
    author = "/author/amina/"
    assert get(front + author)[0].get("X-Byline-Store") is None  # a miss goes to Byline…
    assert get(front + author)[0]["X-Byline-Store"] == "hit"  # …which stores it
    run_python(site, RENAME, env)
    deadline = time.monotonic() + 1
    while "Dock workers end their strike" not in get(front + path)[1]:
        assert time.monotonic() < deadline, "nginx still serves the old page"
        time.sleep(0.02)
    headers, body = get(front + path)
    assert headers["X-Byline-Store"] == "hit"
    assert get(front + "/static/byline/byline.css")[1].startswith("/*")
    # Parameters Byline does not read change nothing: from disk too. Those it reads go to it.
    for query in ("?fbclid=IwAR0vx-Q&utm_source=facebook", "?x=84213"):
        headers, body = get(front + path + query)
        assert headers["X-Byline-Store"] == "hit" and "Dock workers end their strike" in body
    headers, body = get(front + path + "?replytocom=1&utm_source=facebook")
    assert headers.get("X-Byline-Store") is None and "Dock workers end their strike" in body


def test_behind_nginx_each_reader_has_their_own_address(nginx_in_front):
    """Behind the documented nginx, Byline is reached from 127.0.0.1 only: without the reader's
    address from X-Forwarded-For, the guard's limit per address (6 in 10 minutes) would be one
    limit for all readers together."""
    site, env, front, path = nginx_in_front
    post, *tokens = run_python(site, READERS, env).split()
    addresses = [f"203.0.113.{n}" for n in range(1, 9)]
    for number, (address, token) in enumerate(zip(addresses, tokens, strict=True)):
        form = {"post": post, "comment": f"Reader {number} stands with the dockers.",
                "author": "Reader", "email": f"reader{number}@example.org", "fax": "",
                "token": token}  # fmt: skip
        request = urllib.request.Request(
            front + "/responses/",
            data=urllib.parse.urlencode(form).encode(),
            # The reader's own proxy (a CDN, say) reached nginx from 127.0.0.1, a trusted one.
            headers={"Origin": front, "X-Forwarded-For": address},
        )
        try:  # not followed: the answer itself is what counts
            urllib.request.build_opener(NoRedirect).open(request, timeout=10).close()
            status = 200
        except urllib.error.HTTPError as answer:
            status = answer.code
            answer.close()
        assert status == 303, f"reader {number}'s response was answered {status}"
    assert run_python(site, ADDRESSES, env).split() == sorted(addresses)


def test_a_site_in_a_folder_with_a_space_gets_a_configuration_nginx_takes(
    tmp_path, readable_folder
):
    needs_nginx()
    site, env = readable_folder / "news desk", site_env("")
    run_byline(site, "init", env=env)
    block = run_byline(site, "nginx", "--listen", "127.0.0.1:8080", env=env).stdout
    assert f'root "{site}/store";' in block
    check = subprocess.run(
        [NGINX, "-t", "-c", str(nginx_conf(tmp_path, block))], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
