"""The moderation inbox: tabs with counts, one-click decisions, bulk actions, reply, history."""

import re

import pytest

from byline.content.links import Links
from byline.content.models import Site
from byline.content.roles import create_user
from byline.responses.models import Response, ResponseStatus
from tests.factories import PostFactory, ResponseFactory

pytestmark = pytest.mark.django_db
INBOX = "/admin/byline_responses/response/"


@pytest.fixture
def moderator(client):
    user = create_user("mod", "mod@example.com", "editor", "a long test passphrase 5")
    client.force_login(user)
    return user


def test_pending_tab_first_with_counts_reasons_and_history(client, moderator):
    post = PostFactory()
    ResponseFactory(post=post, author_email="ayesha@example.com", status=ResponseStatus.APPROVED)
    held = ResponseFactory(
        post=post,
        author_email="ayesha@example.com",
        status=ResponseStatus.PENDING,
        text="Held for a reason",
        guard_reasons=["3 links (more than 2)"],
        spam_score=0.61,
    )
    ResponseFactory(post=post, status=ResponseStatus.SPAM, text="Cheap pills")
    html = client.get(INBOX).content.decode()
    assert "Pending (1)" in html and "Approved (1)" in html and "Spam (1)" in html
    assert "Held for a reason" in html and "Cheap pills" not in html
    assert "3 links (more than 2)" in html and "score 0.61" in html
    assert "history: 1 approved, 0 spam, 1 pending" in html
    assert f"{held.pk}/decide/approve/" in html
    assert "Cheap pills" in client.get(INBOX + "?status=spam").content.decode()
    assert "Held for a reason" in client.get(INBOX + "?status=all&q=reason").content.decode()


def test_one_click_approve_and_spam(client, moderator):
    post = PostFactory()
    first, second = ResponseFactory.create_batch(2, post=post, status=ResponseStatus.PENDING)
    page = client.get(INBOX).content.decode()
    assert f'formaction="{INBOX}{first.pk}/decide/approve/"' in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    answer = client.post(f"{INBOX}{first.pk}/decide/approve/", {"csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    client.post(f"{INBOX}{second.pk}/decide/spam/", {"csrfmiddlewaretoken": token})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (ResponseStatus.APPROVED, ResponseStatus.SPAM)
    assert second.learned_as == "spam" and first.learned_as == "ham"


def test_bulk_trash_and_restore(client, moderator):
    responses = ResponseFactory.create_batch(3, post=PostFactory(), status=ResponseStatus.PENDING)
    ids = [str(r.pk) for r in responses]
    answer = client.post(INBOX, {"action": "bulk_trash", "_selected_action": ids}, follow=True)
    assert set(Response.objects.values_list("status", flat=True)) == {ResponseStatus.TRASH}
    assert "Moved to the trash: 3." in answer.content.decode()  # not the pending left: 0
    client.post(INBOX + "?status=trash", {"action": "bulk_restore", "_selected_action": ids})
    assert set(Response.objects.values_list("status", flat=True)) == {ResponseStatus.PENDING}
    approve = {"action": "bulk_approve", "_selected_action": ids[:2]}
    answer = client.post(INBOX, approve, follow=True)
    assert "Approved: 2." in answer.content.decode()


def test_a_response_comes_back_from_the_trash_as_it_was_and_nobody_is_mailed_again(
    client, moderator, inbox
):
    post = PostFactory(title="Harbour audit")
    shown = ResponseFactory(post=post, status=ResponseStatus.APPROVED, text="Shown before")
    held = ResponseFactory(post=post, status=ResponseStatus.PENDING, text="Held before")
    ids = [str(shown.pk), str(held.pk)]
    address = Links(Site.current()).post(post)
    client.post(INBOX + "?status=all", {"action": "bulk_trash", "_selected_action": ids})
    assert "Shown before" not in client.get(address).content.decode()
    answer = client.post(
        INBOX + "?status=trash", {"action": "bulk_restore", "_selected_action": ids}, follow=True
    )
    assert "Restored: 2." in answer.content.decode()
    shown.refresh_from_db()
    held.refresh_from_db()
    assert (shown.status, held.status) == (ResponseStatus.APPROVED, ResponseStatus.PENDING)
    assert "Shown before" in client.get(address).content.decode()
    assert inbox.messages == []  # its author heard of it when it was first approved
    # Marked as spam since: Restore is for the Trash only, and does not bring it back.
    client.post(INBOX + "?status=all", {"action": "bulk_spam", "_selected_action": ids[:1]})
    client.post(INBOX + "?status=all", {"action": "bulk_restore", "_selected_action": ids[:1]})
    assert Response.objects.get(pk=shown.pk).status == ResponseStatus.SPAM


def test_moderator_reply_is_published_under_the_parent(client, moderator):
    parent = ResponseFactory(post=PostFactory(), status=ResponseStatus.PENDING)
    form = client.get(f"{INBOX}{parent.pk}/reply/")
    assert form.status_code == 200
    client.post(f"{INBOX}{parent.pk}/reply/", {"text": "Thanks, corrected."})
    reply = Response.objects.get(parent=parent)
    parent.refresh_from_db()
    assert reply.status == parent.status == ResponseStatus.APPROVED
    assert reply.user == moderator and reply.author_name == moderator.profile.display_name


def test_subscribers_cannot_moderate(client):
    user = create_user("reader", "reader@example.com", "subscriber", "a long test passphrase 6")
    client.force_login(user)
    response = ResponseFactory(post=PostFactory(), status=ResponseStatus.PENDING)
    client.post(f"{INBOX}{response.pk}/decide/approve/")
    response.refresh_from_db()
    assert response.status == ResponseStatus.PENDING
