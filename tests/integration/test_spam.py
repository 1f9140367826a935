"""The spam classifier in the database, and `byline spam train` / `evaluate` run as a user would."""

import re

import pytest

from byline.responses import classifier
from byline.responses.classifier import SPAM_THRESHOLD, learn, spam_score, train_from_csv
from byline.responses.models import SpamFeature
from byline.responses.models.spam import TOTALS_BUCKET
from tests.live import byline, database_url, site_env
from tests.reference import shared_path

pytestmark = pytest.mark.django_db

YOUTUBE = ("Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv")

# A kind of spam the YouTube comments never show: Urdu (and Roman Urdu) loan and lottery scams.
URDU_SPAM_LEARNED = [
    "مبارک ہو! آپ کا موبائل نمبر جیوے لکی ڈرا میں 25 لاکھ روپے کا انعام جیت گیا ہے۔ انعام وصول"
    " کرنے کے لیے ابھی اس نمبر پر رابطہ کریں 03001234567",
    "گھر بیٹھے صرف شناختی کارڈ پر 5 لاکھ تک آسان قرضہ حاصل کریں، کوئی ضمانت نہیں۔ واٹس ایپ کریں"
    " 03217654321",
    "بے نظیر انکم سپورٹ پروگرام کی طرف سے آپ کے لیے 25000 روپے کی رقم منظور ہو گئی ہے۔ رقم وصول"
    " کرنے کے لیے فوری رابطہ کریں 03451122334",
    "فوری قرضہ صرف 10 منٹ میں! کم سود، آسان اقساط، کوئی کاغذی کارروائی نہیں۔ ابھی ایپ ڈاؤن لوڈ"
    " کریں اور رقم اپنے اکاؤنٹ میں حاصل کریں",
    "جیز کیش لکی ڈرا میں آپ کا نام نکلا ہے، آپ نے نئی موٹر سائیکل اور 50 ہزار نقد جیتے ہیں۔ تفصیل"
    " کے لیے کال کریں 03009988776",
    "بغیر سود کے قرضہ اسکیم، صرف شناختی کارڈ کی کاپی بھیجیں اور 3 لاکھ روپے حاصل کریں۔ رابطہ نمبر"
    " 03335566778",
    "Mubarak ho! Aap ka number lucky draw mein 10 lakh ka inaam jeet gaya hai. Inaam lene ke liye"
    " abhi rabta karein 03001112233",
    "Ghar baithay sirf shanakhti card par 2 lakh tak asaan qarza hasil karein, koi zamanat nahi."
    " WhatsApp karein 03214455667",
]
URDU_SPAM_UNSEEN = [
    "مبارک ہو، آپ کا نمبر لکی ڈرا میں 15 لاکھ روپے کا انعام جیت گیا ہے۔ انعام کے لیے فوری رابطہ"
    " کریں 03125566889",
    "صرف شناختی کارڈ پر 2 لاکھ روپے کا آسان قرضہ، بغیر ضمانت کے۔ واٹس ایپ کریں 03456677889",
    "احساس پروگرام کی طرف سے آپ کی 12000 روپے کی رقم منظور ہو گئی ہے، وصول کرنے کے لیے ابھی"
    " رابطہ کریں 03024455667",
    "آسان قرضہ ایپ: ایک لاکھ روپے تک قرض فوراً آپ کے جیز کیش اکاؤنٹ میں، کوئی ضمانت نہیں۔ ابھی"
    " حاصل کریں",
    "Mubarak ho, aap ka inaam nikla hai! 5 lakh rupay aur motorcycle jeetne par rabta karein"
    " 03006677889",
]


def youtube_files():
    return [shared_path("fixtures", "spam", name) for name in YOUTUBE]


def urdu_sentences() -> list[str]:
    path = shared_path("fixtures", "rtl", "ur_udtb-test_sentences.tsv")
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t", 1)[1] for line in lines]


def stored() -> dict[int, tuple[int, int]]:
    return {row.bucket: (row.spam, row.ham) for row in SpamFeature.objects.all()}


def test_an_untrained_site_has_no_score():
    assert spam_score("Check out my channel!") is None
    for n in range(9):
        learn(f"check out my channel {n}", True)
        learn(f"such a good song {n}", False)
    assert spam_score("Check out my channel!") is None


def test_scoring_reads_only_its_own_features_in_one_query(django_assert_num_queries):
    train_from_csv(youtube_files())
    with django_assert_num_queries(1) as context:
        score = spam_score("Subscribe to my channel for free gift cards http://bit.ly/x")
    assert score >= SPAM_THRESHOLD
    assert "bucket" in context.captured_queries[0]["sql"]


