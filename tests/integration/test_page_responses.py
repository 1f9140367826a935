"""Responses on static pages, as WordPress has them: shown under the page, the form while they
are open, refused when closed; a stored page is brought up to date when one is approved."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from byline.content.links import Links
from byline.content.models import OpenClosed, Site
from byline.importers.wordpress import import_wordpress
from byline.publish.render import publish_path, site_store
from byline.responses import moderation
from byline.responses.models import Discussion, Response, ResponseStatus
from tests.factories import PageFactory, PostFactory, ResponseFactory
from tests.reference import shared_path
from tests.responding import landing, send

pytestmark = pytest.mark.django_db


def page_html(client, page) -> str:
    return client.get(Links(Site.current()).page(page)).content.decode()


def test_new_pages_are_closed_and_show_no_discussion(client):
    about = PageFactory(title="About")
    assert about.comment_status == OpenClosed.CLOSED
    html = page_html(client, about)
    assert "Leave a Reply" not in html and "Responses" not in html
    answer = send(client, about)
    assert answer.status_code == 403
    assert Response.objects.count() == 0


def test_a_reader_responds_on_an_open_page_and_everyone_sees_it_once_approved(
    client, django_capture_on_commit_callbacks
):
    tips = PageFactory(title="Send us tips", comment_status=OpenClosed.OPEN)
    assert "No Responses Yet to “Send us tips”" in page_html(client, tips)
    with django_capture_on_commit_callbacks(execute=True):
        answer = send(client, tips, comment="Check the tender notices from March.")
    assert answer.status_code == 303
    response = Response.objects.get()
    assert response.page == tips and response.post is None
    assert landing(client, answer) == f"{Links(Site.current()).page(tips)}#comment-{response.pk}"
    assert "Check the tender notices" not in page_html(Client(), tips)  # held for moderation
    moderation.approve(response)
    html = page_html(Client(), tips)
    assert "One Response to “Send us tips”" in html
    assert "Check the tender notices from March." in html


def test_a_reply_on_a_page_is_threaded_and_a_parent_from_a_post_is_refused(client):
    discussion = Discussion.current()
    discussion.policy = "guard_only"
    discussion.save()
    tips = PageFactory(title="Corrections", comment_status=OpenClosed.OPEN)
    parent = ResponseFactory(page=tips, author_name="Bilal")
    send(client, tips, parent=parent.pk, comment="Seconding Bilal.")
    reply = Response.objects.latest("id")
    assert reply.parent == parent and reply.page == tips
    elsewhere = ResponseFactory(post=PostFactory())
    answer = send(client, tips, parent=elsewhere.pk, comment="Wrong thread.")
    assert answer.status_code == 400
    assert "The response you replied to is gone." in answer.content.decode()


def test_a_post_token_does_not_open_a_page(client):
    post = PostFactory(pk=7)
    page = PageFactory(pk=7, comment_status=OpenClosed.OPEN)
    from tests.responding import token_from

    answer = send(client, page, token=token_from(post.pk))
    assert answer.status_code == 400
    assert Response.objects.count() == 0


def test_a_response_is_on_a_post_or_a_page_never_both_or_neither():
    page = PageFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponseFactory(page=page, post=PostFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponseFactory(post=None)


def test_approving_a_page_response_renews_the_stored_page(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tips = PageFactory(title="Ask the editor", comment_status=OpenClosed.OPEN)
        path = Links(Site.current()).page(tips)
        publish_path(path)  # creating the settings rows on first use empties the store
    with django_capture_on_commit_callbacks(execute=True):
        publish_path(path)
    with django_capture_on_commit_callbacks(execute=True):
        held = ResponseFactory(page=tips, status=ResponseStatus.PENDING, text="When?")
    assert "When?" not in site_store().read(path).decode()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(held)
    stored = site_store().read(path)
    assert stored is not None and "When?" in stored.decode()


def test_imported_page_comments_show_under_their_page():
    import_wordpress(shared_path("fixtures", "wxr", "themeunittestdata.wordpress.xml"))
    on_pages = Response.objects.filter(page__isnull=False, status=ResponseStatus.APPROVED)
    assert on_pages.exists()
    for response in on_pages.select_related("page"):
        html = page_html(Client(), response.page)
        assert f'id="comment-{response.pk}"' in html, response.page.title
