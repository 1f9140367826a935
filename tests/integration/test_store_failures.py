"""When keeping the page store current fails, the change it follows still stands: the request
that made it succeeds and the store starts over; processes starting at once agree on the node's
name."""

import multiprocessing

import pytest

from byline.content.links import Links
from byline.content.models import Site
from byline.publish import broadcast, site_store
from byline.publish.store import NODE
from byline.responses.models import Discussion, Response, ResponseStatus
from tests.factories import PostFactory
from tests.responding import send

pytestmark = pytest.mark.django_db


def test_a_response_is_acknowledged_even_when_the_store_update_fails(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = PostFactory(title="Harbour audit")
        Discussion.objects.update_or_create(pk=1, defaults={"policy": "guard_only"})
        path = Links(Site.current()).post(post)
        client.get(path)  # may make the settings rows, which empties the store
    client.get(path)
    store = site_store()
    assert store.read(path) is not None

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(type(store), "mark_stale", full_disk)
    with django_capture_on_commit_callbacks(execute=True):
        answer = send(client, post)
    assert answer.status_code == 303
    assert Response.objects.get().status == ResponseStatus.APPROVED
    # The page that showed no response is not served from the store any more.
    assert store.read(path) is None
    monkeypatch.undo()
    assert "The harbour board should publish" in client.get(path).content.decode()


def test_an_edit_whose_page_cannot_be_written_is_not_served_as_it_was(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = PostFactory(title="Harbour audit")
        path = Links(Site.current()).post(post)
        client.get(path)  # may make the settings rows, which empties the store
    client.get(path)
    store = site_store()
    assert b"Harbour audit" in store.read(path)

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(type(store), "_write_atomic", full_disk)
    with django_capture_on_commit_callbacks(execute=True):
        post.title = "Harbour audit withdrawn"
        post.save()
    assert store.read(path) is None  # not the page from before the edit
    monkeypatch.undo()
    assert "Harbour audit withdrawn" in client.get(path).content.decode()


def _name(barrier, answers) -> None:
    broadcast.node_id.cache_clear()
    barrier.wait()
    try:
        answers.put(broadcast.node_id())
    except Exception as error:  # what a failing process saw goes back to the test
        answers.put(repr(error))


def test_processes_starting_at_once_agree_on_the_node_name():
    marker = site_store().root / NODE
    context = multiprocessing.get_context("fork")
    for _ in range(5):
        marker.unlink(missing_ok=True)
        barrier, answers = context.Barrier(6), context.Queue()
        workers = [context.Process(target=_name, args=(barrier, answers)) for _ in range(6)]
        for worker in workers:
            worker.start()
        names = [answers.get(timeout=30) for _ in workers]
        for worker in workers:
            worker.join()
        assert len(set(names)) == 1 and len(names[0]) == 32, names
        assert names[0] == marker.read_text()
