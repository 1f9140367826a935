"""No acknowledged response is ever lost: 20 concurrent posters × 50 responses against one
`byline serve` on SQLite, then the same while the server is killed (SIGKILL) and restarted."""

import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.live import (
    byline,
    free_port,
    kill_server,
    run_python,
    site_env,
    start_server,
    stop_server,
)

POSTERS, EACH = 20, 50
SETUP = """
from django.utils import timezone
from byline.content.models import Post, Status
from byline.content.roles import create_user
from byline.responses.models import Discussion
from byline.responses.tokens import issue_form_token
settings = Discussion.current()
settings.policy, settings.min_seconds = "guard_only", 0
settings.rate_limit_ip = settings.rate_limit_email = 32767
settings.notify_author = settings.notify_moderator = False
settings.save()
author = create_user("amina", "amina@example.com", "author", "a long test passphrase 7")
post = Post.objects.create(title="Budget debate", author=author, body="Have your say.",
    status=Status.PUBLISHED, published_at=timezone.now() - timezone.timedelta(hours=1))
print(post.pk)
for _ in range({tokens}):
    print(issue_form_token(post.pk))
"""
STORED = """
from byline.responses.models import Response
for text in Response.objects.values_list("text", flat=True):
    print(text)
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def poster(base: str, post_id: str, tokens: list[str], name: str, acknowledged: list[str]):
    opener = urllib.request.build_opener(NoRedirect)
    for number, token in enumerate(tokens):
        text = f"Response {name}-{number}"
        data = urllib.parse.urlencode(
            {
                "post": post_id,
                "comment": text,
                "author": name,
                "fax": "",
                "token": token,
                "email": f"{name}-{number}@example.com",
            }  # fmt: skip
        ).encode()
        request = urllib.request.Request(base + "/responses/", data, {"Origin": base})
        for _attempt in range(3):
            try:
                opener.open(request, timeout=30).close()
            except urllib.error.HTTPError as answer:
                answer.close()
                if answer.code == 303:
                    acknowledged.append(text)
                break
            except OSError:  # the server is down: nothing was acknowledged, try again
                time.sleep(0.3)


def restart(site, env, port: int):
    """Start the server again once the killed one has let go of its port."""
    for _attempt in range(50):
        try:
            return start_server(site, env, port, workers=2)
        except RuntimeError:
            time.sleep(0.2)
    return start_server(site, env, port, workers=2)


@pytest.mark.parametrize("crash", [False, True], ids=["steady", "killed-and-restarted"])
def test_every_acknowledged_response_is_stored(tmp_path, crash):
    site = tmp_path / "site"
    env = site_env("")  # SQLite, as the issue asks
    byline(site, "init", env=env)
    lines = run_python(site, SETUP.format(tokens=POSTERS * EACH), env).split()
    post_id, tokens = lines[0], lines[1:]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(site, env, port, workers=2)
    acknowledged: list[str] = []
    threads = [
        threading.Thread(
            target=poster,
            args=(base, post_id, tokens[n * EACH : (n + 1) * EACH], f"p{n}", acknowledged),
        )
        for n in range(POSTERS)
    ]
    try:
        for thread in threads:
            thread.start()
        if crash:
            while len(acknowledged) < POSTERS * EACH // 3:
                time.sleep(0.05)
            kill_server(server)
            server = restart(site, env, port)
        for thread in threads:
            thread.join(timeout=600)
    finally:
        stop_server(server)
    stored = set(run_python(site, STORED, env).splitlines())
    lost = [text for text in acknowledged if text not in stored]
    assert acknowledged and lost == []
    assert len(acknowledged) >= POSTERS * EACH * (0.9 if crash else 1)
