"""Posting through "Leave a Reply": the poster sees their held response, nobody else does,
and hostile or automated posts are refused with a clear message and stored nowhere."""

from dataclasses import replace

import pytest

from byline.content.links import Links
from byline.content.models import OpenClosed, Site
from byline.responses import history, moderation, tokens
from byline.responses.entries import entry_key
from byline.responses.models import Discussion, Response, ResponseStatus
from tests.factories import PageFactory, PostFactory, ResponseFactory
from tests.responding import landing, send, token_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    return PostFactory(title="Harbour audit")


def page(client, post) -> str:
    return client.get(Links(Site.current()).post(post)).content.decode()


def test_first_response_is_held_and_shown_only_to_its_author(
    client, post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = send(client, post)
    assert answer.status_code == 303
    response = Response.objects.get()
    assert landing(client, answer) == f"{Links(Site.current()).post(post)}#comment-{response.pk}"
    assert response.status == ResponseStatus.PENDING
    assert "policy: first response from this commenter" in response.guard_reasons
    own = page(client, post)
    assert "Your response is awaiting moderation" in own
    assert "publish the audit in full" in own
    assert "No Responses Yet" in own
    from django.test import Client

    stranger = page(Client(), post)
    assert "awaiting moderation" not in stranger and "publish the audit" not in stranger


def test_approved_response_counts_and_a_known_commenter_passes(client, post):
    send(client, post)
    moderation.approve(Response.objects.get())
    assert "One Response to “Harbour audit”" in page(client, post)
    send(client, post, comment="And the minutes of the board, too.")
    second = Response.objects.latest("id")
    assert second.status == ResponseStatus.APPROVED
    assert "2 Responses to" in page(client, post)


def test_reply_is_threaded_under_its_parent(client, post):
    parent = ResponseFactory(post=post, author_name="Bilal")
    discussion = Discussion.current()
    discussion.policy = "guard_only"
    discussion.save()
    send(client, post, parent=parent.pk, comment="Replying to Bilal here.")
    reply = Response.objects.get(parent=parent)
    html = page(client, post)
    start = html.index(f'id="comment-{parent.pk}"')
    assert html.index('class="children"', start) < html.index("Replying to Bilal here.")
    assert reply.status == ResponseStatus.APPROVED


def test_reply_link_without_javascript_fills_the_parent(client, post):
    parent = ResponseFactory(post=post, author_name="Bilal")
    html = client.get(f"{Links(Site.current()).post(post)}?replytocom={parent.pk}").content.decode()
    assert f'name="parent" value="{parent.pk}"' in html
    assert "Replying to <a" in html and "Bilal" in html


@pytest.mark.parametrize(
    ("headers", "fields", "status", "message"),
    [
        ({"HTTP_ORIGIN": "https://evil.example"}, {}, 403, "sent from this site"),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, {}, 403, "sent from this site"),
        ({"HTTP_ORIGIN": "null"}, {}, 403, "sent from this site"),
        ({}, {"token": "forged-token"}, 400, "not valid"),
        ({}, {"token": ""}, 400, "not valid"),
        ({}, {"fax": "555-0100"}, 400, "looked automated"),
        ({}, {"author": ""}, 400, "Please give your name"),
        ({}, {"email": "not-an-email"}, 400, "valid email"),
        ({}, {"url": "javascript:alert(1)"}, 400, "http or https"),
        ({}, {"comment": "   "}, 400, "Please type a response"),
    ],
)
def test_bad_posts_are_refused_and_stored_nowhere(client, post, headers, fields, status, message):
    answer = send(client, post, headers=headers, **fields)
    assert answer.status_code == status
    assert message in answer.content.decode()
    assert Response.objects.count() == 0


def test_refusal_gives_the_text_back(client, post):
    answer = send(client, post, author="", comment="My long considered view of the audit.")
    assert "My long considered view of the audit." in answer.content.decode()


def test_token_of_another_post_is_refused(client, post):
    other = PostFactory()
    answer = send(client, post, token=token_from(other.pk))
    assert answer.status_code == 400 and Response.objects.count() == 0


def test_too_fast_and_too_old_tokens_are_refused(client, post):
    fast = send(client, post, token=token_from(post.pk, seconds_ago=0.5))
    assert fast.status_code == 429 and "wait a few seconds" in fast.content.decode()
    old = send(client, post, token=token_from(post.pk, seconds_ago=8 * 86400))
    assert old.status_code == 400 and "expired" in old.content.decode()
    assert Response.objects.count() == 0


def test_without_a_minimum_wait_a_form_sent_at_once_is_taken(client, post, monkeypatch):
    settings = Discussion.current()
    settings.min_seconds = 0
    settings.save()
    # Issued and sent in the same instant, late in a tenth of a second: never "too fast".
    monkeypatch.setattr(tokens, "_now", lambda: 1_800_000_000.06)
    answer = send(client, post, token=tokens.issue_form_token(entry_key(post)))
    assert answer.status_code == 303 and Response.objects.count() == 1


