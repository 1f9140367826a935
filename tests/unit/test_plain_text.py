"""The plain text of HTML (for search, descriptions and mailed teasers), as markupsafe's
`striptags` gives it, but in time linear in the text's length."""

import pytest
from markupsafe import Markup

from byline.content.markup import plain_text

WELL_FORMED = [
    "<p>The council <b>met</b> today.</p>\n<p>It voted&nbsp;on the <a href='/x'>budget</a>.</p>",
    "Before<!-- a comment with <b>a tag</b> in it -->after",
    "<figure><img src='a.jpg' alt=''><figcaption>Quay &amp; pier</figcaption></figure>",
    "<!-- one --><!-- two -->Text<br/>on<br>lines",
    "<p lang='ur'>کراچی میں <em>بارش</em></p>",
    "Tags <span\nclass='x'\n>over lines</span>",
    "An unclosed comment <!-- runs <b>on",
]


@pytest.mark.parametrize("html", WELL_FORMED)
def test_the_same_text_as_markupsafe(html):
    assert plain_text(html) == Markup(html).striptags()


@pytest.mark.parametrize("html", ["3 < 4 and <i>5</i> > 4", "<<<<", "a <!-- b", "x > y <z"])
def test_stray_brackets_as_markupsafe_reads_them(html):
    assert plain_text(html) == Markup(html).striptags()


def test_many_tags_and_comments():
    html = "<p>Word <b>bold</b> <!-- c --></p>\n" * 20_000
    assert plain_text(html) == " ".join(["Word bold"] * 20_000)