def test_database_model_scores_like_the_memory_model():
    rows = [row for path in youtube_files() for row in classifier.read_rows(path)]
    assert train_from_csv(youtube_files()) == len(rows) == 1138
    assert SpamFeature.objects.get(bucket=TOTALS_BUCKET).spam == 586
    memory = classifier.SpamModel()
    for text, is_spam in rows:
        memory.learn(text, is_spam)
    for text, _ in rows[::97]:
        assert spam_score(text) == pytest.approx(memory.score(text))


def test_unlearn_restores_the_stored_counts():
    train_from_csv(youtube_files()[:1])
    before = stored()
    sender = {"name": "Crypto Desk", "email": "desk@recovery.example", "url": "https://r.example"}
    learn("Recovered my lost bitcoin in 48 hours, contact the desk", True, **sender)
    assert stored() != before
    learn("Recovered my lost bitcoin in 48 hours, contact the desk", True, **sender, unlearn=True)
    assert stored() == before


def test_a_bad_file_among_good_ones_teaches_nothing(tmp_path):
    bad = tmp_path / "labels.csv"
    bad.write_text("CONTENT,CLASS\nfine,0\nodd,maybe\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"labels.csv, line 3: CLASS must be 0 or 1"):
        train_from_csv([*youtube_files(), bad])
    assert not SpamFeature.objects.exists()


def test_it_learns_a_new_kind_of_spam_from_a_few_decisions():
    train_from_csv(youtube_files())
    urdu = urdu_sentences()
    # The YouTube comments taught it nothing about Urdu: news sentences are not spam to it.
    flagged = [s for s in urdu if spam_score(s) >= SPAM_THRESHOLD]
    assert len(flagged) <= len(urdu) // 100
    # A bilingual site approves Urdu comments, then marks the first loan and lottery scams.
    approved, unseen_ham = urdu[:10], urdu[10:]
    for sentence in approved:
        learn(sentence, False)
    assert all(spam_score(text) < SPAM_THRESHOLD for text in URDU_SPAM_UNSEEN)
    for text in URDU_SPAM_LEARNED:
        learn(text, True, name="Lucky Draw Office")
    assert all(spam_score(text) >= SPAM_THRESHOLD for text in URDU_SPAM_UNSEEN)
    assert not [s for s in unseen_ham if spam_score(s) >= SPAM_THRESHOLD]


def test_evaluate_measures_the_stored_model():
    files = youtube_files()
    train_from_csv(files[:2])
    result = classifier.evaluate_csv(files[2:])
    assert result["ready"] and (result["learned_spam"], result["learned_ham"]) == (350, 350)
    assert (result["spam"], result["ham"]) == (236, 202)
    # Another video's spam campaigns: most is stopped, much of it only held.
    assert result["spam_caught"] + result["spam_held"] >= 0.85 * result["spam"]
    assert result["ham_flagged"] <= 0.02 * result["ham"]


@pytest.fixture
def env():
    with database_url() as url:
        yield site_env(url)


def summary_numbers(stdout: str) -> tuple[float, float]:
    recall = re.search(r"Spam: \d+ of 586 marked spam \(([\d.]+)% recall\)", stdout)
    false_positives = re.search(
        r"Ham:  \d+ of 552 marked spam \(([\d.]+)% false positives\)", stdout
    )
    assert recall and false_positives, stdout
    return float(recall[1]), float(false_positives[1])


def test_cli_trains_and_evaluates_a_site(tmp_path, env):
    files = [str(path) for path in youtube_files()]
    byline(tmp_path, "init", env=env)
    untrained = byline(tmp_path, "spam", "evaluate", *files, env=env, check=False)
    assert untrained.returncode == 1 and "byline spam train" in untrained.stderr
    trained = byline(tmp_path, "spam", "train", *files, env=env)
    assert "Learned 1138 rows from 3 file(s)." in trained.stdout
    evaluated = byline(tmp_path, "spam", "evaluate", *files, env=env)
    recall, false_positives = summary_numbers(evaluated.stdout)
    # Judged on what it learned, so better than the cross-validated 95% and 2%.
    assert recall >= 95 and false_positives <= 2
    assert "spam from score 0.9, held from 0.5" in evaluated.stdout


def test_cli_reports_a_malformed_file_in_one_line(tmp_path, env):
    byline(tmp_path, "init", env=env)
    bad = tmp_path / "comments.csv"
    bad.write_text(
        "COMMENT_ID,CONTENT,CLASS\n1,nice post,0\n2,cheap pills,spam\n", encoding="utf-8"
    )
    result = byline(tmp_path, "spam", "train", str(bad), env=env, check=False)
    assert result.returncode == 1
    assert result.stderr == f"Error: {bad}, line 3: CLASS must be 0 or 1, not 'spam'\n"
    other = byline(
        tmp_path, "spam", "evaluate", str(bad), "--label-column", "LABEL", env=env, check=False
    )
    assert other.returncode == 1
    assert other.stderr == f"Error: {bad}, line 1: no column LABEL\n"