def test_replayed_token_is_refused(client, post):
    token = token_from(post.pk)
    assert send(client, post, token=token).status_code == 303
    again = send(client, post, token=token, comment="Something else entirely.")
    assert again.status_code == 400 and "already used" in again.content.decode()
    assert Response.objects.count() == 1


def test_two_requests_racing_with_one_token_store_one_response(client, post, monkeypatch):
    # Both pass the guard's check before either is stored: the store must still refuse one.
    read = history.read
    monkeypatch.setattr(history, "read", lambda *a: replace(read(*a), replayed=False))
    token = token_from(post.pk)
    assert send(client, post, token=token).status_code == 303
    again = send(client, post, token=token, comment="Something else entirely.")
    assert again.status_code == 400 and "already used" in again.content.decode()
    assert "Something else entirely." in again.content.decode()  # what they typed, kept
    assert Response.objects.count() == 1


def test_flood_from_one_address_is_rate_limited(client, post):
    limit = Discussion.current().rate_limit_ip
    codes = [
        send(client, post, comment=f"Point {n}", email=f"r{n}@example.com").status_code
        for n in range(limit + 3)
    ]
    assert codes[:limit] == [303] * limit
    assert codes[limit:] == [429] * 3
    assert Response.objects.count() == limit


def test_the_same_words_twice_from_one_sender_are_refused(client, post):
    words = "The audit's second volume is missing its annex."
    assert send(client, post, comment=words).status_code == 303
    again = send(client, post, comment=words, email="AYESHA@example.com")
    assert again.status_code == 409 and "already said that" in again.content.decode()
    # Someone else may say the same, and so may the same sender under another post or page.
    assert send(client, post, comment=words, email="bilal@example.com").status_code == 303
    tips = PageFactory(title="Send us tips", comment_status=OpenClosed.OPEN)
    assert send(client, tips, comment=words).status_code == 303
    assert send(client, tips, comment=words).status_code == 409
    assert Response.objects.filter(text=words).count() == 3


def test_an_email_sending_too_often_is_refused_from_any_address(client, post):
    discussion = Discussion.current()
    discussion.rate_limit_email = 2
    discussion.save()
    codes = [
        send(client, post, {"REMOTE_ADDR": f"192.0.2.{n}"}, comment=f"Point {n}",
             email="Busy@example.com").status_code
        for n in range(1, 5)
    ]  # fmt: skip
    assert codes == [303, 303, 429, 429]
    assert Response.objects.count() == 2


def test_refused_posts_can_be_kept_as_spam(client, post):
    discussion = Discussion.current()
    discussion.keep_rejected_as_spam = True
    discussion.save()
    send(client, post, fax="555-0100")
    stored = Response.objects.get()
    assert stored.status == ResponseStatus.SPAM
    assert stored.guard_reasons == ["honeypot field filled in"]


def test_closed_post_refuses_responses(client, post):
    post.comment_status = OpenClosed.CLOSED
    post.save()
    assert "Responses are closed." in page(client, post)
    assert send(client, post).status_code == 403 and Response.objects.count() == 0


def test_word_lists_and_links(client, post):
    discussion = Discussion.current()
    discussion.policy = "guard_only"
    discussion.disallowed_words = "casino\n"
    discussion.moderation_words = "lawsuit\n"
    discussion.save()
    send(client, post, comment="Best CASINO bonus", email="a@example.com")
    send(client, post, comment="There will be a lawsuit", email="b@example.com")
    links = "see https://a.example https://b.example https://c.example"
    send(client, post, comment=links, email="c@example.com")
    send(client, post, comment="A fair point.", email="d@example.com")
    statuses = list(Response.objects.order_by("id").values_list("status", flat=True))
    assert statuses == ["spam", "pending", "pending", "approved"]


def test_remembered_details_fill_the_form(client, post):
    send(client, post, remember="1", url="ayesha.example")
    html = page(client, post)
    assert 'value="Ayesha Khan"' in html and 'value="https://ayesha.example"' in html
    from django.test import Client

    assert 'value="Ayesha Khan"' not in page(Client(), post)


def test_hostile_name_url_and_text_are_inert(client, post):
    discussion = Discussion.current()
    discussion.policy = "guard_only"
    discussion.save()
    send(
        client,
        post,
        author="<script>alert(1)</script>",
        comment="<img src=x onerror=alert(1)> [x](javascript:alert(2))",
        url='https://ok.example/"onmouseover=alert(3)',
    )
    html = page(client, post)
    from tests.safety import dangers, running_scripts

    assert dangers(html, {"link", "meta", "form", "script"}) == []
    assert running_scripts(html) == 1  # the theme's own byline.js, nothing else
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_published_response_lets_its_poster_skip_the_store_for_a_moment(client, post):
    """The stored page is renewed by the worker a moment later; the poster must not land on
    the old one, so their browser skips the store for a while (not for days)."""
    discussion = Discussion.current()
    discussion.policy = "guard_only"
    discussion.save()
    answer = send(client, post)
    assert Response.objects.get().status == ResponseStatus.APPROVED
    cookie = answer.cookies["byline_held"]
    assert 0 < int(cookie["max-age"]) <= 60
