"""WordPress's paragraphs (wpautop) and shortcodes, as readers of an imported post see them."""

from byline.content.autop import wpautop
from byline.content.markup import render_body
from byline.content.shortcodes import expand_shortcodes, shortcode_attributes
from byline.importers.galleries import expand_galleries


def test_blank_lines_make_paragraphs_and_single_newlines_breaks():
    assert wpautop("Hello\nWorld\n\nPara 2") == "<p>Hello<br />\nWorld</p>\n<p>Para 2</p>\n"


def test_block_elements_are_not_wrapped_and_pre_is_left_alone():
    text = "Intro\n<blockquote>Quote</blockquote>\n\n<ul>\n<li>one</li>\n</ul>\n<pre>a\n\n b</pre>"
    html = wpautop(text)
    assert "<p>Intro</p>" in html
    assert "<blockquote><p>Quote</p></blockquote>" in html
    assert "<ul>\n<li>one</li>\n</ul>" in html
    assert "<pre>a\n\n b</pre>" in html


def test_newlines_inside_tags_do_not_become_breaks():
    assert wpautop('Text <a\nhref="x">link</a>') == '<p>Text <a\nhref="x">link</a></p>\n'


def test_empty_text_gives_nothing():
    assert wpautop("  \n ") == ""


def test_block_editor_posts_keep_their_own_paragraphs():
    block = "<!-- wp:paragraph -->\n<p>{}</p>\n<!-- /wp:paragraph -->"
    body = block.format("One") + "\n\n" + block.format("Two")
    html = render_body(body, "html")
    assert html.strip() == "<p>One</p>\n\n<p>Two</p>"


def test_shortcode_attributes_in_every_quoting_style():
    attrs = shortcode_attributes(" ids=\"1,2\" columns=3 link='file' https://x.example/a.mp3")
    assert attrs == {"ids": "1,2", "columns": "3", "link": "file", "3": "https://x.example/a.mp3"}


def test_media_shortcodes_become_players_with_a_link_to_fall_back_on():
    html = expand_shortcodes("[audio https://x.example/a.mp3]")
    assert '<audio controls preload="metadata" src="https://x.example/a.mp3">' in html
    assert '<a href="https://x.example/a.mp3">' in html
    assert expand_shortcodes("[video]") == "[video]"  # nothing to play: left visible


def test_a_hostile_shortcode_url_does_not_run_script():
    html = render_body(
        '[video src="javascript:alert(1)"]\n\n[embed]javascript:alert(1)[/embed]', "html"
    )
    assert "<video" not in html and 'href="javascript' not in html
    assert "[embed]javascript:alert(1)[/embed]" in html  # shown as the text it is


class Image:
    def __init__(self, url: str, alt: str = "", caption: str = "") -> None:
        self.url, self.alt, self.caption, self.width, self.height = url, alt, caption, 640, 480


def test_gallery_shows_the_named_or_attached_images():
    images = {"5": Image("/media/a.jpg", "A boat", "At sea"), "6": Image("/media/b.jpg")}
    named = expand_galleries('[gallery ids="6,5" columns="2"]', [], images.get)
    assert named.index("/media/b.jpg") < named.index("/media/a.jpg")
    assert 'class="gallery gallery-columns-2"' in named
    assert '<figcaption class="wp-caption-text gallery-caption">At sea</figcaption>' in named
    attached = expand_galleries("[gallery]", ["5"], images.get)
    assert 'alt="A boat"' in attached and "/media/b.jpg" not in attached
    assert expand_galleries("[gallery]", [], images.get) == "[gallery]"
