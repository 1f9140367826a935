"""The store's contract: after any sequence of edits, every stored page is byte for byte what
Django renders now (hypothesis draws the sequences)."""

import inspect

import pytest
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import resolve
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byline.content.models import Category, Page, Post, Site, Status, Tag
from byline.publish import site_store
from byline.publish.render import fresh_body, publish_path
from byline.publish.sitewide import public_paths
from byline.responses import moderation, tokens
from byline.responses.entries import on
from byline.responses.models import Discussion, Response, ResponseStatus
from byline.worker import publish_due_posts
from tests.factories import CategoryFactory, PostFactory, ResponseFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db


def _post(data) -> Post | None:
    posts = list(Post.objects.order_by("pk"))
    return posts[data.draw(st.integers(0, len(posts) - 1))] if posts else None


def create_post(data):
    categories = list(Category.objects.all())
    PostFactory(
        title=data.draw(st.sampled_from(["Port strike", "Tide tables", "Budget vote", "کراچی"])),
        author=UserFactory(username=data.draw(st.sampled_from(["amina", "bilal"]))),
        status=data.draw(st.sampled_from([Status.PUBLISHED, Status.DRAFT, Status.SCHEDULED])),
        published_at=timezone.now() - timezone.timedelta(hours=data.draw(st.integers(-5, 500))),
        categories=[data.draw(st.sampled_from(categories))] if categories else [],
        tags=list(Tag.objects.all()[: data.draw(st.integers(0, 2))]),
    )


def edit_post(data):
    if post := _post(data):
        post.title = data.draw(st.sampled_from(["Edited", "Harbour news", "بندرگاہ"]))
        post.sticky = data.draw(st.booleans())
        post.save()


def change_status(data):
    if post := _post(data):
        post.status = data.draw(st.sampled_from([s.value for s in Status]))
        post.save()


def move_post(data):
    if post := _post(data):
        post.published_at = timezone.now() - timezone.timedelta(days=data.draw(st.integers(0, 60)))
        post.categories.set(Category.objects.all()[: data.draw(st.integers(0, 2))])
        post.save()


def delete_post(data):
    if post := _post(data):
        post.delete()


def add_response(data):
    pages = list(Page.objects.order_by("pk"))
    on_page = bool(pages) and data.draw(st.booleans())
    entry = pages[data.draw(st.integers(0, len(pages) - 1))] if on_page else _post(data)
    # A few at once: enough threads to fill later pages of responses.
    for _ in range(data.draw(st.integers(1, 3)) if entry is not None else 0):
        status = data.draw(
            st.sampled_from([ResponseStatus.APPROVED] * 2 + [ResponseStatus.PENDING])
        )
        parent = entry.responses.filter(status=ResponseStatus.APPROVED).first()
        parent = parent if data.draw(st.booleans()) else None
        ResponseFactory(**on(entry), status=status, parent=parent)


def moderate(data):
    responses = list(Response.objects.order_by("pk"))
    if responses:
        response = responses[data.draw(st.integers(0, len(responses) - 1))]
        action = data.draw(st.sampled_from(["approve", "mark_spam", "trash", "restore"]))
        getattr(moderation, action)(response)


def rename_category(data):
    if category := Category.objects.order_by("?").first():
        category.name = data.draw(st.sampled_from(["Politics", "City", "Economy"]))
        category.save()


def edit_site(data):
    site = Site.current()
    site.title = data.draw(st.sampled_from(["The Ledger", "Harbour Times"]))
    site.posts_per_page = data.draw(st.integers(1, 4))
    site.save()


def schedule_post(data):
    PostFactory(
        title="Embargoed report",
        status=Status.SCHEDULED,
        published_at=timezone.now() + timezone.timedelta(days=1),
        categories=list(Category.objects.all()[: data.draw(st.integers(0, 1))]),
    )


def time_passes(data):
    """A post scheduled for later: its minute comes (it is live for readers at once), and the
    worker publishes it."""
    due = Post.objects.filter(status=Status.SCHEDULED, published_at__gt=timezone.now()).first()
    if due is not None:
        passed = timezone.now() - timezone.timedelta(minutes=data.draw(st.integers(1, 60)))
        Post.objects.filter(pk=due.pk).update(published_at=passed)
        publish_due_posts()


def add_page(data):
    Page.objects.create(
        title=data.draw(st.sampled_from(["About", "Contact"])),
        slug=f"page-{Page.objects.count()}",
        author=UserFactory(username="amina"),
        comment_status=data.draw(st.sampled_from(["open", "closed"])),
        status=Status.PUBLISHED,
        published_at=timezone.now(),
    )


# Responses first (hypothesis draws the first choices most): the commonest change, and
# enough of them make later pages of responses.
EDITS = [add_response, moderate, create_post, edit_post, change_status, move_post, delete_post,
         schedule_post, time_passes, rename_category, edit_site, add_page]  # fmt: skip


def kept_addresses() -> list[str]:
    """The feeds and sitemaps that each process keeps until the site's next version."""
    terms = [f"/category/{c.path}/feed/" for c in Category.objects.all()]
    terms += [f"/tag/{t.slug}/feed/" for t in Tag.objects.all()]
    sitemaps = ["/sitemap.xml", "/sitemap-posts.xml", "/sitemap-pages.xml", "/sitemap-archives.xml"]
    return ["/feed/", *terms, *sitemaps]


def fresh_answer(path: str) -> bytes:
    """What the feed or sitemap at `path` renders now, past what the process keeps."""
    match = resolve(path)
    response = inspect.unwrap(match.func)(RequestFactory().get(path), **match.kwargs)
    if hasattr(response, "render"):
        response.render()
    return response.content


def visit(data, capture) -> None:
    """Readers fill the store (a random selection of the public pages), and feed readers
    and crawlers what the process keeps."""
    paths = public_paths()
    # Rendering may create the site's settings row on first use: a change like any other.
    with capture(execute=True):
        chosen = data.draw(st.lists(st.sampled_from(paths), max_size=5, unique=True))
        # Later pages of responses, rare among all pages, are read each time.
        for path in dict.fromkeys(chosen + [p for p in paths if "/comment-page-" in p]):
            publish_path(path)
        for path in kept_addresses():
            Client().get(path)


def assert_coherent() -> None:
    store = site_store()
    for path in store.paths():
        assert store.read(path) == fresh_body(path), f"stale page in the store: {path}"
    for path in kept_addresses():
        answer = Client().get(path)
        if answer.status_code == 200:
            assert answer.content == fresh_answer(path), f"stale answer kept: {path}"


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_store_equals_fresh_render_after_any_edits(
    data, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tokens, "_now", lambda: 1_800_000_000.0)  # one token hour throughout
    store = site_store()
    with transaction.atomic():
        store.clear()
        store.set_fingerprint("")
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(2):
                CategoryFactory()
                TagFactory()
            # Few threads a page, so that posts and pages get later pages of responses, and
            # few posts a page, so that listings have later pages.
            Discussion.objects.update_or_create(
                pk=1, defaults={"responses_per_page": data.draw(st.integers(1, 2))}
            )
            site = Site.current()
            site.posts_per_page = data.draw(st.integers(1, 3))
            site.save()
        for _ in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                create_post(data)
        visit(data, django_capture_on_commit_callbacks)
        for edit in data.draw(st.lists(st.sampled_from(EDITS), min_size=1, max_size=6)):
            with django_capture_on_commit_callbacks(execute=True):
                edit(data)
            assert_coherent()
            visit(data, django_capture_on_commit_callbacks)
        transaction.set_rollback(True)
