"""The admin: staff write, schedule and publish; roles limit who may publish what."""

import re
from datetime import UTC

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.utils import timezone

from byline.content.links import Links
from byline.content.models import Media, Page, Post, Site, Status
from byline.content.roles import create_user
from tests.factories import PostFactory
from tests.reference import jpeg

pytestmark = pytest.mark.django_db
PASSWORD = "a harbour at first light"


def signed_in(client, role: str, username: str | None = None):
    user = create_user(username or role, f"{username or role}@example.com", role, PASSWORD)
    # The request lets django-axes count a failure by its address, as the sign-in form's does.
    assert client.login(request=HttpRequest(), username=user.username, password=PASSWORD)
    return user


def post_form(user, **changes) -> dict:
    form = {
        "title": "Tide tables revised",
        "slug": "tide-tables-revised",
        "body_format": "markdown",
        "body": "The harbour office revised the **tide tables**.",
        "excerpt": "",
        "status": Status.PUBLISHED,
        "published_at_0": "2026-01-05",
        "published_at_1": "09:30:00",
        "author": user.pk,
        "featured_caption": "",
        "featured_alt": "",
        "comment_status": "open",
        "ping_status": "open",
        "language": "",
        "direction": "",
    }
    return form | changes


def test_admin_signs_in_and_publishes_a_post_in_the_site_time_zone(client):
    site = Site.current()
    site.timezone = "Asia/Karachi"
    site.save()
    user = signed_in(client, "administrator", "amina")
    response = client.post("/admin/byline_content/post/add/", post_form(user))
    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get(slug="tide-tables-revised")
    # 09:30 typed in the admin is 09:30 in Karachi, 04:30 UTC.
    assert post.published_at == timezone.datetime(2026, 1, 5, 4, 30, tzinfo=UTC)
    assert post.status == Status.PUBLISHED and "<strong>tide tables</strong>" in post.body_html
    client.logout()
    page = client.get(Links(site).post(post))
    assert page.status_code == 200 and b"Tide tables revised" in page.content


def test_a_future_date_schedules_the_post(client):
    user = signed_in(client, "editor")
    tomorrow = timezone.localtime() + timezone.timedelta(days=1)
    form = post_form(user, published_at_0=tomorrow.strftime("%Y-%m-%d"))
    assert client.post("/admin/byline_content/post/add/", form).status_code == 302
    post = Post.objects.get()
    assert post.status == Status.SCHEDULED
    listing = client.get("/admin/byline_content/post/").content.decode()
    assert "Scheduled" in listing


def test_change_list_shows_dates_in_site_time_zone(client):
    site = Site.current()
    site.timezone = "Asia/Karachi"
    site.save()
    signed_in(client, "editor")
    PostFactory(
        title="Night shift",
        published_at=timezone.datetime(2014, 1, 31, 17, 2, tzinfo=UTC),
    )
    listing = client.get("/admin/byline_content/post/").content.decode()
    assert re.search(r"Jan\. 31, 2014, 10:02\s*p\.m\.", listing), "not shown in Karachi time"


def test_what_a_writer_types_takes_its_own_direction(client):
    signed_in(client, "author")
    form = client.get("/admin/byline_content/post/add/").content.decode()
    for name in ("title", "body", "excerpt"):
        field = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', form).group(0)
        assert 'dir="auto"' in field, name


def test_contributor_can_only_submit_for_review(client):
    user = signed_in(client, "contributor")
    form = client.get("/admin/byline_content/post/add/").content.decode()
    assert 'value="publish"' not in form and 'value="pending"' in form
    client.post("/admin/byline_content/post/add/", post_form(user, status=Status.PENDING))
    assert Post.objects.get().status == Status.PENDING
    # A forged "publish" is refused by the form.
    forged = client.post(
        "/admin/byline_content/post/add/", post_form(user, slug="forged", status=Status.PUBLISHED)
    )
    assert forged.status_code == 200 and not Post.objects.filter(slug="forged").exists()


def test_a_contributors_published_post_is_the_editors_to_change(client):
    user = signed_in(client, "contributor")
    post = PostFactory(title="Ferries late again", author=user, status=Status.PUBLISHED)
    url = f"/admin/byline_content/post/{post.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and b'name="title"' not in page.content  # read only
    client.post(url, post_form(user, title="Changed", slug=post.slug, status=Status.DRAFT))
    post.refresh_from_db()
    assert (post.title, post.status) == ("Ferries late again", Status.PUBLISHED)
    draft = PostFactory(title="Still mine", author=user, status=Status.DRAFT)
    assert b'name="title"' in client.get(f"/admin/byline_content/post/{draft.pk}/change/").content


