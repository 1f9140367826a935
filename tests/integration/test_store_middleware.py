"""A page rendered while something changed: stored only when it is newer than the stored one,
never when the page was dropped meanwhile, and always noted for the worker to render again;
the worker renders a slow page again only now and then."""

import os
import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from byline.publish import site_store
from byline.publish.middleware import PageStoreMiddleware

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
