"""Videos alone on a line play in the post (YouTube, Vimeo); nothing else becomes a frame."""

import pytest

from byline.content.markup import render_body, render_teaser

PLAYER = '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'


@pytest.mark.parametrize(
    ("body", "body_format"),
    [
        ("Watch:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nThen read on.", "markdown"),
        ("Watch:\n\n<https://youtu.be/dQw4w9WgXcQ>", "markdown"),
        ("<p>Watch:</p>\n\nhttps://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share\n", "html"),
        ("[embed]https://www.youtube.com/shorts/dQw4w9WgXcQ[/embed]", "html"),
        (
            '<!-- wp:embed {"providerNameSlug":"youtube"} -->\n<figure class="wp-block-embed">'
            '<div class="wp-block-embed__wrapper">\nhttps://youtu.be/dQw4w9WgXcQ\n</div></figure>\n'
            "<!-- /wp:embed -->",
            "html",
        ),  # fmt: skip
    ],
)
def test_a_youtube_address_alone_on_its_line_plays(body, body_format):
    html = render_body(body, body_format)
    assert html.count(PLAYER) == 1
    assert 'loading="lazy"' in html and ">Watch on YouTube</a>" in html


def test_a_start_time_and_vimeo():
    html = render_body("https://youtu.be/dQw4w9WgXcQ?t=1m30s\n\nhttps://vimeo.com/76979871")
    assert PLAYER + '?start=90"' in html
    assert '<iframe src="https://player.vimeo.com/video/76979871"' in html


@pytest.mark.parametrize(
    "body",
    [
        "[Our interview](https://youtu.be/dQw4w9WgXcQ)",  # a link with its own words
        "See https://youtu.be/dQw4w9WgXcQ in the text.",  # not alone on its line
        "https://youtu.be/short",  # not a video's id
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "javascript://youtu.be/%0aalert(1)",
        'https://youtu.be/dQw4w9WgXcQ"onload="alert(1)',
        "https://vimeo.com/channels/staffpicks",
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>',
    ],
)
def test_anything_else_makes_no_frame(body):
    assert "<iframe" not in render_body(body) and "<iframe" not in render_body(body, "html")


def test_the_home_page_teaser_leaves_the_player_out():
    body = "https://youtu.be/dQw4w9WgXcQ\n\nThe minister answered questions for an hour."
    teaser = render_teaser("", body, "markdown", render_body(body))
    assert "<iframe" not in teaser and "The minister answered" in teaser