def test_a_user_given_a_writing_role_in_the_admin_can_sign_in(client):
    from django.contrib.auth.models import Group

    from byline.content.roles import ensure_groups

    ensure_groups()
    signed_in(client, "administrator", "boss")
    answer = client.post(
        "/admin/auth/user/add/",
        {"username": "newwriter", "password1": PASSWORD, "password2": PASSWORD,
         "usable_password": "true"},
    )  # fmt: skip
    user = get_user_model().objects.get(username="newwriter")
    assert answer.status_code == 302 and not user.is_staff
    form = client.get(f"/admin/auth/user/{user.pk}/change/").content.decode()
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))
    author = Group.objects.get(name="author")
    change = {
        "username": "newwriter", "first_name": "", "last_name": "", "email": "w@example.com",
        "is_active": "on", "groups": [author.pk], "last_login_0": "", "last_login_1": "",
        "date_joined_0": fields.get("date_joined_0", "2026-01-01"),
        "date_joined_1": fields.get("date_joined_1", "00:00:00"),
    }  # fmt: skip
    assert client.post(f"/admin/auth/user/{user.pk}/change/", change).status_code == 302
    user.refresh_from_db()
    assert user.is_staff
    client.logout()
    assert client.login(request=HttpRequest(), username="newwriter", password=PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_a_writer_finds_their_own_profile_and_no_one_elses(client):
    create_user("other", "other@example.com", "author", PASSWORD)
    user = signed_in(client, "author")
    home = client.get("/admin/").content.decode()
    assert "/admin/byline_content/authorprofile/" in home
    listing = client.get("/admin/byline_content/authorprofile/")
    assert listing.status_code == 200
    assert f"/authorprofile/{user.profile.pk}/change/" in listing.content.decode()
    assert "other" not in listing.content.decode()
    page = client.get(f"/admin/byline_content/authorprofile/{user.profile.pk}/change/")
    assert b'name="display_name"' in page.content and b'name="user"' not in page.content


def test_settings_out_of_their_range_are_refused():
    from django.core.exceptions import ValidationError

    from byline.responses.models import Discussion

    site = Site.current()
    site.posts_per_page = 0  # the home page divided by it
    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        site.full_clean()
    settings = Discussion.current()
    settings.spam_threshold = 90
    with pytest.raises(ValidationError, match="less than or equal to 1"):
        settings.full_clean()


def test_author_sees_and_edits_only_own_posts(client):
    other = PostFactory(title="Someone else's scoop")
    user = signed_in(client, "author")
    PostFactory(title="My own column", author=user)
    listing = client.get("/admin/byline_content/post/").content.decode()
    assert "My own column" in listing and "Someone else" not in listing
    assert client.get(f"/admin/byline_content/post/{other.pk}/change/").status_code == 302


def test_author_uses_everyones_media_but_changes_and_deletes_only_their_own(client):
    editor = create_user("editor", "editor@example.com", "editor", PASSWORD)
    theirs = Media.objects.create(
        file=SimpleUploadedFile("quay.jpg", jpeg(40, 30)), title="Quay", uploaded_by=editor
    )
    imported = Media.objects.create(source_url="https://old.example.org/pier.jpg", title="Pier")
    user = signed_in(client, "author")
    mine = Media.objects.create(
        file=SimpleUploadedFile("mine.jpg", jpeg(40, 30)), title="Mine", uploaded_by=user
    )
    listing = client.get("/admin/byline_content/media/").content.decode()
    assert "Quay" in listing and "Pier" in listing and "Mine" in listing
    for media in (theirs, imported):
        url = f"/admin/byline_content/media/{media.pk}"
        page = client.get(f"{url}/change/")
        assert page.status_code == 200 and b'name="title"' not in page.content  # read only
        client.post(f"{url}/change/", {"title": "Changed by an author", "alt": "", "caption": ""})
        assert client.post(f"{url}/delete/", {"post": "yes"}).status_code == 403
        bulk = {"action": "delete_selected", "_selected_action": [media.pk], "post": "yes"}
        client.post("/admin/byline_content/media/", bulk)
    assert set(Media.objects.values_list("title", flat=True)) == {"Quay", "Pier", "Mine"}
    page = client.get(f"/admin/byline_content/media/{mine.pk}/change/")
    assert b'name="title"' in page.content
    client.post(f"/admin/byline_content/media/{mine.pk}/delete/", {"post": "yes"})
    assert not Media.objects.filter(pk=mine.pk).exists()


def test_editor_uploads_media_and_creates_a_page(client):
    user = signed_in(client, "editor")
    upload = SimpleUploadedFile("quay.jpg", jpeg(1200, 675), content_type="image/jpeg")
    response = client.post(
        "/admin/byline_content/media/add/",
        {"file": upload, "title": "Quay", "alt": "The old quay", "caption": "The old quay at noon"},
    )
    assert response.status_code == 302
    media = Media.objects.get()
    assert (media.width, media.height, media.uploaded_by) == (1200, 675, user)
    fake = SimpleUploadedFile("evil.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    refused = client.post("/admin/byline_content/media/add/", {"file": fake, "title": "x"})
    assert refused.status_code == 200 and Media.objects.count() == 1
    page = {
        "title": "About",
        "slug": "about",
        "body_format": "markdown",
        "body": "Who we are.",
        "status": Status.PUBLISHED,
        "published_at_0": "2025-01-01",
        "published_at_1": "00:00:00",
        "author": user.pk,
        "menu_order": 0,
        "show_in_menu": "on",
        "comment_status": "closed",
        "language": "",
        "direction": "",
    }
    assert client.post("/admin/byline_content/page/add/", page).status_code == 302
    assert Page.objects.get().is_live


def test_a_post_in_the_trash_keeps_its_responses_until_deleted_from_there(
    client, django_capture_on_commit_callbacks
):
    from byline.content.trash import purge_trash
    from byline.responses.models import Response
    from tests.factories import ResponseFactory

    signed_in(client, "editor")
    post = PostFactory(title="Harbour audit")
    ResponseFactory(post=post, text="Where are the cranes?")
    address = Links(Site.current()).post(post)
    assert client.get(address).status_code == 200
    listing = "/admin/byline_content/post/"
    assert "delete_selected" not in client.get(listing).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(listing, {"action": "move_to_trash", "_selected_action": [post.pk]})
    post.refresh_from_db()
    assert post.status == Status.TRASH and client.get(address).status_code == 404
    assert Response.objects.filter(post=post).count() == 1  # out of sight, not lost
    assert "delete_selected" in client.get(listing + "?status__exact=trash").content.decode()
    client.post(listing, {"action": "restore_from_trash", "_selected_action": [post.pk]})
    post.refresh_from_db()
    assert post.status == Status.DRAFT and Response.objects.filter(post=post).count() == 1

    Post.objects.filter(pk=post.pk).update(status=Status.TRASH)
    assert purge_trash(days=30) == 0  # trashed just now
    Post.objects.filter(pk=post.pk).update(updated_at=timezone.now() - timezone.timedelta(31))
    assert purge_trash(days=30) == 1
    assert not Post.objects.filter(pk=post.pk).exists() and not Response.objects.exists()


def test_a_new_post_takes_the_address_of_one_in_the_trash_which_gets_it_back_when_free(client):
    signed_in(client, "editor")
    listing = "/admin/byline_content/post/"
    wrong = PostFactory(title="Harbour audit")
    client.post(listing, {"action": "move_to_trash", "_selected_action": [wrong.pk]})
    again = PostFactory(title="Harbour audit")
    wrong.refresh_from_db()
    assert again.slug == "harbour-audit" and wrong.slug == "harbour-audit__trashed"
    assert client.get(Links(Site.current()).post(again)).status_code == 200
    client.post(listing, {"action": "restore_from_trash", "_selected_action": [wrong.pk]})
    wrong.refresh_from_db()
    assert wrong.status == Status.DRAFT and wrong.slug == "harbour-audit-2"  # taken meanwhile

    again.status = Status.TRASH
    again.save()
    third = PostFactory(title="Harbour audit")
    again.refresh_from_db()
    assert third.slug == "harbour-audit" and again.slug == "harbour-audit__trashed"
    third.status = Status.TRASH
    third.save()
    fourth = PostFactory(title="Harbour audit")  # two in the Trash held the address
    third.refresh_from_db()
    assert fourth.slug == "harbour-audit" and third.slug == "harbour-audit__trashed-2"
    fourth.delete()
    again.status = Status.PUBLISHED
    again.save()
    assert again.slug == "harbour-audit"


def test_the_admin_form_takes_a_slug_from_the_trash(client):
    editor = signed_in(client, "editor")
    wrong = PostFactory(title="Tide tables revised", slug="tide-tables-revised")
    listing = "/admin/byline_content/post/"
    client.post(listing, {"action": "move_to_trash", "_selected_action": [wrong.pk]})
    added = client.post(listing + "add/", post_form(editor))
    assert added.status_code == 302, added.content.decode()[-3000:]
    wrong.refresh_from_db()
    assert wrong.slug == "tide-tables-revised__trashed"
    assert Post.objects.get(slug="tide-tables-revised").status == Status.PUBLISHED
