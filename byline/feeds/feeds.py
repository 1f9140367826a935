"""The feeds: the latest posts of the site and of each category, tag and author, and the
latest responses; RSS 2.0 at WordPress's addresses (`/feed/`, `/category/…/feed/`,
`/comments/feed/`)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape

from django.contrib.syndication.views import Feed
from django.db.models import Max, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from byline.content import listings, snapshot
from byline.content.links import Links
from byline.content.models import AuthorProfile, Post, Site
from byline.content.models.entries import PROTECTED_TEASER, live_condition
from byline.content.views import entry_at
from byline.feeds.rss import WholeTextRss, absolute_addresses
from byline.responses.entries import on
from byline.responses.models import Response, ResponseStatus
from byline.search import query as search
from byline.theme.jinja import render


@dataclass
class Item:
    title: str
    link: str
    guid: str
    description: str
    content: str
    author: str
    published: datetime
    updated: datetime
    categories: list[str] = field(default_factory=list)
    guid_is_link: bool = False


@dataclass
class Channel:
    title: str
    link: str
    description: str
    language: str
    items: list[Item]


def last_post_change() -> datetime:
    """When a live post last changed: WordPress's date for a feed without items."""
    latest = Post.objects.live().aggregate(latest=Max("updated_at"))["latest"]
    return latest or datetime(1970, 1, 1, tzinfo=UTC)


def origin(request: HttpRequest) -> str:
    """`scheme://host` of the site as this request reached it."""
    return request.build_absolute_uri("/").rstrip("/")


