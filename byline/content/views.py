"""Public pages: home, posts, static pages, archives (category, tag, author, date), errors."""

import calendar
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from byline.content import images, listings, queries, schema, sharing, snapshot, threads
from byline.content.links import RESPONSES_PAGE, Links
from byline.content.markup import render_teaser
from byline.content.models import Category, OpenClosed, Page, Post, Site
from byline.content.permalinks import Permalink
from byline.content.protected import is_locked, protect
from byline.ids import row_id
from byline.search import query as search
from byline.theme.jinja import format_date, render


def site_context(site: Site, request: HttpRequest | None = None) -> dict:
    """What every page of the theme needs."""

    language = get_language()

    def date(value: datetime, with_time: bool = False) -> str:
        fmt = f"{site.date_format} \\a\\t {site.time_format}" if with_time else site.date_format
        return format_date(value, fmt, site.tzinfo, language)

    shared = snapshot.current()
    links = Links(site, shared.category_paths)
    context = {
        "site": site,
        "links": links,
        "menu": shared.menu,
        "categories": shared.categories,
        "date": date,
        "tz": site.tzinfo,
        "request": None,  # what kept fragments see: they are shared by every reader
    }

    def summary(entry: Post, lazy: bool) -> Markup:
        """A post as a listing shows it, rendered once for all the listings that show it
        (home, its categories, tags, author and dates) until the next change."""

        def shown() -> str:
            return render("_post_summary.html", context | {"entry": entry, "lazy": lazy})

        key = ("summary", entry.pk, entry.response_count, lazy, language)
        return Markup(shared.fragment(key, shown))

    def response(node: threads.ThreadNode, reply: bool) -> Markup:
        """A response in its thread, rendered once until it, its place or the site changes: a
        busy post's page shows hundreds, and most of its render was theirs."""
        r = node.response

        def shown() -> str:
            return render("_response.html", {"r": r, "node": node, "reply": reply, "date": date})

        if node.awaiting_moderation:  # shown to its poster alone: not kept
            return Markup(shown())
        key = (r.pk, node.number, node.depth, reply, r.author_name, r.author_url,
               r.created_at, r.text_html, language)  # fmt: skip
        return Markup(shared.response(key, shown))

    def kept_part(template: str, values: dict) -> Markup:
        """A part of every page (its header, its sidebar: jinja.part), the same on all of them
        until the next change: rendered once (it took a tenth of a listing's render). Not kept
        when a reader's own words fill its forms (their search, their address)."""

        def shown() -> str:
            return render(template, values)

        if values.get("search") or values.get("subscribe_email"):
            return Markup(shown())
        return Markup(shared.fragment(("part", template, language), shown))

    return context | {
        "request": request,
        "summary": summary,
        "response": response,
        "kept_part": kept_part,
    }


def themed(request: HttpRequest | None, template: str, context: dict, status: int = 200):
    site = context.get("site") or snapshot.current().site
    full = site_context(site, request) | context
    return HttpResponse(render(template, full), status=status)


def _paginate(items: Sequence, per_page: int, number: int):
    paginator = Paginator(items, per_page, allow_empty_first_page=True)
    try:
        return paginator.page(number)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such page.") from None


def _listing(request, site: Site, posts: Callable[[], QuerySet], page: int, base: str, **context):
    shared = snapshot.current()
    order = listings.order(base, posts, shared)
    per_page = site.posts_per_page
    page_obj = _paginate(order, per_page, page)
    start = (page_obj.number - 1) * per_page
    shown = queries.listed_posts(order, start, per_page, shared)
    if context.get("feed"):
        context["feed_title"] = f"{context['heading']} Feed"
    return themed(
        request,
        "archive.html" if context.get("heading") else "home.html",
        {
            "site": site,
            "page_obj": page_obj,
            "posts": shown,
            "base": base,
            **context,
        },
    )


@require_safe
def home(request: HttpRequest, page: int = 1) -> HttpResponse:
    site = snapshot.current().site
    if "p" in request.GET and page == 1:
        return _post_by_id(request, site, request.GET["p"])
    query = search.parse(request.GET.get("s", ""))
    if query and "feed" in request.GET and page == 1:
        from byline.feeds.urls import search_feed

        return search_feed(request)
    if query:
        return _search_results(request, site, query, page)
    return _listing(
        request,
        site,
        listings.home,
        page,
        "/",
        share_head=sharing.head(sharing.site_card(site), schema.website(site)),
    )


