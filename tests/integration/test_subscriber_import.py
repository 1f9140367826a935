"""Readers who followed the old site by email come along: the CSV exports of Ghost, Substack,
Mailchimp and WordPress.com, or a list of addresses, through the command line."""

import pytest

from byline.newsletter.importing import SubscriberFileError, import_subscribers
from byline.newsletter.models import Subscriber
from tests.live import byline, database_url, site_env

pytestmark = pytest.mark.django_db


def write(tmp_path, text: str, name: str = "members.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def confirmed() -> list[str]:
    return sorted(Subscriber.objects.filter(confirmed=True).values_list("email", flat=True))


def test_ghost_members_come_confirmed_but_not_those_who_stopped(tmp_path):
    path = write(tmp_path, (
        "id,email,name,note,subscribed_to_emails,complimentary_plan,created_at\n"
        "1,Sana@Example.com,Sana,,true,false,2024-01-01T10:00:00.000Z\n"
        "2,usman@example.com,Usman,,false,false,2024-02-01T10:00:00.000Z\n"
        '3,"ali@example.com",Ali,"says, hi",true,false,2024-03-01T10:00:00.000Z\n'
    ))  # fmt: skip
    report = import_subscribers(path)
    assert confirmed() == ["ali@example.com", "sana@example.com"]
    assert (report.added, report.known, report.stopped) == (2, 0, 1)
    again = import_subscribers(path)
    assert (again.added, again.known) == (0, 2) and Subscriber.objects.count() == 2


def test_substack_mailchimp_and_a_plain_list(tmp_path):
    substack = write(tmp_path, "email,active_subscription,email_disabled,created_at\n"
                     "a@example.com,false,false,2024-01-01\nb@example.com,false,true,2024-01-01\n",
                     "substack.csv")  # fmt: skip
    mailchimp = write(tmp_path, "Email Address;First Name;OPTIN_TIME\n"
                      "c@example.com;Cee;2024-01-01 10:00:00\n", "mailchimp.csv")  # fmt: skip
    plain = write(tmp_path, "d@example.com\n\ne@example.com\n", "list.txt")
    for path in (substack, mailchimp, plain):
        import_subscribers(path)
    assert confirmed() == [f"{c}@example.com" for c in "acde"]


def test_a_pending_reader_here_is_confirmed_by_the_old_site_s_list(tmp_path):
    Subscriber.objects.create(email="sana@example.com")
    report = import_subscribers(write(tmp_path, "email\nsana@example.com\n"))
    assert (report.added, report.known) == (0, 1) and confirmed() == ["sana@example.com"]


def test_what_is_not_an_address_is_left_out_by_line(tmp_path):
    path = write(tmp_path, "email,name\nnot-an-address,X\n=HYPERLINK(\"x\"),Y\nok@example.com,Z\n"
                 ",empty\n" + "x" * 300 + "@example.com,long\n")  # fmt: skip
    report = import_subscribers(path)
    assert confirmed() == ["ok@example.com"]
    said = "\n".join(report.lines())
    assert "line 2: 'not-an-address'" in said and "line 3:" in said and "line 5:" in said
    assert "line 6:" in said and "4 lines left out" in said


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00b\x00i\x00n", "not a UTF-8 text file"),
        (b"", "holds no addresses"),
        (b"name,city\nSana,Lahore\n", "No column of email addresses among: name, city"),
        (b"email\n" + b'"' + b"a" * 200_000 + b'"\n', "not a CSV file"),
    ],
)
def test_a_file_that_is_no_list_of_subscribers_is_refused_and_changes_nothing(
    tmp_path, content, message
):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(SubscriberFileError, match=message):
        import_subscribers(path)
    assert not Subscriber.objects.exists()


def test_the_command_line_imports_and_reports(tmp_path):
    site = tmp_path / "site"
    with database_url() as db_url:
        _command_line(site, site_env(db_url), tmp_path)


def _command_line(site, env, tmp_path):
    byline(site, "init", env=env)
    path = write(tmp_path, "email\nsana@example.com\nnope\n")
    done = byline(site, "import", "subscribers", str(path), env=env)
    assert "1 subscribers added, 0 already here." in done.stdout
    assert "line 3: 'nope'" in done.stdout
    refused = byline(site, "import", "subscribers", str(tmp_path / "x.csv"), env=env, check=False)
    assert refused.returncode != 0
    bad = tmp_path / "bad.csv"
    bad.write_text("name\nSana\n")
    refused = byline(site, "import", "subscribers", str(bad), env=env, check=False)
    assert refused.returncode == 1 and "Nothing was imported." in refused.stderr