class ChannelFeed(Feed):
    """A feed whose `get_object` builds the whole `Channel`: Django keeps one instance of a
    feed for every request, so nothing of a request is kept on it."""

    feed_type = WholeTextRss

    def __call__(self, request: HttpRequest, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # The newest item's date says nothing of an edited title or setting: the ETag (from
        # the content) decides whether a reader's copy is current.
        del response.headers["Last-Modified"]
        return response

    def title(self, channel: Channel) -> str:
        return channel.title

    def link(self, channel: Channel) -> str:
        return channel.link

    def description(self, channel: Channel) -> str:
        return channel.description

    def feed_extra_kwargs(self, channel: Channel) -> dict:
        quiet_since = None if channel.items else last_post_change()
        return {"site_language": channel.language, "quiet_since": quiet_since}

    def items(self, channel: Channel) -> list[Item]:
        return channel.items

    def item_title(self, item: Item) -> str:
        return item.title

    def item_link(self, item: Item) -> str:
        return item.link

    def item_guid(self, item: Item) -> str:
        return item.guid

    def item_guid_is_permalink(self, item: Item) -> bool:
        return item.guid_is_link

    def item_description(self, item: Item) -> str:
        return item.description

    def item_author_name(self, item: Item) -> str:
        return item.author

    def item_pubdate(self, item: Item) -> datetime:
        return item.published

    def item_updateddate(self, item: Item) -> datetime:
        return item.updated

    def item_categories(self, item: Item) -> list[str]:
        return item.categories

    def item_extra_kwargs(self, item: Item) -> dict:
        return {"content": item.content}


def in_language(html: str, language: str, direction: str) -> str:
    return f'<div lang="{escape(language)}" dir="{direction}">{html}</div>'


def post_items(request: HttpRequest, site: Site, posts: QuerySet[Post]) -> list[Item]:
    """The newest of `posts` (as many as the site's feeds hold), newest first: their whole
    text, or their excerpt alone when the site says so."""
    shared = snapshot.current()
    links, here = Links(site, shared.category_paths), origin(request)
    newest = (
        posts.defer(None)
        .defer("body")
        .select_related("author__profile", "featured_image")
        .prefetch_related("categories", "tags")
        .order_by("-published_at", "-id")[: site.feed_items]
    )
    items = []
    for post in newest:
        profile = getattr(post.author, "profile", None)
        if not site.feed_full_text:
            text = ""
        elif post.password:  # its text stays behind its password, as WordPress's feeds keep it
            text = PROTECTED_TEASER
        else:  # its photo and caption first, as its page shows them
            figure = render("_figure.html", {"entry": post}) if post.featured_image else ""
            text = absolute_addresses(figure + post.body_html, here)
        teaser = absolute_addresses(post.teaser_html, here)
        language, direction = post.language or site.language, post.text_direction(site.language)
        if (language, direction) != (site.language, site.direction):
            # An Urdu post on an English site reads right to left in a reader too.
            text, teaser = (in_language(h, language, direction) if h else h for h in (text, teaser))
        terms = [c.name for c in post.categories.all()] + [t.name for t in post.tags.all()]
        items.append(
            Item(
                title=post.title,
                link=links.post(post),
                # WordPress's guid: the post's id address, the same whatever its permalink.
                guid=f"{here}/?p={post.pk}",
                description=teaser,
                content=text,
                author=profile.display_name if profile else post.author.get_username(),
                published=post.published_at,
                updated=post.updated_at,
                categories=terms,
            )
        )
    return items


class PostsFeed(ChannelFeed):
    """The site's latest posts: /feed/."""

    def get_object(self, request: HttpRequest) -> Channel:
        site = snapshot.current().site
        items = post_items(request, site, listings.home())
        return Channel(site.title, "/", site.tagline, site.language, items)


class SearchFeed(ChannelFeed):
    """The newest posts a reader's search finds: /?s=words&feed=rss2, as in WordPress (a
    reader can follow every new story that names a person or a place)."""

    def get_object(self, request: HttpRequest) -> Channel:
        site = snapshot.current().site
        query = search.parse(request.GET.get("s", ""))
        items = post_items(request, site, search.posts_found(query))
        title = f"{site.title} » Search Results for “{query.text}”"
        return Channel(title, "/" + query.query_string(), site.tagline, site.language, items)


def _channel(request, site: Site, heading: str, link: str, posts: QuerySet[Post]) -> Channel:
    items = post_items(request, site, posts)
    return Channel(f"{site.title} » {heading}", link, site.tagline, site.language, items)


class CategoryFeed(ChannelFeed):
    """A category's latest posts, its subcategories' included: /category/<path>/feed/."""

    def get_object(self, request: HttpRequest, path: str) -> Channel:
        site = snapshot.current().site
        category = listings.category_at(path)
        if category is None:
            raise Http404("No such category.")
        link, posts = Links(site).category(category), listings.in_category(category)
        return _channel(request, site, f"Category: {category.name}", link, posts)


class TagFeed(ChannelFeed):
    """A tag's latest posts: /tag/<slug>/feed/."""

    def get_object(self, request: HttpRequest, slug: str) -> Channel:
        site = snapshot.current().site
        tag = listings.tag_with_slug(slug)
        if tag is None:
            raise Http404("No such tag.")
        link, posts = Links(site).tag(tag), listings.with_tag(tag)
        return _channel(request, site, f"Tag: {tag.name}", link, posts)


class AuthorFeed(ChannelFeed):
    """An author's latest posts: /author/<slug>/feed/."""

    def get_object(self, request: HttpRequest, slug: str) -> Channel:
        site = snapshot.current().site
        profile = get_object_or_404(AuthorProfile.objects.select_related("user"), slug=slug)
        link, posts = Links(site).author(profile), listings.by_author(profile.user_id)
        return _channel(request, site, f"Author: {profile.display_name}", link, posts)


def response_items(request: HttpRequest, responses: QuerySet, titled: bool) -> list[Item]:
    """The newest of `responses` that are published, newest first (as many as the site's feeds
    hold); each titled with its post or page when `titled`, else by its author alone."""
    here = origin(request)
    latest = (
        responses.filter(status=ResponseStatus.APPROVED)
        .select_related("post", "page")
        .only("pk", "author_name", "text_html", "created_at", "post__title", "page__title")
        .order_by("-created_at", "-id")[: snapshot.current().site.feed_items]
    )
    items = []
    for response in latest:
        entry = response.post or response.page
        # The response's lasting address: it leads to the page of responses that shows it.
        link = reverse("response_link", args=[response.pk])
        name = response.author_name
        title = f"Response to {entry.title} by {name}" if titled else f"By: {name}"
        items.append(
            Item(
                title=title,
                link=link,
                guid=here + link,
                description=absolute_addresses(response.text_html, here),
                content="",
                author=response.author_name,
                published=response.created_at,
                updated=response.created_at,
                guid_is_link=True,
            )
        )
    return items


class ResponsesFeed(ChannelFeed):
    """The latest published responses on the site's posts and pages: /comments/feed/."""

    def get_object(self, request: HttpRequest) -> Channel:
        site = snapshot.current().site
        # Not those of a protected post or page: its discussion is behind its password too.
        # Joined, not `post__in` the live posts: that list took 20 ms for 10,000 posts.
        shown = Q(live_condition("post"), post__password="") | Q(
            live_condition("page"), page__password=""
        )
        items = response_items(request, Response.objects.filter(shown), titled=True)
        return Channel(f"{site.title} » Comments", "/", site.tagline, site.language, items)


class EntryResponsesFeed(ChannelFeed):
    """One post's or page's published responses: <its address>feed/."""

    def get_object(self, request: HttpRequest, path: str) -> Channel:
        site = snapshot.current().site
        entry = entry_at(f"/{path}/")
        if entry is None:
            raise Http404("No such post.")
        # A protected entry's discussion stays behind its password: the feed has no items.
        found = (
            Response.objects.filter(**on(entry)) if not entry.password else Response.objects.none()
        )
        items = response_items(request, found, titled=False)
        link = Links(site).entry(entry)
        return Channel(f"Responses to: {entry.title}", link, site.tagline, site.language, items)