def _search_results(
    request: HttpRequest, site: Site, query: search.Query, page: int
) -> HttpResponse:
    """A page of what a reader's search finds: not stored, and not for search engines."""
    shared = snapshot.current()
    hits = shared.search(query.key, lambda: search.found(query))
    per_page = site.posts_per_page
    page_obj = _paginate(hits, per_page, page)
    start = (page_obj.number - 1) * per_page
    shown = hits[start : start + per_page]  # posts' ids, and pages' made negative
    post_ids = [pk for pk in shown if pk > 0]
    posts = queries.listed_posts(post_ids, 0, len(post_ids), shared)
    by_id = {post.pk: ("post", post) for post in posts}
    for entry in queries.live_pages().filter(pk__in=[-pk for pk in shown if pk < 0]):
        # As a post's in a listing: its first words; nothing of a protected page's text.
        entry.teaser_html = ""
        if not entry.password:
            entry.teaser_html = render_teaser("", entry.body, entry.body_format, entry.body_html)
        by_id[-entry.pk] = ("page", entry)
    results = [by_id[pk] for pk in shown if pk in by_id]
    context = {"site": site, "page_obj": page_obj, "results": results, "base": "/"}
    context |= {"search": query.text, "query": query.query_string()}
    context |= {"feed": "/" + query.query_string(feed=True)}
    context |= {"feed_title": f"Search Results for “{query.text}” Feed"}
    return themed(request, "search.html", context)


def _post_by_id(request: HttpRequest, site: Site, raw_id: str) -> HttpResponse:
    pk = row_id(raw_id)
    if pk is None:
        raise Http404("No such post.")
    post = snapshot.current().find(("post", pk), lambda: _live_post(pk=pk))
    if post is None:
        raise Http404("No such post.")
    raw_page = request.GET.get("cpage", "1")
    number = (row_id(raw_page) if len(raw_page) < 7 else None) or 0
    if not Links(site).permalink.is_plain or number < 1:
        return HttpResponsePermanentRedirect(Links(site).responses_page(post, max(number, 1)))
    return render_post(request, site, post, number)


def _discussion_context(request: HttpRequest | None, entry: Post | Page, number: int = 1) -> dict:
    """The responses on page `number` of a post or page and the form to add one; `personal`
    when what this visitor sees is theirs alone (their held response, remembered details, a
    reply). A page past the last is not found."""
    from byline.responses.entries import entry_key
    from byline.responses.owner import owner_key, remembered
    from byline.responses.tokens import issue_form_token, page_form_token

    settings = snapshot.current().discussion
    own = owner_key(request) if request else ""
    reply_to = _reply_target(request, entry)
    filled = remembered(request) if request else {}
    personal = bool(own or reply_to or filled)
    key = entry_key(entry)
    found = threads.discussion(entry, settings.thread_depth, own, number, settings.threads_per_page)
    if number > found.pages:
        raise Http404("No such page of responses.")
    links = Links(snapshot.current().site)
    here = links.entry(entry)
    # As WordPress: the entry's feed of responses is named while it has or may get some.
    has_feed = found.count or entry.comment_status == OpenClosed.OPEN
    return {
        "feed": here + "feed/" if has_feed else "",
        "feed_title": f"{entry.title} Comments Feed",
        "entry": entry,
        "entry_key": key,
        "form_token": issue_form_token(key) if personal else page_form_token(key),
        "reply_to": reply_to,
        "require_name_email": settings.require_name_email,
        "filled": filled,
        "discussion": found,
        "personal": personal,
        "this_page": links.responses_page(entry, number) if number > 1 else here,
        "older_responses": links.responses_page(entry, number - 1) if number > 1 else "",
        "newer_responses": links.responses_page(entry, number + 1) if number < found.pages else "",
    }


def _article(post: Post, kept: bool, preview: bool = False) -> Callable[..., Markup]:
    """The template function that shows `post`'s article, author box and neighbours
    (`_post_article.html`): the same on every page of its responses and for every reader, so
    rendered once for the site's version (unless not `kept`: a locked post's or a preview's),
    its neighbours looked up only then (and for a `preview`, dated as the form says, not
    kept for readers either)."""
    shared = snapshot.current()

    @pass_context
    def article(context: Context) -> Markup:
        def shown() -> str:
            previous, following = queries.adjacent_posts(post, shared, kept=not preview)
            author = getattr(post.author, "profile", None)
            values = {"entry": post, "author": author, "previous": previous, "next": following}
            values["share"] = sharing.share_links(shared.site, post)
            values["body"] = Markup(images.with_copies(post.body_html))
            return render("_post_article.html", context.get_all() | values)

        if not kept:  # the password form, which carries the reader's token; a preview
            return Markup(shown())
        return Markup(shared.article((post.pk, get_language()), shown))

    return article


