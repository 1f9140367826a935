"""The public URL of every kind of thing on the site, from the site's permalink settings."""

from django.utils import timezone
from django.utils.encoding import iri_to_uri

from byline.content.models import AuthorProfile, Category, Page, Post, Site, Tag
from byline.content.permalinks import Permalink


def primary_category(post: Post) -> Category | None:
    """The category a post's URL uses: its oldest, as WordPress picks it."""
    # Those the public pages' queries attached (queries.TERMS), else as they are now.
    shown = post.__dict__.get("shown_categories")
    categories = sorted(post.categories.all() if shown is None else shown, key=lambda c: c.pk)
    return categories[0] if categories else None


# The name of an entry's later pages of responses, as WordPress has it: <entry>/comment-page-2/.
RESPONSES_PAGE = "comment-page-"


class Links:
    """Paths of posts, pages and archives for one site's settings."""

    def __init__(self, site: Site, category_paths: dict[int, str] | None = None) -> None:
        self.site = site
        self.permalink = Permalink(site.permalink)
        # `parent/child` slug paths by category id, when known, save a query per level.
        self.category_paths = category_paths or {}

    def home(self, page: int = 1) -> str:
        return "/" if page <= 1 else f"/page/{page}/"

    def post(self, post: Post) -> str:
        if self.permalink.is_plain:
            return f"/?p={post.pk}"
        date = timezone.localtime(post.published_at or post.created_at, self.site.tzinfo)
        category = primary_category(post) if "%category%" in self.permalink.pattern else None
        author_slug = ""
        if "%author%" in self.permalink.pattern:  # the author is a query or two: only if used
            author = getattr(post.author, "profile", None)
            author_slug = author.slug if author else post.author.get_username()
        category_path = self._category_path(category) if category else ""
        path = self.permalink.build(post, date, category_path, author_slug)
        return iri_to_uri(path)

    def page(self, page: Page) -> str:
        slugs, node, seen = [page.slug], page.parent, {page.pk}
        while node is not None and node.pk not in seen:
            slugs.insert(0, node.slug)
            seen.add(node.pk)
            node = node.parent
        return iri_to_uri("/" + "/".join(slugs) + "/")

    def entry(self, entry: Post | Page) -> str:
        """A post's or a page's path, whichever `entry` is."""
        return self.post(entry) if isinstance(entry, Post) else self.page(entry)

    def responses_page(self, entry: Post | Page, number: int) -> str:
        """Page `number` of an entry's responses: the entry itself for the first, then
        WordPress's <entry>/comment-page-N/ (or ?p=ID&cpage=N with plain links)."""
        base = self.entry(entry)
        if number <= 1:
            return base
        if base.startswith("/?"):
            return f"{base}&cpage={number}"
        return f"{base.rstrip('/')}/{RESPONSES_PAGE}{number}/"

    def _category_path(self, category: Category) -> str:
        return self.category_paths.get(category.pk) or category.path

    def category(self, category: Category) -> str:
        return iri_to_uri(f"/category/{self._category_path(category)}/")

    def tag(self, tag: Tag) -> str:
        return iri_to_uri(f"/tag/{tag.slug}/")

    def author(self, profile: AuthorProfile) -> str:
        return iri_to_uri(f"/author/{profile.slug}/")

    def year(self, year: int) -> str:
        return f"/{year:04d}/"

    def month(self, year: int, month: int) -> str:
        return f"/{year:04d}/{month:02d}/"

    def day(self, year: int, month: int, day: int) -> str:
        return f"/{year:04d}/{month:02d}/{day:02d}/"

    def paged(self, base: str, page: int) -> str:
        """`base` (an archive path) at page `page`."""
        return base if page <= 1 else f"{base}page/{page}/"
