"""The sitemap: every post, page and archive a search engine should know, in sections
(`/sitemap-posts.xml`…) under an index at `/sitemap.xml`."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet

from byline.content import queries, snapshot
from byline.content.links import Links
from byline.content.models import AuthorProfile, Category, Page, Post, Tag
from byline.publish.sitewide import linked_posts


class SiteSitemap(Sitemap):
    """Django makes a new one for each request (the view is given the class): `links` follows
    the site's settings of the moment."""

    def __init__(self) -> None:
        shared = snapshot.current()
        self.links = Links(shared.site, shared.category_paths)


class EntriesSitemap(SiteSitemap):
    model: type[Post] | type[Page]

    def location(self, entry: Post | Page) -> str:
        return self.links.entry(entry)

    def lastmod(self, entry: Post | Page):
        return entry.updated_at

    def get_latest_lastmod(self):
        # For the index: one query, where Django's own reads every entry.
        return self.model.objects.live().aggregate(latest=Max("updated_at"))["latest"]


class PostsSitemap(EntriesSitemap):
    model = Post

    def items(self) -> QuerySet[Post]:
        return linked_posts(self.links)


class PagesSitemap(EntriesSitemap):
    model = Page

    def items(self) -> list[Page]:
        return list(queries.live_pages().order_by("pk"))


class ArchivesSitemap(SiteSitemap):
    """The home page, then the categories, tags and authors that have published posts."""

    def items(self) -> list[object]:
        live = Post.objects.live()
        categories = Category.objects.filter(posts__in=live).distinct().order_by("pk")
        tags = Tag.objects.filter(posts__in=live).distinct().order_by("pk")
        authors = AuthorProfile.objects.filter(user__posts__in=live).distinct().order_by("pk")
        return ["home", *categories, *tags, *authors]

    def location(self, item: object) -> str:
        if isinstance(item, Category):
            return self.links.category(item)
        if isinstance(item, Tag):
            return self.links.tag(item)
        if isinstance(item, AuthorProfile):
            return self.links.author(item)
        return self.links.home()


SECTIONS = {"posts": PostsSitemap, "pages": PagesSitemap, "archives": ArchivesSitemap}
