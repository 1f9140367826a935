"""Debian's nginx with the configuration in docs/deploy.md serves the page store, and a page
edited through Byline changes in what nginx serves."""

import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

import byline
from tests.integration.test_served_store import SETUP
from tests.live import byline as run_byline
from tests.live import database_url, free_port, run_python, serving, site_env

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
RENAME = """
from byline.content.models import Post
post = Post.objects.get(title="Dock workers strike")
post.title = "Dock workers end their strike"
post.save()
"""


def documented_server_block(site: Path, nginx_port: int, byline_port: int) -> str:
    block = re.search(r"```nginx\n(.*?)```", DEPLOY.read_text(), re.DOTALL).group(1)
    package = os.path.dirname(byline.__file__)
    return (
        block.replace("listen 80;", f"listen 127.0.0.1:{nginx_port};")
        .replace("/usr/lib/python3/dist-packages/byline", package)
        .replace("/srv/blog", str(site))
        .replace("127.0.0.1:8000", f"127.0.0.1:{byline_port}")
    )


def get(url: str) -> tuple[dict, str]:
    with urllib.request.urlopen(url, timeout=5) as answer:
        return answer.headers, answer.read().decode()


@pytest.fixture
def readable_folder():
    """A folder other users may enter (pytest's own are its owner's alone), as /srv is."""
    folder = Path(tempfile.mkdtemp(prefix="byline-nginx-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def nginx_in_front(tmp_path, readable_folder):
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: scripts/test installs Debian's nginx")
        pytest.skip("nginx is missing (apt-get install nginx)")
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
            config = work / "nginx.conf"
            config.write_text(
                # As Debian runs it: workers under a user of their own, not the site's owner.
                f"user nobody nogroup;\ndaemon off;\nworker_processes 1;\npid {work}/nginx.pid;\n"
                f"error_log {work}/error.log;\nevents {{}}\nhttp {{\n"
                f"include /etc/nginx/mime.types;\naccess_log off;\n"
                f"client_body_temp_path {work}/body;\nproxy_temp_path {work}/proxy;\n"
                f"fastcgi_temp_path {work}/fastcgi;\nuwsgi_temp_path {work}/uwsgi;\n"
                f"scgi_temp_path {work}/scgi;\n"
                f"{documented_server_block(site, nginx_port, byline_port)}\n}}\n"
            )
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
    assert "Dock workers" in get(front + "/?utm_source=x")[1]  # query strings go to Byline
