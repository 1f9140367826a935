"""A page rendered while something changed: stored only when it is newer than the stored one,
never when the page was dropped meanwhile, and always noted for the worker to render again;
a newer page written while an older render is being stored lands after it; pages held to be
written together (`publish --all`) are judged the same; the worker renders a slow page again
only now and then."""

import gzip
import os
import threading
import time

import brotli
import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from byline.content.links import Links
from byline.content.models import Site
from byline.publish import site_store
from byline.publish.middleware import PageStoreMiddleware, writes_held
from byline.publish.render import fresh_body
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db
PATH = "/2026/11/harbour-strike/"


def render_across_a_change(body: bytes, during=None):
    """Run the middleware over a 'view' during which the store's generation moves on."""
    store = site_store()

    def view(request):
        store.next_generation()
        if during:
            during(store)
        return HttpResponse(body, content_type="text/html; charset=utf-8")

    PageStoreMiddleware(view)(RequestFactory().get(PATH))
    return store


def age(store, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(store.file_for(PATH), (then, then))


def test_a_query_string_byline_does_not_read_is_stored_as_the_page_and_others_are_not(client):
    url = Links(Site.current()).post(PostFactory(title="Harbour strike ends"))
    store = site_store()
    store.drop(url)
    assert b"Harbour strike ends" in client.get(url + "?replytocom=1").content
    assert not store.has(url)
    shown = client.get(url + "?fbclid=IwAR0vx-Q&utm_source=facebook").content
    assert store.read(url) == shown == fresh_body(url)


def test_a_render_across_a_change_replaces_an_older_page_and_is_rendered_again():
    store = site_store()
    store.write(PATH, b"<p>200 responses</p>")
    age(store, 5)
    render_across_a_change(b"<p>201 responses</p>")
    assert store.read(PATH) == b"<p>201 responses</p>"
    assert PATH in store.take_stale()


def test_a_page_dropped_during_the_render_is_not_brought_back():
    store = site_store()
    store.write(PATH, b"<p>the leaked memo</p>")
    age(store, 5)
    render_across_a_change(b"<p>the leaked memo</p>", during=lambda s: s.drop(PATH))
    assert store.read(PATH) is None
    assert PATH in store.take_stale()


def test_a_page_written_during_the_render_is_not_replaced_by_the_older_render():
    store = site_store()
    store.write(PATH, b"<p>old</p>")
    age(store, 5)
    render_across_a_change(b"<p>began first</p>", during=lambda s: s.write(PATH, b"<p>newest</p>"))
    assert store.read(PATH) == b"<p>newest</p>"


def serve(body: bytes) -> None:
    view = lambda request: HttpResponse(body, content_type="text/html; charset=utf-8")  # noqa: E731
    PageStoreMiddleware(view)(RequestFactory().get(PATH))


def test_held_pages_are_stored_whole_when_their_block_ends():
    store = site_store()
    store.drop(PATH)
    page = b"<p>" + b"The harbour strike ends after nine days. " * 100 + b"</p>"
    with writes_held() as held:
        serve(page)
        assert store.read(PATH) is None
    assert held.failed == []
    assert store.read(PATH) == page
    assert gzip.decompress(store.read(PATH, "gzip")) == page
    assert brotli.decompress(store.read(PATH, "br")) == page


def test_pages_held_past_the_bytes_allowed_are_written_at_once(monkeypatch):
    from byline.publish import middleware

    store = site_store()
    store.drop(PATH)
    monkeypatch.setattr(middleware, "HELD_BYTES", 100)
    with writes_held():
        serve(b"<p>" + b"A page larger than what may be held. " * 10 + b"</p>")
        assert store.read(PATH) is not None


def test_a_page_dropped_while_its_render_is_held_is_not_brought_back():
    store = site_store()
    store.write(PATH, b"<p>the leaked memo</p>")
    age(store, 5)
    with writes_held():
        serve(b"<p>the leaked memo</p>")
        store.next_generation()  # the post taken down while its render waits to be written
        store.drop(PATH)
    assert store.read(PATH) is None
    assert PATH in store.take_stale()


def test_a_newer_render_lands_after_an_older_one_caught_storing_it(monkeypatch):
    """Two processes: one stores a render of the data as it was (it decided to, then the
    machine paused it); meanwhile the change commits and its own render is stored. The
    newer page must be what stays."""
    store = site_store()
    store.write(PATH, b"<p>old</p>")
    age(store, 5)
    deciding, resume = threading.Event(), threading.Event()
    write = store.write

    def paused_write(path, body, headers=None, compressed=None):
        if body == b"<p>began first</p>":
            deciding.set()
            resume.wait(5)
        return write(path, body, headers, compressed)

    monkeypatch.setattr(store, "write", paused_write)

    def render(body):
        view = lambda request: HttpResponse(body, content_type="text/html; charset=utf-8")  # noqa: E731
        return threading.Thread(target=PageStoreMiddleware(view), args=[RequestFactory().get(PATH)])

    older = render(b"<p>began first</p>")
    older.start()
    assert deciding.wait(5)
    store.next_generation()  # the change, then its render
    newer = render(b"<p>newest</p>")
    newer.start()
    newer.join(0.3)  # the older render holds the page: the newer one waits for it
    resume.set()
    older.join(5)
    newer.join(5)
    assert store.read(PATH) == b"<p>newest</p>"


def test_the_worker_paces_a_page_that_is_slow_to_render():
    from byline.publish import events

    store = site_store()
    events._last_render[PATH] = (time.monotonic(), 1.0)  # rendered just now, in a second
    store.mark_stale([PATH])
    assert events.render_stale(paced=True) == 0
    assert PATH in store.take_stale()  # kept for a later round, served as it is meanwhile
    events._last_render[PATH] = (time.monotonic() - 11, 1.0)
    store.mark_stale([PATH])
    assert events.render_stale(paced=True) == 1
    assert store.take_stale() == set()


def test_a_change_to_a_slow_page_shows_within_a_second_all_the_same():
    from byline.publish import events

    store = site_store()
    # Its last render took a second (a process's first, on a loaded machine), 0.6 s ago.
    events._last_render[PATH] = (time.monotonic() - 0.6, 1.0)
    store.mark_stale([PATH])
    assert events.render_stale(paced=True) == 1
    assert store.take_stale() == set()


def test_the_worker_renders_for_a_bounded_time_each_round(monkeypatch):
    from byline.publish import events

    store = site_store()
    paths = [f"{PATH}comment-page-{n}/" for n in range(2, 6)]
    for path in paths:
        events._last_render.pop(path, None)
    monkeypatch.setattr(events, "ROUND_SECONDS", 0.0)  # spent as soon as one page is rendered
    store.mark_stale(paths)
    assert events.render_stale(paced=True) == 1
    assert store.take_stale() == set(paths[1:])  # the others wait for the next rounds
