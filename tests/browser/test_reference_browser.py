"""The reference post in a real browser, from a running `byline serve`."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_reference_post_reads_like_the_original(browser, reference_site, artifacts):
    base, path = reference_site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    response = page.goto(base + path)
    assert response.status == 200
    caption = page.locator("figure.featured-image figcaption")
    assert caption.is_visible() and caption.inner_text() == "Altaf Hussain - Mustafa Kamal love"
    image = page.locator("figure.featured-image img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "image did not load"
    author_box = page.locator(".author-box")
    expect(author_box).to_be_visible()
    assert "About Kashif Aziz" in author_box.inner_text()
    expect(author_box.get_by_role("link", name="Follow me on Twitter")).to_be_visible()
    expect(page.get_by_role("heading", name="3 Responses to")).to_be_visible()
    comment = page.locator(".comment-list > li").first
    expect(comment).to_be_visible()
    assert "Usman" in comment.inner_text()
    assert "February 1, 2014 at 10:02 pm" in comment.inner_text()
    assert page.locator(".ping-list li").count() == 2
    expect(page.get_by_role("heading", name="Leave a Reply")).to_be_visible()
    for label in ("Comment", "Name", "Email", "Website"):
        expect(page.get_by_role("textbox", name=label)).to_be_visible()
    page.screenshot(path=str(artifacts / "reference-post.png"), full_page=True)
    page.close()


def test_reference_post_fits_a_phone_screen(browser, reference_site, artifacts):
    base, path = reference_site
    page = browser.new_page(viewport={"width": 375, "height": 740}, device_scale_factor=2)
    page.goto(base + path)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 375px"
    expect(page.locator("figure.featured-image figcaption")).to_be_visible()
    page.screenshot(path=str(artifacts / "reference-post-375.png"), full_page=True)
    page.close()