def _share_head(site: Site, entry: Post | Page, description: str, kept: bool) -> Markup:
    """An entry's card and structured data, for its page's <head>: the same for every reader
    and every page of its responses, so made once for the site's version (unless not `kept`:
    a preview's)."""

    def shown() -> str:
        structured = schema.article(site, entry, description) if isinstance(entry, Post) else ""
        return sharing.head(sharing.entry_card(site, entry, description), structured)

    if not kept:
        return Markup(shown())
    key = ("share head", type(entry).__name__, entry.pk)
    return Markup(snapshot.current().fragment(key, shown))


def _entry_response(request, template: str, context: dict, entry: Post | Page) -> HttpResponse:
    response = protect(themed(request, template, context), entry)
    if context["personal"]:  # what this visitor sees is theirs alone
        response["Cache-Control"] = "private, no-store"
    return response


def _live_post(**lookup) -> Post | None:
    return queries.post_for_page().filter(**lookup).first()


def render_post(
    request: HttpRequest | None,
    site: Site,
    post: Post,
    responses_page: int = 1,
    preview: dict | None = None,
) -> HttpResponse:
    """A post's page; with `preview` (byline.content.preview), one readers cannot see yet,
    shown unlocked with a notice of what it is."""
    locked = is_locked(request, post) and preview is None
    description = sharing.describe(post.teaser_html)
    context = {
        **_discussion_context(request, post, responses_page),
        "site": site,
        "post": post,
        "direction": post.text_direction(site.language),
        "language": post.language or site.language,
        "locked": locked,
        "article": _article(post, kept=not locked and preview is None, preview=bool(preview)),
        "preview": preview,
        "description": description,
        "share_head": _share_head(site, post, description, kept=preview is None),
    }
    response = _entry_response(request, "post.html", context, post)
    from byline.responses.pings import advertise

    advertise(response)
    return response


def render_page(
    request: HttpRequest | None,
    site: Site,
    page: Page,
    responses_page: int = 1,
    preview: dict | None = None,
) -> HttpResponse:
    """A static page; `preview` as for render_post."""
    description = "" if page.password else sharing.describe(page.body_html)
    context = {
        **_discussion_context(request, page, responses_page),
        "site": site,
        "page": page,
        "direction": page.text_direction(site.language),
        "language": page.language or site.language,
        "locked": is_locked(request, page) and preview is None,
        "body": Markup(images.with_copies(page.body_html)),
        "preview": preview,
        "description": description,
        "share_head": _share_head(site, page, description, kept=preview is None),
    }
    return _entry_response(request, "page.html", context, page)


def _reply_target(request: HttpRequest | None, entry: Post | Page):
    """The response named by `?replytocom=ID` (the reply link without JavaScript)."""
    raw = request.GET.get("replytocom", "") if request else ""
    pk = row_id(raw)
    if pk is None:
        return None
    from byline.responses.entries import on
    from byline.responses.models import Response, ResponseStatus

    approved = Response.objects.filter(status=ResponseStatus.APPROVED, **on(entry))
    return approved.filter(pk=pk).first()


def _category_from_path(path: str) -> Category:
    category = listings.category_at(path)
    if category is None:
        raise Http404("No such category.")
    return category


@require_safe
def category_archive(request: HttpRequest, path: str, page: int = 1) -> HttpResponse:
    site = snapshot.current().site
    category = _category_from_path(path)
    posts = partial(listings.in_category, category)
    base = Links(site).category(category)
    heading, about = f"Category: {category.name}", category.description
    return _listing(
        request, site, posts, page, base, heading=heading, description=about, feed=f"{base}feed/"
    )


@require_safe
def tag_archive(request: HttpRequest, slug: str, page: int = 1) -> HttpResponse:
    site = snapshot.current().site
    tag = listings.tag_with_slug(slug)
    if tag is None:
        raise Http404("No such tag.")
    posts, base = partial(listings.with_tag, tag), Links(site).tag(tag)
    return _listing(
        request, site, posts, page, base, heading=f"Tag: {tag.name}", feed=f"{base}feed/"
    )


