"""The search's full-text index (SQLite FTS5, PostgreSQL tsvector): which words find what, how
it ranks, and that it follows every change to the posts and pages."""

import re
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import timezone

from byline.search.models import Document
from tests.factories import PageFactory, PostFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
XSS = FIXTURES / "xss" / "RSNAKE_XSS.txt"
# Arabic script's optional marks: short vowels, tanween, superscript alef, hamza above.
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")


def titles(client, words: str) -> list[str]:
    page = client.get("/", {"s": words})
    assert page.status_code == 200
    return re.findall(r'rel="bookmark">([^<]*)</a>', page.content.decode())


def days_ago(days: int):
    return timezone.now() - timezone.timedelta(days=days)


def test_a_word_finds_the_words_it_begins_a_phrase_only_itself(client):
    PostFactory(title="Ports", body="Both ports reopened.", published_at=days_ago(1))
    PostFactory(title="Portrait of a mayor", body="Oil on canvas.", published_at=days_ago(2))
    PostFactory(title="Airport", body="A new terminal.", published_at=days_ago(3))
    PostFactory(title="Authorities", body="The port authority met.", published_at=days_ago(4))
    assert sorted(titles(client, "port")) == ["Authorities", "Portrait of a mayor", "Ports"]
    assert titles(client, "airport") == ["Airport"]
    assert titles(client, "port author") == ["Authorities"]  # its last word a start
    assert titles(client, '"port authority"') == ["Authorities"]
    assert titles(client, '"port author"') == []  # a phrase is whole words


def test_a_word_in_the_title_outranks_the_text_and_the_newest_leads_among_equals(client):
    PostFactory(title="Budget passed", body="Nothing on the docks.", published_at=days_ago(9))
    PostFactory(title="Council notes", body="Dredging of the docks.", published_at=days_ago(1))
    PostFactory(title="Docks to close", body="Workers protest.", published_at=days_ago(5))
    PostFactory(title="Docks dredging", body="Work begins.", published_at=days_ago(3))
    PostFactory(title="Docks dredging", body="Work begins.", published_at=days_ago(2))
    found = titles(client, "docks")
    assert found[:3] == ["Docks dredging", "Docks dredging", "Docks to close"]
    assert sorted(found[3:]) == ["Budget passed", "Council notes"]
    # Of the two the same, the newer first: the one published second, its slug made unique.
    page = client.get("/", {"s": "docks"}).content.decode()
    links = re.findall(r'<a href="([^"]*)" rel="bookmark">Docks dredging<', page)
    assert links[0].endswith("/docks-dredging-2/") and links[1].endswith("/docks-dredging/")


def test_markup_is_not_searched_and_what_readers_read_is(client):
    PostFactory(title="Links", body='See <a href="https://gazette.example/leak">the ledger</a>.',
                body_format="html")  # fmt: skip
    PostFactory(title="Caption", body='[caption id="a"]<img src="/m/x.jpg"> Flooded ward[/caption]',
                body_format="html")  # fmt: skip
    assert titles(client, "gazette") == []
    assert titles(client, "href") == []
    assert titles(client, "ledger") == ["Links"]
    assert titles(client, "flooded ward") == ["Caption"]


def test_urdu_with_its_marks_and_its_full_stop(client):
    PostFactory(title="خبر", body="کراچی میں آج اَجلاس ہوا۔ بندرگاہ بند رہی۔")
    PostFactory(title="Other", body="Nothing in Urdu.")
    assert titles(client, "اَجلاس") == ["خبر"]
    assert titles(client, "ہوا") == ["خبر"]  # the full stop is not part of the word
    assert titles(client, "بندرگا") == ["خبر"]  # the start of a word
    assert titles(client, "کراچی -بندرگاہ") == []


