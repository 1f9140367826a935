"""Two running Byline sites on loopback: a post on A links to a post on B; publishing it sends B a
webmention and a pingback, B verifies both and lists them after approval. A webmention whose
source does not link to its target is refused."""

import json
import time
import urllib.parse
import urllib.request

import pytest

from tests.live import byline, database_url, free_port, run_python, serving, site_env

AUTHOR = (
    "from django.contrib.auth import get_user_model\n"
    "from django.utils import timezone\n"
    "from byline.content.models import Post, Status\n"
    "from byline.responses.targets import absolute_url\n"
    "author, _ = get_user_model().objects.get_or_create(username='writer', "
    "defaults={'email': 'writer@example.org'})\n"
)
RESPONSES = (
    "import json\n"
    "from byline.responses.models import Response\n"
    "print(json.dumps(list(Response.objects.order_by('type').values("
    "'pk', 'type', 'status', 'author_name', 'author_url'))))\n"
)
VERIFICATIONS = (
    "import json\n"
    "from django_tasks_db.models import DBTaskResult\n"
    "done = DBTaskResult.objects.finished().filter(task_path__endswith='verify_webmention')\n"
    "print(json.dumps(list(done.values_list('return_value', flat=True))))\n"
)


def publish(site, env, title: str, body: str) -> str:
    """Publish a post on `site` (as an editor saving it would); its public URL."""
    code = AUTHOR + (
        f"post = Post.objects.create(title={title!r}, body={body!r}, author=author, "
        "status=Status.PUBLISHED, published_at=timezone.now() - timezone.timedelta(minutes=1))\n"
        "print(absolute_url(post))\n"
    )
    return run_python(site, code, env).strip()


def wait_for(read, done, seconds: float = 45):
    deadline = time.monotonic() + seconds
    while True:
        value = read()
        if done(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.5)


@pytest.fixture
def two_sites(tmp_path):
    """Sites A and B serving on loopback, each allowed to fetch the other."""
    with database_url() as db_a, database_url() as db_b:
        sites = []
        for name, db_url in (("a", db_a), ("b", db_b)):
            site, port = tmp_path / name, free_port()
            env = site_env(db_url) | {
                "BYLINE_FETCH_PRIVATE_ADDRESSES": "1",
                "BYLINE_BASE_URL": f"http://127.0.0.1:{port}",
            }
            byline(site, "init", env=env)
            sites.append((site, env, port))
        (site_a, env_a, port_a), (site_b, env_b, port_b) = sites
        with serving(site_a, env_a, port=port_a), serving(site_b, env_b, port=port_b):
            yield (site_a, env_a), (site_b, env_b)


def test_linked_site_receives_verifies_and_lists_webmention_and_pingback(two_sites):
    (site_a, env_a), (site_b, env_b) = two_sites
    target = publish(site_b, env_b, "Port chief resigns", "The port chief resigned today.")
    source = publish(
        site_a, env_a, "Ports and power",
        f"The harbour story moved fast. As [the Ledger reported]({target}), he resigned.",
    )  # fmt: skip

    received = wait_for(
        lambda: json.loads(run_python(site_b, RESPONSES, env_b)), lambda got: len(got) >= 2
    )
    assert [(r["type"], r["status"]) for r in received] == [
        ("pingback", "pending"),
        ("webmention", "pending"),
    ]
    assert all(r["author_url"] == source for r in received)
    assert all(r["author_name"].startswith("Ports and power") for r in received)  # A's page title
    page = urllib.request.urlopen(target).read().decode()
    assert "No Responses Yet" in page and "Ports and power" not in page

    run_python(
        site_b,
        "from byline.responses import moderation\n"
        "from byline.responses.models import Response\n"
        "for response in Response.objects.all():\n"
        "    moderation.approve(response)\n",
        env_b,
    )
    # The stored page is renewed by site B's worker a moment after the approval.
    page = wait_for(
        lambda: urllib.request.urlopen(target).read().decode(),
        lambda html: "2 Responses to" in html,
        seconds=5,
    )
    assert "2 Responses to “Port chief resigns”" in page
    assert "Pingback:" in page and "Webmention:" in page
    assert page.count(f'href="{source}"') == 2


def test_webmention_from_a_page_that_does_not_link_is_refused(two_sites):
    (site_a, env_a), (site_b, env_b) = two_sites
    target = publish(site_b, env_b, "Budget vote", "The council voted on the budget.")
    unrelated = publish(site_a, env_a, "Weather", "Rain all week, no links at all.")
    data = urllib.parse.urlencode({"source": unrelated, "target": target}).encode()
    endpoint = env_b["BYLINE_BASE_URL"] + "/webmention/"
    with urllib.request.urlopen(endpoint, data) as answer:
        assert answer.status == 202
    verdicts = wait_for(lambda: json.loads(run_python(site_b, VERIFICATIONS, env_b)), bool)
    assert verdicts == ["refused: The source does not link to the target."]
    assert json.loads(run_python(site_b, RESPONSES, env_b)) == []
    assert "No Responses Yet" in urllib.request.urlopen(target).read().decode()
