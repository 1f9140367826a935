"""The spam classifier's pure parts: normalising, features, the in-memory model, CSV files."""

import zlib

import pytest

from byline.responses import classifier
from byline.responses.classifier import SpamModel, features, normalize, read_rows
from tests.reference import shared_path

YOUTUBE = ("Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv")


def youtube_rows() -> list[tuple[str, bool]]:
    return [row for name in YOUTUBE for row in read_rows(shared_path("fixtures", "spam", name))]


def test_normalize_folds_arabic_variants_to_urdu_letters():
    # "Pakistan" and "Karachi" typed on an Arabic keyboard: Arabic yeh, kaf and heh.
    assert normalize("كراچي") == normalize("کراچی") == "کراچی"
    assert normalize("ي ى ك ه ة") == "ی ی ک ہ ۃ"
    assert normalize("۲۰۲۶ ٢٠٢٦") == "2026 2026"
    assert normalize("پاکِستان") == "پاکستان"  # an optional vowel mark


def test_normalize_drops_invisible_characters_and_decodes_entities():
    assert normalize("fr\u200bee mo\u200cney\ufeff") == "free money"
    assert normalize("می\u200cخواهم") == normalize("میخواهم")
    assert normalize("ＦＲＥＥ 𝐦𝐨𝐧𝐞𝐲 I&#39;ll") == "FREE money I'll"


def test_urdu_and_roman_urdu_get_features():
    urdu = features("انتخابات میں دھاندلی کی تحقیقات ہونی چاہیے")
    roman = features("Bohat acha likha hai, election commission ka kirdar bhi dekhein")
    assert "w:انتخابات" in urdu["words"] and "b:دھاندلی کی" in urdu["words"]
    assert any(gram.startswith("c:") for gram in urdu["chars"])
    assert "w:bohat" in roman["words"] and "b:acha likha" in roman["words"]
    assert features("كراچي میں بارش") == features("کراچی میں بارش")


def test_features_see_links_phone_numbers_and_the_sender():
    found = features(
        "Visit https://www.Cheap-Loans.example/apply now!!! WhatsApp +92 300 1234567",
        name="Loan Agent 7",
        email="agent@mailinator.example",
        url="http://loans.example/",
    )
    meta = found["meta"]
    assert {"m:links1", "h:cheap-loans.example", "m:phone-number", "m:repeated-punctuation"} <= meta
    assert {"n:loan", "n:agent", "e:mailinator.example", "u:loans.example"} <= meta
    assert "m:phone-number" not in features("Elections were held in 2008, 2013 and 2018.")["meta"]


def test_buckets_use_a_stable_hash():
    # Python's hash() of a string changes with every process: counts stored by it would be lost.
    assert classifier.buckets({"words": {"w:free"}}) == {
        "words": {zlib.crc32(b"w:free") & (2**31 - 1)}
    }


def test_model_scores_nothing_before_ten_of_each():
    model = SpamModel()
    for n in range(10):
        model.learn(f"check out my channel number {n}", True)
        if n < 9:
            model.learn(f"great song, listened {n} times", False)
    assert model.score("check out my channel") is None
    model.learn("great song", False)
    assert model.score("check out my channel") > 0.9
    assert model.score("what a great song") < 0.5


def test_unlearn_restores_the_counts():
    model = SpamModel()
    for n in range(12):
        model.learn(f"subscribe to my channel {n}", True)
        model.learn(f"lovely tune {n}", False)
    counts, totals = dict(model.counts), (model.n_spam, model.n_ham)
    model.learn("Win a free phone, subscribe now", True, name="Promo")
    model.learn("Win a free phone, subscribe now", True, name="Promo", unlearn=True)
    assert {b: c for b, c in model.counts.items() if c != (0, 0)} == counts
    assert (model.n_spam, model.n_ham) == totals
    for _ in range(20):  # taking back more than was learned stops at zero
        model.learn("lovely tune 1", False, unlearn=True)
    assert model.n_ham == 0 and min(min(c) for c in model.counts.values()) == 0


def test_cross_validation_meets_the_acceptance_bar():
    result = classifier.cross_validate(youtube_rows(), folds=5, repeats=5)
    assert result["spam"] == 5 * 586 and result["ham"] == 5 * 552
    assert result["spam_recall"] >= 0.95
    assert result["ham_false_positive_rate"] <= 0.02
    # What the hold band adds: almost all other spam is held, little ham is.
    assert result["spam_stopped_rate"] >= 0.97 and result["ham_held_rate"] <= 0.05


def test_read_rows_handles_the_byte_order_mark(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_bytes('\ufeffCONTENT,CLASS\nhello\ufeff,0\n"buy now, cheap",1\n'.encode())
    assert read_rows(path) == [("hello\ufeff", False), ("buy now, cheap", True)]
    assert read_rows(shared_path("fixtures", "spam", YOUTUBE[0]))[0][1] is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("AUTHOR,CONTENT\nann,hi\n", "bad.csv, line 1: no column CLASS"),
        ('CONTENT,CLASS\nfine,0\n"two\nlines",spam\n', "bad.csv, line 4: CLASS must be 0 or 1"),
        ("", "bad.csv, line 1: no column CONTENT, CLASS"),
    ],
)
def test_read_rows_names_file_and_line_of_a_bad_row(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_rows(path)


def test_read_rows_refuses_a_file_that_is_not_text(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\xff\xd8\xff\xe0JFIF\x00\x01")
    with pytest.raises(ValueError, match="photo.csv: not a UTF-8 text file"):
        read_rows(path)
