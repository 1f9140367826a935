"""Query strings of parameters Byline does not read leave a page as it is; one that names a
parameter Byline reads, or may once decoded, goes to Django."""

import re
from pathlib import Path

import pytest

from byline.importers.redirects import QUERY_KEYS
from byline.publish.querystring import READ, changes_nothing

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "query",
    [
        "fbclid=IwAR2xq7Lk-0_aZ",
        "utm_source=newsletter&utm_medium=email&utm_campaign=strike",
        "ref=news.example.com",
        "x=12345",  # made up to get past the store
        "search=strike",  # not WordPress's `s`
        "P=12",  # Django's names are case-sensitive
        "pp=1&page_idx=2&authors=3",
        "fbclid",
        "a=b=c",
        "x=%70",  # only names are checked: a value is never a name
        "&",
        "=x",
    ],
)
def test_parameters_byline_does_not_read(query):
    assert changes_nothing(query)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "p=42",
        "p",
        "s=strike",  # a search
        "utm_source=x&s=strike",
        "replytocom=3",
        "utm_source=x&replytocom=3",
        "replytocom=3&fbclid=x",
        "x=1&p",
        "cpage=2",
        "page_id=7&utm_source=x",
        "m=201401",
        "%70=42",  # decoded, the name is p
        "p%61ge_id=7",
        "cat+=1",
    ],
)
def test_parameters_byline_reads(query):
    assert not changes_nothing(query)


def test_a_long_hostile_query_is_answered_quickly():
    # Thousands of parameters: the expression must not backtrack without end.
    assert not changes_nothing("utm_a=1&" * 5000 + "p=1")
    assert not changes_nothing("a" * 50_000 + "%")
    assert changes_nothing("utm_a=1&" * 5000)


def test_the_code_reads_no_other_parameter():
    """A page whose view reads a parameter missing from READ would be answered from the store
    as if it had not been asked."""
    read = set(QUERY_KEYS)
    for source in (ROOT / "byline").rglob("*.py"):
        if source.name == "admin.py":
            continue  # the admin's pages are never stored: Django answers each
        text = source.read_text(encoding="utf-8")
        read |= set(re.findall(r"\bGET(?:\.get\(|\[)\s*[\"']([^\"']+)[\"']", text))
        read |= set(re.findall(r"[\"']([^\"']+)[\"']\s+in\s+request\.GET", text))
        for names in re.findall(r"\bquery=\(([^)]*)\)", text):  # the feeds' kept answers
            read |= set(re.findall(r"[\"']([^\"']+)[\"']", names))
    assert read and read <= set(READ)


def test_the_docs_name_the_parameters_byline_reads():
    paragraph = (ROOT / "docs" / "publishing.md").read_text().split("The parameters Byline reads:")
    listed = paragraph[1].split(". A query string")[0]
    assert set(re.findall(r"`([a-z_]+)`", listed)) == set(READ)
