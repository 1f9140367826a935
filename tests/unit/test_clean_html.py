"""What the allowlist keeps of links in post bodies and in readers' responses."""

from byline.content.markup import clean_html, render_comment


def test_a_link_a_writer_opens_in_a_new_tab_keeps_doing_so_safely():
    html = clean_html(
        '<p><a href="https://example.org/report" target="_blank">the report</a> '
        '<a href="https://example.org/" target="main">home</a></p>'
    )
    assert '<a href="https://example.org/report" target="_blank" rel="noopener noreferrer">' in html
    assert '<a href="https://example.org/" rel="noopener noreferrer">home</a>' in html


def test_a_readers_link_opens_in_the_same_tab():
    html = render_comment('<a href="https://example.org/" target="_blank">mine</a>')
    assert "target" not in html and 'rel="nofollow ugc noopener noreferrer"' in html
