"""The reference post in a real browser, from a running `byline serve`."""

import pytest

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
    assert author_box.is_visible()
    assert "About Kashif Aziz" in author_box.inner_text()
    assert author_box.get_by_role("link", name="Follow me on Twitter").is_visible()
    assert page.get_by_role("heading", name="3 Responses to").is_visible()
    comment = page.locator(".comment-list > li").first
    assert comment.is_visible()
    assert "Usman" in comment.inner_text()
    assert "February 1, 2014 at 10:02 pm" in comment.inner_text()
    assert page.locator(".ping-list li").count() == 2
    assert page.get_by_role("heading", name="Leave a Reply").is_visible()
    for label in ("Comment", "Name", "Email", "Website"):
        assert page.get_by_role("textbox", name=label).is_visible()
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
    assert page.locator("figure.featured-image figcaption").is_visible()
    page.screenshot(path=str(artifacts / "reference-post-375.png"), full_page=True)
    page.close()