def test_accents_keyboards_and_digits_do_not_matter(client):
    PostFactory(title="Café society", body="Die Straße war voll.")
    PostFactory(title="كراچي ميں بارش", body="سن ۲۰۲۴ کی بارش۔")  # an Arabic keyboard's ي ك
    PostFactory(title="ﻻ", body="Presentation forms.")  # lam-alef as one glyph
    assert titles(client, "cafe") == titles(client, "CAFÉ") == ["Café society"]
    assert titles(client, "strasse") == ["Café society"]
    assert titles(client, "کراچی") == ["كراچي ميں بارش"]  # typed with Urdu's ی ک
    assert titles(client, "2024") == titles(client, "۲۰۲۴") == ["كراچي ميں بارش"]
    assert titles(client, "لا") == ["ﻻ"]


@pytest.mark.parametrize("language", ["ur_udtb", "fa_seraji"])
def test_real_sentences_are_found_by_words_typed_without_their_marks(client, language):
    rows = (FIXTURES / "rtl" / f"{language}-test_sentences.tsv").read_text(encoding="utf-8")
    sentences = [line.split("\t", 1)[1] for line in rows.splitlines()[1:]]
    marked = [s for s in sentences if ARABIC_MARKS.search(s)][:8]
    assert len(marked) >= 5
    for n, sentence in enumerate(marked):
        PostFactory(title=f"Sentence {n}", body=sentence)
    for n, sentence in enumerate(marked):
        word = next(w for w in sentence.split() if ARABIC_MARKS.search(w))
        plain = ARABIC_MARKS.sub("", word).strip("،۔.؟!:()«»")
        assert f"Sentence {n}" in titles(client, plain), (word, plain)


def test_the_index_follows_every_change(client):
    post = PostFactory(title="Ferry strike", body="Crews walked out.")
    page = PageFactory(title="Tip line", body="Call the desk.")
    assert titles(client, "crews") == ["Ferry strike"]
    post.title, post.body = "Ferry strike over", "Crews are back at work."
    post.save()
    assert titles(client, "over") == ["Ferry strike over"]
    assert titles(client, "walked") == []
    post.password = "secret"
    post.save()
    assert titles(client, "crews") == []  # its text is behind the password now
    assert titles(client, "ferry") == ["Ferry strike over"]
    page.body = "Write to the newsroom."
    page.save()
    assert (titles(client, "desk"), titles(client, "newsroom")) == ([], ["Tip line"])
    post.delete()
    page.delete()
    assert titles(client, "ferry") == [] and not Document.objects.exists()


def test_words_typed_as_operators_are_only_words(client):
    PostFactory(title="Budget passed", body="The vote was close.")
    PostFactory(title="Mafia trial", body="Adjourned again.")
    assert titles(client, "budget OR mafia") == []  # OR is a word neither holds
    assert titles(client, "title:budget") == []
    assert titles(client, "NEAR(budget vote)") == []  # "near" is a word too
    assert titles(client, "budget*") == ["Budget passed"]
    for odd in ["'", "\\", "it's", "a'b\\'", "':*", "!(", "<->", "&|", "^budget", "budget:A"]:
        assert client.get("/", {"s": odd}).status_code == 200, odd


def test_every_xss_payload_is_a_harmless_search(client):
    PostFactory(title="Plain title", body="Plain text.")
    for line in XSS.read_text(encoding="utf-8", errors="replace").splitlines():
        page = client.get("/", {"s": line})
        assert page.status_code == 200, line


def test_posts_and_pages_saved_before_the_index_are_found_once_it_is_made(client):
    PostFactory(title="Harbour dredging", body="Work begins.", published_at=days_ago(1))
    PageFactory(title="About", body="We cover the harbour.")
    PostFactory(title="Harbour memo", body="Secret terms.", password="t", published_at=days_ago(2))
    Document.objects.all().delete()  # as they were before the index's migration
    import_module("byline.search.migrations.0001_initial").fill(apps, None)
    found = titles(client, "harbour")
    assert sorted(found[:2]) == ["Harbour dredging", "Harbour memo"] and found[2:] == ["About"]
    assert titles(client, "secret") == []
