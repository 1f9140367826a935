"""Click trackers' query strings leave a page as it is; every other parameter may change it."""

import re
from pathlib import Path

import pytest

from byline.publish.tracking import TRACKING_ONLY, only_tracking

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize(
    "query",
    [
        "fbclid=IwAR2xq7Lk-0_aZ",
        "utm_source=newsletter&utm_medium=email&utm_campaign=strike",
        "UTM_SOURCE=Twitter",
        "gclid=Cj0KCQ&fbclid=x&",
        "fbclid",
        "ref_src=twsrc%5Etfw",
    ],
)
def test_trackers_alone(query):
    assert only_tracking(query)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "replytocom=3",
        "utm_source=x&replytocom=3",
        "replytocom=3&fbclid=x",
        "p=42&utm_source=x",
        "cpage=2",
        "fbclidx=1",
        "utm_=1",
        "utm%5Fsource=x",  # encoded: not taken for a tracker
        "&",
        "=fbclid",
        "fbclid=x&&",
    ],
)
def test_anything_else(query):
    assert not only_tracking(query)


def test_a_long_hostile_query_is_answered_quickly():
    # Thousands of near-trackers: the expression must not backtrack without end.
    assert not only_tracking("utm_a=1&" * 5000 + "utm_-")
    assert only_tracking("utm_a=1&" * 5000)


def test_nginx_configuration_and_docs_name_the_same_trackers():
    deploy = (DOCS / "deploy.md").read_text()
    documented = re.search(r'map \$args \$byline_query \{.*?"~\*(.*?)" 0;', deploy, re.DOTALL)
    assert documented and documented.group(1) == TRACKING_ONLY.pattern
    paragraph = (DOCS / "publishing.md").read_text().split("The parameters taken as trackers:")[1]
    listed = paragraph.split("Any other parameter")[0]
    names = set(re.findall(r"`([a-z_]+)`", listed))
    prefixes = set(re.findall(r"`([a-z]+_)…`", listed))
    alternatives = set(re.search(r"\(\?:\(\?:(.*?)\)", TRACKING_ONLY.pattern).group(1).split("|"))
    assert names == {a for a in alternatives if not a.endswith(r"\w+")}
    assert prefixes == {a.removesuffix(r"\w+") for a in alternatives if a.endswith(r"\w+")}
