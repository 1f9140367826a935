"""Notification mail through a real SMTP server; emailed links work once and only once."""

import re

import pytest

from byline.content.roles import create_user
from byline.responses.models import Response, ResponseStatus
from tests.factories import PostFactory
from tests.responding import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    author = create_user("sana", "sana@example.com", "author", "a long test passphrase 3")
    create_user("editor", "editor@example.com", "editor", "a long test passphrase 4")
    return PostFactory(title="Harbour audit", author=author)


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_held_response_mails_moderators_a_single_use_approve_link(
    client, inbox, post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, post).status_code == 303
    [message] = inbox.to("editor@example.com")
    assert "Please moderate: Harbour audit" in message["Subject"]
    text = body(message)
    assert "Ayesha Khan" in text and "publish the audit in full" in text
    approve = re.search(r"Approve it: http://testserver(\S+)", text).group(1)
    confirm = client.get(approve)
    assert confirm.status_code == 200 and b"<button" in confirm.content
    assert Response.objects.get().status == ResponseStatus.PENDING  # a GET changes nothing
    assert client.post(approve).status_code == 200
    assert Response.objects.get().status == ResponseStatus.APPROVED
    again = client.post(approve)
    assert again.status_code == 410 and b"already used" in again.content
    forged = client.post(approve.replace("/act/", "/act/x"))
    assert forged.status_code == 400
    # Approving told the post's author.
    assert any("New response" in m["Subject"] for m in inbox.to("sana@example.com"))


def test_spam_link_marks_spam(client, inbox, post, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(client, post)
    text = body(inbox.to("editor@example.com")[0])
    spam = re.search(r"Mark it as spam: http://testserver(\S+)", text).group(1)
    client.post(spam)
    assert Response.objects.get().status == ResponseStatus.SPAM


def test_reply_notification_with_one_click_unsubscribe(
    client, inbox, post, django_capture_on_commit_callbacks
):
    from byline.responses import moderation

    with django_capture_on_commit_callbacks(execute=True):
        send(client, post, notify="1")
    first = Response.objects.get()
    assert first.notify_replies
    moderation.approve(first)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, post, parent=first.pk, author="Bilal", email="bilal@example.com",
             comment="The audit is already public.")  # fmt: skip
    reply = Response.objects.get(parent=first)
    moderation.approve(reply)
    [note] = inbox.to("ayesha@example.com")
    assert "Bilal replied" in body(note) and "The audit is already public." in body(note)
    assert note["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.search(r"<http://testserver(\S+)>", note["List-Unsubscribe"]).group(1)
    assert client.post(unsubscribe, {"List-Unsubscribe": "One-Click"}).status_code == 200
    first.refresh_from_db()
    assert not first.notify_replies
