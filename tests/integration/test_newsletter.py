"""Following by email, through a real SMTP server: subscribing, confirming, each new post mailed
once, unsubscribing in one click, and what the form refuses."""

import csv
import io
import re

import pytest
from django.utils import timezone

from byline.content.models import Site, Status
from byline.content.roles import create_user
from byline.newsletter.models import Subscriber
from byline.responses.outbox import quiet
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def taking_subscribers():
    site = Site.current()
    site.email_subscriptions = True
    site.save()
    return site


def just_now():
    # Factories date each post an hour before the last: after a long suite, weeks back.
    return timezone.now() - timezone.timedelta(minutes=1)


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link(message, where: str) -> str:
    return re.search(rf"http://testserver(/subscribe/{where}/\S+/)", body(message)).group(1)


def subscribe(client, address: str, **headers):
    return client.post("/subscribe/", {"email": address, "website": ""}, **headers)


def test_a_reader_follows_gets_each_new_post_once_and_leaves_in_one_click(
    client, inbox, taking_subscribers, django_capture_on_commit_callbacks
):
    home = client.get("/").content.decode()
    assert 'action="/subscribe/"' in home and "Follow by email" in home
    answer = subscribe(client, "  Reader@Example.com ")
    assert answer.status_code == 303 and answer["Location"] == "/subscribe/sent/"
    assert "Check your inbox" in client.get("/subscribe/sent/").content.decode()
    [mail] = inbox.to("reader@example.com")
    assert mail["Subject"] == "Confirm your subscription to My Byline blog"
    confirm = link(mail, "confirm")
    page = client.get(confirm)
    assert page.status_code == 200 and b"<button" in page.content
    assert not Subscriber.objects.get().confirmed  # a mail scanner's GET confirms nothing
    assert "You are subscribed" in client.post(confirm).content.decode()
    assert Subscriber.objects.get(email="reader@example.com").confirmed

    author = create_user("sana", "sana@example.com", "author", "a long test passphrase 3")
    author.profile.display_name = "Sana Mirza"
    author.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        post = PostFactory(published_at=just_now(), title="Harbour audit published", author=author,
                           body="The audit finds **three** missing cranes.")  # fmt: skip
    [news] = [m for m in inbox.to("reader@example.com") if m["Subject"] == post.title]
    text = body(news)
    assert "The audit finds three missing cranes." in text
    assert "\nSana Mirza · " in text  # the name the site shows, not the account's
    assert re.search(r"Read it: http://testserver/\d{4}/\d{2}/harbour-audit-published/", text)
    leave = link(news, "leave")
    assert news["List-Unsubscribe"].strip() == f"<http://testserver{leave}>"  # unfolded
    assert news["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    with django_capture_on_commit_callbacks(execute=True):
        post.body += "\n\nUpdated."
        post.save()
    assert len(inbox.to("reader@example.com")) == 2  # an edit is not a new post

    # A mail client's one-click unsubscribe: a POST of that one field, no page seen.
    gone = client.post(leave, {"List-Unsubscribe": "One-Click"})
    assert gone.status_code == 200 and not Subscriber.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        PostFactory(published_at=just_now(), title="Another story", author=author)
    assert len(inbox.to("reader@example.com")) == 2


def test_asking_again_mails_once_a_day_and_tells_nothing(client, inbox, taking_subscribers):
    assert subscribe(client, "ali@example.com").status_code == 303
    assert subscribe(client, "ali@example.com").status_code == 303
    assert len(inbox.to("ali@example.com")) == 1
    Subscriber.objects.filter(email="ali@example.com").update(confirmed=True)
    Subscriber.objects.create(email="old@example.com", confirmed=True)
    assert subscribe(client, "old@example.com")["Location"] == "/subscribe/sent/"
    assert inbox.to("old@example.com") == []


@pytest.mark.parametrize("address", ["", "not-an-address", "a@b", "x" * 250 + "@example.com"])
def test_a_bad_address_is_refused_with_a_message(client, inbox, taking_subscribers, address):
    page = subscribe(client, address)
    assert page.status_code == 400
    assert re.search(r'class="form-error" role="alert">[^<]+<', page.content.decode())
    assert not Subscriber.objects.exists() and inbox.messages == []


def test_floods_robots_and_other_sites_are_refused(client, inbox, taking_subscribers):
    for n in range(5):
        assert subscribe(client, f"victim{n}@example.com").status_code == 303
    flood = subscribe(client, "victim5@example.com")
    assert flood.status_code == 429 and "in an hour" in flood.content.decode()
    assert Subscriber.objects.count() == 5
    robot = client.post("/subscribe/", {"email": "bot@example.com", "website": "http://spam"})
    assert robot.status_code == 303 and not Subscriber.objects.filter(email="bot@example.com")
    foreign = subscribe(client, "mark@example.com", HTTP_ORIGIN="https://evil.example")
    assert foreign.status_code == 403
    assert (
        subscribe(client, "mark@example.com", HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    )
    assert inbox.to("bot@example.com") == inbox.to("mark@example.com") == []


def test_forged_and_swapped_links_do_nothing(client, inbox, taking_subscribers):
    subscribe(client, "reader@example.com")
    confirm = link(inbox.to("reader@example.com")[0], "confirm")
    token = confirm.split("/")[3]
    assert client.post(f"/subscribe/confirm/{token}x/").status_code == 400
    assert client.post(f"/subscribe/leave/{token}/").status_code == 400  # a confirm is no leave
    assert Subscriber.objects.filter(email="reader@example.com").exists()
    assert not Subscriber.objects.get().confirmed


def test_no_form_and_no_mail_while_the_site_takes_no_subscribers(
    client, inbox, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(email="reader@example.com", confirmed=True)
    assert 'action="/subscribe/"' not in client.get("/").content.decode()
    assert subscribe(client, "new@example.com").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        post = PostFactory(published_at=just_now(), title="Quiet story")
    site = Site.current()
    site.email_subscriptions = True
    site.save()
    with django_capture_on_commit_callbacks(execute=True):
        post.save()  # published before subscriptions began: never mailed
    assert inbox.messages == []


def test_imported_backdated_and_hidden_posts_are_not_mailed(
    client, inbox, taking_subscribers, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(email="reader@example.com", confirmed=True)
    Subscriber.objects.create(email="pending@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        with quiet():
            PostFactory(published_at=just_now(), title="Imported")
        PostFactory(title="Backdated", published_at=timezone.now() - timezone.timedelta(days=30))
        PostFactory(published_at=just_now(), title="Draft", status=Status.DRAFT)
        PostFactory(
            published_at=just_now(), title="Memo", password="ink", body="Secret terms of the deal."
        )
    [memo] = inbox.to("reader@example.com")
    assert memo["Subject"] == "Memo" and "Secret terms" not in body(memo)
    assert "protected by a password" in body(memo)
    assert inbox.to("pending@example.com") == []


def test_subscribers_export_as_csv_without_formulas(admin_client):
    Subscriber.objects.create(email="=cmd@example.com", confirmed=True)
    Subscriber.objects.create(email="plain@example.com")
    answer = admin_client.post(
        "/admin/byline_newsletter/subscriber/",
        {
            "action": "export_csv",
            "_selected_action": list(Subscriber.objects.values_list("pk", flat=True)),
        },
    )
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[0] == ["email", "confirmed", "subscribed_at", "confirmed_at"]
    assert sorted(row[0] for row in rows[1:]) == ["'=cmd@example.com", "plain@example.com"]


def test_a_scheduled_post_is_mailed_when_the_worker_publishes_it(
    inbox, taking_subscribers, django_capture_on_commit_callbacks
):
    from byline.content.models import Post
    from byline.worker import publish_due_posts

    Subscriber.objects.create(email="reader@example.com", confirmed=True)
    soon = timezone.now() + timezone.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        post = PostFactory(title="Embargoed budget", status=Status.SCHEDULED, published_at=soon)
    assert inbox.messages == []
    Post.objects.filter(pk=post.pk).update(published_at=timezone.now())  # its minute came
    with django_capture_on_commit_callbacks(execute=True):
        assert publish_due_posts() == 1
    assert [m["Subject"] for m in inbox.to("reader@example.com")] == ["Embargoed budget"]


def test_the_static_copy_s_form_is_taken_from_its_own_origin_only(
    client, inbox, taking_subscribers, settings
):
    import dataclasses

    settings.CONFIG = dataclasses.replace(settings.CONFIG, static_url="https://copy.example/")
    copy = {"HTTP_ORIGIN": "https://copy.example", "HTTP_SEC_FETCH_SITE": "cross-site"}
    assert subscribe(client, "reader@example.com", **copy).status_code == 303
    other = {"HTTP_ORIGIN": "https://copy.example.evil", "HTTP_SEC_FETCH_SITE": "cross-site"}
    assert subscribe(client, "other@example.com", **other).status_code == 403
    assert [s.email for s in Subscriber.objects.all()] == ["reader@example.com"]


def test_a_title_with_a_line_break_is_mailed_on_one_line(
    inbox, taking_subscribers, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(email="reader@example.com", confirmed=True)
    with django_capture_on_commit_callbacks(execute=True):
        PostFactory(published_at=just_now(), title="Budget\r\nBcc: everyone@example.com")
    [mail] = inbox.to("reader@example.com")
    assert mail["Subject"] == "Budget Bcc: everyone@example.com" and mail["Bcc"] is None


def test_a_refused_address_is_shown_again_to_correct_and_as_text(client, taking_subscribers):
    assert client.get("/").status_code == 200
    page = subscribe(client, '"><script>alert(1)</script>').content.decode()
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page
    assert "<script>alert" not in page
    # Every page's sidebar, with its form, is rendered once and kept: not with one reader's
    # address in it.
    assert "alert(1)" not in client.get("/").content.decode()


def test_the_mail_has_an_html_form_with_the_picture_and_the_reader_s_own_link(
    inbox, taking_subscribers, django_capture_on_commit_callbacks, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from byline.content.models import Media
    from tests.reference import jpeg

    settings.MEDIA_ROOT = tmp_path
    Subscriber.objects.create(email="reader@example.com", confirmed=True)
    Subscriber.objects.create(email="other@example.com", confirmed=True)
    image = Media(alt="The dry canal", caption="The canal")
    image.file.save("canal.jpg", ContentFile(jpeg()), save=True)
    with django_capture_on_commit_callbacks(execute=True):
        PostFactory(published_at=just_now(), title="Water <script>alert(1)</script> cuts",
                    featured_image=image, body="The canal is **dry** again.")  # fmt: skip
    [mail] = inbox.to("reader@example.com")
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert "Water &lt;script&gt;alert(1)&lt;/script&gt; cuts" in html and "<script" not in html
    assert "The canal is <strong>dry</strong> again." in html
    assert re.search(
        r'<img src="http://testserver/media/[^"]+canal[^"]*\.jpg" alt="The dry canal"', html
    )
    leave = link(mail, "leave")
    assert f'href="http://testserver{leave}"' in html and "byline-leave-link" not in html
    other = inbox.to("other@example.com")[0].get_body(preferencelist=("html",)).get_content()
    assert leave not in other  # each reader's own link
