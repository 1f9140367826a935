"""Previews: those who may edit a post or page see it as readers will, before it is live;
nobody else sees it, and nothing of it reaches readers, the store or search engines."""

import pytest
from django.utils import timezone

from byline.content.links import Links
from byline.content.models import Page, Post, Site, Status
from byline.publish import site_store
from tests.factories import PostFactory
from tests.integration.test_admin import post_form, signed_in

pytestmark = pytest.mark.django_db


def preview_url(entry) -> str:
    kind = "post" if isinstance(entry, Post) else "page"
    return f"/admin/byline_content/{kind}/{entry.pk}/preview/"


def draft(author, **fields) -> Post:
    values = {"title": "Ferry fares to double", "status": Status.DRAFT, "published_at": None}
    values["body"] = "The port authority will **double** ferry fares in spring."
    return PostFactory(author=author, **values | fields)


def test_an_editor_previews_a_draft_as_readers_will_see_it(client):
    editor = signed_in(client, "editor")
    post = draft(editor)
    before = site_store().paths()
    page = client.get(preview_url(post))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ferry fares to double" in html and "<strong>double</strong> ferry fares" in html
    assert "This post is a draft: readers cannot see it yet." in html
    assert f'<a href="/admin/byline_content/post/{post.pk}/change/">Back to editing</a>' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert {"private", "no-store"} <= set(page["Cache-Control"].split(", "))
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    # Dated now, as publishing it now would date it; still nobody else's to see.
    post.refresh_from_db()
    assert post.status == Status.DRAFT and post.published_at is None
    assert site_store().paths() == before
    client.logout()
    assert client.get(preview_url(post)).status_code == 302  # to the admin's sign-in
    assert b"Ferry fares" not in client.get("/?s=ferry").content


def test_only_those_who_may_edit_an_entry_preview_it(client):
    owner = signed_in(client, "author", "amina")
    post = draft(owner)
    client.logout()
    signed_in(client, "author", "bilal")
    assert client.get(preview_url(post)).status_code == 404
    client.logout()
    signed_in(client, "subscriber", "sana")
    assert client.get(preview_url(post)).status_code == 302  # not staff: to the sign-in
    client.logout()
    contributor = signed_in(client, "contributor", "omar")
    pending = draft(contributor, title="Harbour dredging delayed", status=Status.PENDING)
    page = client.get(preview_url(pending))
    assert page.status_code == 200
    assert "This post is waiting for review" in page.content.decode()


def test_save_and_preview_saves_then_shows_the_preview(client):
    editor = signed_in(client, "editor")
    form = post_form(editor, status=Status.DRAFT, published_at_0="", published_at_1="")
    added = client.post("/admin/byline_content/post/add/", form | {"_preview": "1"})
    post = Post.objects.get(slug="tide-tables-revised")
    assert added.status_code == 302 and added["Location"] == preview_url(post)
    assert post.status == Status.DRAFT
    assert "<strong>tide tables</strong>" in client.get(added["Location"]).content.decode()
    editing = client.get(f"/admin/byline_content/post/{post.pk}/change/").content.decode()
    assert f'<a href="{preview_url(post)}" class="viewsitelink">Preview</a>' in editing
    assert '<input type="submit" value="Save and preview" name="_preview">' in editing
    changed = form | {"title": "Tide tables revised again", "_preview": "1"}
    saved = client.post(f"/admin/byline_content/post/{post.pk}/change/", changed)
    assert saved["Location"] == preview_url(post)
    assert "Tide tables revised again" in client.get(saved["Location"]).content.decode()


