"""The reference page: every element of a real WordPress news page, in order, in the HTML."""

import re
from html.parser import HTMLParser

import pytest

from tests.reference import load_reference_post, reference_data

pytestmark = pytest.mark.django_db


class TextAndTags(HTMLParser):
    """The visible text of a page, with markers for the elements a test looks for."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("figure", "figcaption", "form", "input", "textarea", "a"):
            marker = f"<{tag}"
            for key in ("name", "href", "class"):
                if attrs.get(key):
                    marker += f" {key}={attrs[key]}"
            self.parts.append(marker + ">")

    def handle_data(self, data):
        self.parts.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))


def page_text(html: str) -> str:
    parser = TextAndTags()
    parser.feed(html)
    return parser.text()


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_reference_page_has_every_element_in_order(client):
    post = load_reference_post()
    data = reference_data()
    response = client.get("/2014/01/mustafa-kamal-left-mqm-took-refuge-in-dubai/")
    assert response.status_code == 200
    text = page_text(response.content.decode())
    caption = data["post"]["featured_image"]["caption"]
    expected = [
        data["post"]["title"],
        "<figure",
        "<figcaption>",
        caption,
        *[squash(p) for p in data["post"]["paragraphs"]],
        "About",
        data["author"]["display_name"],
        data["author"]["bio"],
        "<a href=https://twitter.com/kashifaziz>",
        "Follow me on Twitter",
        "3 Responses to",
        data["responses"]["items"][0]["author"],
        "February 1, 2014 at 10:02 pm",
        squash(data["responses"]["items"][0]["text"]),
        "Linking blog post 1",
        "Linking blog post 2",
        "Leave a Reply",
        "<form",
    ]
    position = 0
    for item in expected:
        found = text.find(item, position)
        assert found >= 0, f"{item!r} missing after: {text[position : position + 300]!r}"
        position = found + len(item)
    form = text[text.index("Leave a Reply") :]
    for field in ("comment", "author", "email", "url"):
        assert f"name={field}" in form
    assert post.responses.count() == 3