@require_safe
def author_archive(request: HttpRequest, slug: str, page: int = 1) -> HttpResponse:
    site = snapshot.current().site
    profile = listings.author_with_slug(slug)
    if profile is None:
        raise Http404("No such author.")
    posts = partial(listings.by_author, profile.user_id)
    base = Links(site).author(profile)
    heading = f"Author: {profile.display_name}"
    return _listing(
        request, site, posts, page, base, heading=heading, author=profile, feed=f"{base}feed/"
    )


@require_safe
def date_archive(
    request: HttpRequest, year: int, month: int = 0, day: int = 0, page: int = 1
) -> HttpResponse:
    site = snapshot.current().site
    tz = site.tzinfo
    try:
        start, end = listings.dates(tz, year, month, day)
    except (ValueError, OverflowError):
        raise Http404("No such date.") from None
    if day:
        label, base = format_date(start, site.date_format, tz), Links(site).day(year, month, day)
    elif month:
        label, base = f"{calendar.month_name[month]} {year}", Links(site).month(year, month)
    else:
        label, base = str(year), Links(site).year(year)
    posts = partial(listings.dated, start, end)
    return _listing(request, site, posts, page, base, heading=f"Archives: {label}")


# A later page of an entry's responses: <entry>/comment-page-2/.
RESPONSES_PAGE_PATH = re.compile(rf"(?P<entry>/.*?)/{RESPONSES_PAGE}(?P<number>[0-9]{{1,6}})/?")


@require_safe
def entry(request: HttpRequest, path: str) -> HttpResponse:
    """A post (by the permalink pattern) or a static page (by its slug path), or a later page
    of its responses."""
    site = snapshot.current().site
    links = Links(site)
    full_path, number = "/" + path, 1
    paged = RESPONSES_PAGE_PATH.fullmatch(full_path)
    if paged:
        full_path, number = paged["entry"] + "/", int(paged["number"])
    requested = iri_to_uri(request.path)
    permalink = Permalink(site.permalink)
    values = permalink.match(full_path) or (paged and permalink.match(paged["entry"]))
    if values:
        post = _post_matching(values)
        if post is not None:
            canonical = links.responses_page(post, number)
            if canonical != requested:
                return HttpResponsePermanentRedirect(canonical)
            return render_post(request, site, post, number)
    slugs = [s for s in full_path.split("/") if s]
    if slugs:
        shared = snapshot.current()
        page = shared.find(("page", slugs[-1]), lambda: _live_page(slugs[-1]))
        if page is not None and links.page(page).rstrip("/") == iri_to_uri(full_path).rstrip("/"):
            canonical = links.responses_page(page, number)
            if canonical != requested:
                return HttpResponsePermanentRedirect(canonical)
            return render_page(request, site, page, number)
        # An old or shortened link to a post: by its last part, the slug in every pattern
        # but the plain one, as WordPress guesses it (after the permalinks' pattern changed,
        # say, /2026/11/harbour-dredging/ for /harbour-dredging/).
        post = _post_matching({"postname": slugs[-1]}) if not paged else None
        if post is not None:
            return HttpResponsePermanentRedirect(links.post(post))
    raise Http404("No such page.")


def _live_page(slug: str) -> Page | None:
    return queries.live_pages().filter(slug=slug).first()


def _post_matching(values: dict[str, str]) -> Post | None:
    """The live post that a permalink's values (its id or its slug) name."""
    shared = snapshot.current()
    if values.get("post_id"):
        pk = row_id(values["post_id"])
        if pk is None:
            return None
        return shared.find(("post", pk), lambda: _live_post(pk=pk))
    slug = values["postname"]
    return shared.find(("slug", slug), lambda: _live_post(slug=slug))


def entry_at(path: str) -> Post | Page | None:
    """The live post or page whose own address is `path` (no other that leads to it)."""
    links = Links(snapshot.current().site)
    values = links.permalink.match(path)
    post = _post_matching(values) if values else None
    if post is not None and links.post(post) == iri_to_uri(path):
        return post
    slugs = [s for s in path.split("/") if s]
    page = queries.live_pages().filter(slug=slugs[-1]).first() if slugs else None
    if page is not None and links.page(page) == iri_to_uri(path):
        return page
    return None


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return themed(request, "404.html", {}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No database here: the error may be the database itself.
    html = render("500.html", {"site": None, "links": None, "menu": [], "categories": []})
    return HttpResponse(html, status=500)
