"""Revisions: every save of a post or page in the admin is kept; an editor looks at an older
one and saves it again, or recovers a deleted post, and readers see it; a writer cannot
revert or recover what is not theirs."""

import pytest
from reversion.models import Version

from byline.content.links import Links
from byline.content.models import Post, Site
from tests.integration.test_admin import post_form, signed_in

pytestmark = pytest.mark.django_db
ADD = "/admin/byline_content/post/add/"
WITHDREW = "The harbour office **withdrew** the tide tables."


def change_url(post: Post, *rest: str) -> str:
    return "/".join([f"/admin/byline_content/post/{post.pk}", *rest, ""])


def written_then_corrected(client, editor) -> Post:
    assert client.post(ADD, post_form(editor)).status_code == 302
    post = Post.objects.get(slug="tide-tables-revised")
    corrected = post_form(editor, body=WITHDREW)
    assert client.post(change_url(post, "change"), corrected).status_code == 302
    return post


def test_an_editor_reverts_a_post_to_an_earlier_version_and_readers_see_it(client):
    editor = signed_in(client, "editor")
    post = written_then_corrected(client, editor)
    history = client.get(change_url(post, "history")).content.decode()
    first, latest = Version.objects.get_for_object(post).order_by("pk")
    assert change_url(post, "history", str(first.pk)) in history
    assert change_url(post, "history", str(latest.pk)) in history
    # Looking at the older version changes nothing.
    looked = client.get(change_url(post, "history", str(first.pk))).content.decode()
    assert "The harbour office revised the **tide tables**." in looked
    post.refresh_from_db()
    assert "withdrew" in post.body
    reverted = client.post(change_url(post, "history", str(first.pk)), post_form(editor))
    assert reverted.status_code == 302
    post.refresh_from_db()
    assert "<strong>tide tables</strong>" in post.body_html and "withdrew" not in post.body_html
    client.logout()
    page = client.get(Links(Site.current()).post(post)).content.decode()
    assert "<strong>tide tables</strong>" in page and "withdrew" not in page
    assert Version.objects.get_for_object(post).count() == 3  # the revert is kept too


def test_a_writer_cannot_revert_or_recover_anothers_post(client):
    amina = signed_in(client, "author", "amina")
    post = written_then_corrected(client, amina)
    first = Version.objects.get_for_object(post).order_by("pk").first()
    client.logout()
    bilal = signed_in(client, "author", "bilal")
    taken = client.post(change_url(post, "history", str(first.pk)), post_form(bilal))
    assert taken.status_code == 404
    post.refresh_from_db()
    assert "withdrew" in post.body and post.author == amina
    assert client.get("/admin/byline_content/post/recover/").status_code == 403
    assert "recoverlink" not in client.get("/admin/byline_content/post/").content.decode()


def test_an_editor_recovers_a_deleted_post(client):
    editor = signed_in(client, "editor")
    post = written_then_corrected(client, editor)
    address = Links(Site.current()).post(post)
    # Deleted for good from the Trash only: there first.
    assert client.post(change_url(post, "delete"), {"post": "yes"}).status_code == 403
    trash = {"action": "move_to_trash", "_selected_action": [post.pk]}
    client.post("/admin/byline_content/post/", trash)
    deleted = client.post(change_url(post, "delete"), {"post": "yes"})
    assert deleted.status_code == 302 and not Post.objects.filter(pk=post.pk).exists()
    assert client.get(address).status_code == 404
    assert "recoverlink" in client.get("/admin/byline_content/post/").content.decode()
    listed = client.get("/admin/byline_content/post/recover/").content.decode()
    assert "Tide tables revised" in listed
    latest = Version.objects.get_deleted(Post).get(object_id=str(post.pk))
    recover = f"/admin/byline_content/post/recover/{latest.pk}/"
    assert WITHDREW in client.get(recover).content.decode()  # the form holds its last version
    assert client.post(recover, post_form(editor, body=WITHDREW)).status_code == 302
    client.logout()
    page = client.get(address).content.decode()
    assert "withdrew" in page
