"""Feeds at WordPress's addresses, the sitemap and robots.txt (before the archives and the
permalinks' catch-all, which would take them for a category or a page)."""

from django.contrib.syndication.views import Feed
from django.urls import path, re_path
from django.views.generic import RedirectView

from byline.feeds import views
from byline.feeds.feeds import (
    AuthorFeed,
    CategoryFeed,
    EntryResponsesFeed,
    PostsFeed,
    ResponsesFeed,
    SearchFeed,
    TagFeed,
)


def of_posts(feed: Feed) -> views.View:
    """A feed of posts: it changes with the site's version, and is kept until then."""
    return views.public(views.kept_per_site_version(feed))


# A search's feed (/?s=words&feed=rss2): the home page's address, so home() hands it over. Not
# kept: every search would take a place among what a process keeps.
search_feed = views.public(SearchFeed())

urlpatterns = [
    re_path(r"^(?P<base>.*)feed/(?:rss2?|atom|rdf)/?$", views.other_format),
    path("feed/", of_posts(PostsFeed()), name="feed"),
    # Responses come and go without a new site version: rendered each time.
    path("comments/feed/", views.public(ResponsesFeed()), name="responses_feed"),
    re_path(r"^category/(?P<path>.+?)/feed/$", of_posts(CategoryFeed()), name="category_feed"),
    path("tag/<str:slug>/feed/", of_posts(TagFeed()), name="tag_feed"),
    path("author/<str:slug>/feed/", of_posts(AuthorFeed()), name="author_feed"),
    # A post's or page's responses, under its address (a 404 leaves it to the old addresses).
    re_path(r"^(?P<path>.+)/feed/$", views.public(EntryResponsesFeed()), name="entry_feed"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
    # A WordPress site's sitemaps, as search engines were told of them: WordPress's own
    # (/wp-sitemap.xml and its parts) and Yoast SEO's (/sitemap_index.xml, /post-sitemap.xml…).
    re_path(
        r"^(?:wp-sitemap(?:-[a-z0-9_-]+)?|sitemap_index|[a-z_]+-sitemap[0-9]*)\.xml$",
        RedirectView.as_view(url="/sitemap.xml", permanent=True),
    ),
    path("robots.txt", views.robots, name="robots"),
]
