"""Embeds WordPress kept with a post (its `_oembed_…` fields) come in as the quotes it showed."""

from byline.importers.oembeds import cached_quotes, quote_embeds

TWEET = (
    '<blockquote class="twitter-tweet" data-width="550"><p lang="en" dir="ltr">Polls close at '
    'six <a href="https://t.co/abc">https://t.co/abc</a></p>&mdash; A Reporter (@reporter) '
    '<a href="https://twitter.com/reporter/status/1234?ref_src=twsrc%5Etfw">May 1, 2024</a>'
    "</blockquote>"
)
KEPT = {
    "_oembed_0123abcd": f'<div class="embed-twitter">{TWEET}<script async src="https://'
    'platform.twitter.com/widgets.js"></script></div>',
    "_oembed_time_0123abcd": "1714550000",
    "_oembed_4567ef01": "{{unknown}}",
}


def test_a_quote_is_known_by_the_post_it_quotes_not_by_the_links_in_its_words():
    assert cached_quotes(KEPT) == {"x.com/reporter/status/1234": TWEET}


def test_a_quote_with_a_cite_is_known_by_it():
    tiktok = (
        '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@someone/video/99">'
        '<section><a href="https://www.tiktok.com/@someone">@someone</a></section></blockquote>'
    )
    assert cached_quotes({"_oembed_aa": tiktok}) == {"tiktok.com/@someone/video/99": tiktok}


def test_the_address_alone_on_its_line_becomes_the_quote():
    body = "Before.\n\nhttps://twitter.com/reporter/status/1234\n\nAfter."
    assert quote_embeds(body, KEPT) == (
        f'Before.\n\n<figure class="embed embed-quote">{TWEET}</figure>\n\nAfter.'
    )


def test_the_same_post_under_its_other_addresses_and_in_an_embed_shortcode():
    figure = f'<figure class="embed embed-quote">{TWEET}</figure>'
    for line in (
        "https://x.com/reporter/status/1234/",
        "  http://www.twitter.com/reporter/status/1234?s=20",
        "[embed]https://mobile.twitter.com/reporter/status/1234[/embed]",
    ):
        assert quote_embeds(line, KEPT).strip() == figure


def test_other_addresses_and_addresses_among_words_are_left_alone():
    body = (
        "See https://twitter.com/reporter/status/1234 for more.\n"
        "https://twitter.com/reporter/status/9999\n"
        "https://twitter.com/reporter\n"
        "https://t.co/abc"
    )
    assert quote_embeds(body, KEPT) == body
    assert quote_embeds(body, {}) == body