def test_a_published_posts_changes_are_previewed_unsaved_and_readers_see_it_unchanged(
    client, django_capture_on_commit_callbacks
):
    editor = signed_in(client, "editor")
    form = post_form(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/byline_content/post/add/", form)
    post = Post.objects.get(slug="tide-tables-revised")
    address = Links(Site.current()).post(post)
    change = f"/admin/byline_content/post/{post.pk}/change/"
    editing = client.get(change).content.decode()
    assert 'value="Preview changes" name="_preview_changes"' in editing
    assert 'name="_preview"' not in editing  # saving would publish the changes
    edited = form | {"title": "Tide tables withdrawn", "body": "They were **wrong**.",
                     "_preview_changes": "1"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        shown = client.post(change, edited)
    html = shown.content.decode()
    assert shown.status_code == 200 and "no-store" in shown["Cache-Control"]
    assert "Tide tables withdrawn" in html and "They were <strong>wrong</strong>." in html
    assert "These changes are not saved" in html
    post.refresh_from_db()
    assert post.title == "Tide tables revised" and "tide tables" in post.body_html
    client.logout()
    assert "Tide tables revised" in client.get(address).content.decode()
    assert b"withdrawn" not in site_store().read(address)
    # A form that cannot be saved is not previewed either: its errors are shown.
    signed_in(client, "editor", "editor2")
    refused = client.post(change, edited | {"title": ""})
    assert refused.status_code == 200 and "This field is required." in refused.content.decode()
    assert Post.objects.get(pk=post.pk).title == "Tide tables revised"


def test_preview_changes_never_saves_even_when_the_post_was_taken_down_meanwhile(client):
    editor = signed_in(client, "editor")
    form = post_form(editor)
    client.post("/admin/byline_content/post/add/", form)
    post = Post.objects.get(slug="tide-tables-revised")
    Post.objects.filter(pk=post.pk).update(status=Status.DRAFT)  # another editor's doing
    edited = form | {"title": "Tide tables withdrawn", "_preview_changes": "1"}
    shown = client.post(f"/admin/byline_content/post/{post.pk}/change/", edited)
    html = shown.content.decode()
    assert shown.status_code == 200 and "Tide tables withdrawn" in html
    assert "These changes are not saved, and this post is not published." in html
    post.refresh_from_db()
    assert (post.title, post.status) == ("Tide tables revised", Status.DRAFT)


def test_a_preview_dated_otherwise_leaves_readers_neighbour_links_alone(client):
    editor = signed_in(client, "editor")
    day = timezone.timedelta(days=1)
    now = timezone.now()
    PostFactory(title="Older news", published_at=now - 3 * day)
    middle = PostFactory(title="Middle news", published_at=now - 2 * day)
    PostFactory(title="Newer news", published_at=now - day)
    form = post_form(editor, title="Middle news", slug=middle.slug, published_at_0=(
        now + day).strftime("%Y-%m-%d"))  # fmt: skip
    change = f"/admin/byline_content/post/{middle.pk}/change/"
    client.post(change, form | {"_preview_changes": "1"})  # dated after the newer one
    client.logout()
    site_store().clear()
    page = client.get(Links(Site.current()).post(middle)).content.decode()
    assert "<bdi>Older news</bdi>" in page and "<bdi>Newer news</bdi>" in page


def test_a_scheduled_post_and_a_draft_page_are_previewed_with_what_readers_will_see(client):
    site = Site.current()
    editor = signed_in(client, "editor")
    soon = timezone.now() + timezone.timedelta(days=2)
    post = draft(editor, status=Status.SCHEDULED, published_at=soon)
    html = client.get(preview_url(post)).content.decode()
    assert "This post is scheduled for " in html and "readers cannot see it until then" in html
    assert client.get(Links(site).post(post)).status_code == 404
    page = Page.objects.create(
        title="Corrections policy", author=editor, body="We correct **promptly**."
    )
    html = client.get(preview_url(page)).content.decode()
    assert "This page is a draft" in html and "<strong>promptly</strong>" in html


def test_a_protected_post_is_previewed_unlocked_and_readers_still_need_its_password(client):
    site = Site.current()
    editor = signed_in(client, "editor")
    post = PostFactory(
        author=editor, title="Leaked budget memo", password="tide-7731", body="Line **seven**."
    )
    html = client.get(preview_url(post)).content.decode()
    assert "<strong>seven</strong>" in html
    assert "This post is published" in html and "Readers will need its password" in html
    client.logout()
    reader = client.get(Links(site).post(post)).content.decode()
    assert "<strong>seven</strong>" not in reader and 'name="post_password"' in reader
    assert "Preview." not in reader
