"""The site's menu: built by hand under Menu items (pages, categories, links, sub-items) or,
without any, the list of pages; kept current in stored pages; brought in from WordPress."""

import re

import pytest
from django.core.exceptions import ValidationError

from byline.content.links import Links
from byline.content.models import MenuItem, Site, Status
from byline.importers.wordpress import import_wordpress
from byline.publish import site_store
from byline.publish.render import publish_path
from tests.factories import CategoryFactory, PageFactory
from tests.reference import shared_path

pytestmark = pytest.mark.django_db


def nav(html: str) -> list[tuple[str, str]]:
    """(address, label) of each link of the site's menu, sub-items included, in order."""
    menu = re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', html, re.DOTALL).group(1)
    return re.findall(r'<a href="([^"]*)">([^<]*)</a>', menu)


def test_without_items_the_menu_is_home_and_the_pages(client):
    PageFactory(title="About", slug="about")
    PageFactory(title="Hidden", slug="hidden", show_in_menu=False)
    assert nav(client.get("/").content.decode()) == [("/", "Home"), ("/about/", "About")]


def test_a_menu_by_hand_with_sub_items_and_a_draft_left_out(client):
    politics = CategoryFactory(name="Politics", slug="politics")
    about = PageFactory(title="About us", slug="about")
    draft = PageFactory(title="Coming soon", slug="soon", status=Status.DRAFT)
    sections = MenuItem.objects.create(label="Sections", url="#", order=1)
    MenuItem.objects.create(category=politics, parent=sections, order=2)
    MenuItem.objects.create(label="Feed", url="/feed/", parent=sections, order=3)
    MenuItem.objects.create(page=about, order=4)
    MenuItem.objects.create(page=draft, order=5)
    MenuItem.objects.create(label="<b>Tips</b>", url="https://tips.example/?a=1&b=2", order=6)
    html = client.get("/").content.decode()
    assert nav(html) == [
        ("#", "Sections"),
        ("/category/politics/", "Politics"),
        ("/feed/", "Feed"),
        ("/about/", "About us"),
        ("https://tips.example/?a=1&amp;b=2", "&lt;b&gt;Tips&lt;/b&gt;"),
    ]
    assert '<ul class="sub-menu">' in html


def test_a_menu_change_reaches_every_stored_page(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # every change runs its callbacks
        about = PageFactory(title="About us", slug="about")
        item = MenuItem.objects.create(page=about)
    for _first_use_empties_the_store in range(2):
        for path in ("/", Links(Site.current()).page(about)):
            with django_capture_on_commit_callbacks(execute=True):
                publish_path(path)
    for path in ("/", "/about/"):
        assert b">About us</a>" in site_store().read(path)
    with django_capture_on_commit_callbacks(execute=True):
        item.label = "Who we are"
        item.save()
    for path in ("/", "/about/"):
        assert site_store().read(path) is None  # every stored page goes, to be rendered anew
        assert ">Who we are</a>" in client.get(path).content.decode()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"label": "Run", "url": "javascript:alert(1)"}, "url"),
        ({"label": "Data", "url": "data:text/html,x"}, "url"),
        ({"label": "Elsewhere", "url": "//evil.example/"}, "url"),
        ({"url": "https://example.org/"}, "label"),
        ({}, "__all__"),
    ],
)
def test_an_item_that_leads_nowhere_safe_is_refused(fields, field):
    with pytest.raises(ValidationError) as refused:
        MenuItem(**fields).full_clean()
    assert field in refused.value.message_dict


def test_two_targets_or_a_sub_sub_item_are_refused():
    page, category = PageFactory(), CategoryFactory()
    with pytest.raises(ValidationError):
        MenuItem(page=page, category=category).full_clean()
    top = MenuItem.objects.create(page=page)
    middle = MenuItem.objects.create(category=category, parent=top)
    with pytest.raises(ValidationError) as refused:
        MenuItem(label="Deep", url="/deep/", parent=middle).full_clean()
    assert "parent" in refused.value.message_dict
    other = MenuItem.objects.create(label="Other", url="/other/")
    top.parent = other  # a top-level item with sub-items cannot go under another
    with pytest.raises(ValidationError) as refused:
        top.full_clean()
    assert "parent" in refused.value.message_dict


def test_wordpress_s_main_menu_comes_in_once(client):
    export = shared_path("fixtures", "wxr", "themeunittestdata.wordpress.xml")
    report = "\n".join(import_wordpress(export).lines())
    # The theme unit test's "Testing Menu" (the longest); its other menus are reported.
    assert "Byline has one menu, “Testing Menu” came in" in report
    links = nav(client.get("/").content.decode())
    labels = [label for _href, label in links]
    assert labels[:3] == ["Pages", "Page Image Alignment", "Page Markup And Formatting"]
    assert "Level 10" in labels  # a tenth level, under its top-level item
    page_links = [href for href, label in links if label == "Page Image Alignment"]
    assert page_links == ["/about/page-image-alignment/"]  # a page under "About"
    count = MenuItem.objects.count()
    import_wordpress(export)
    assert MenuItem.objects.count() == count


def test_a_site_s_own_menu_is_kept_over_an_import(client):
    MenuItem.objects.create(label="Ours", url="/")
    import_wordpress(shared_path("fixtures", "wxr", "themeunittestdata.wordpress.xml"))
    assert [label for _h, label in nav(client.get("/").content.decode())] == ["Ours"]


def test_a_renamed_or_hidden_page_changes_the_menu_on_every_stored_page(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        about = PageFactory(title="About us", slug="about", show_in_menu=False)
        MenuItem.objects.create(page=about)  # its label the page's title
    for _first_use_empties_the_store in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            publish_path("/")
    assert b">About us</a>" in site_store().read("/")
    with django_capture_on_commit_callbacks(execute=True):
        about.title = "Who we are"
        about.save()
    assert site_store().read("/") is None  # every stored page goes, the home page with them
    assert ">Who we are</a>" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        about.status = Status.DRAFT
        about.save()
    assert ">Who we are</a>" not in client.get("/").content.decode()
