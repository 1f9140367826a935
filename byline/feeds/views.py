"""The feed, sitemap and robots.txt views as readers and crawlers reach them: cacheable by a
CDN like the stored pages, and answered with 304 when a reader's copy is current."""

from collections.abc import Callable
from functools import wraps

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.middleware.http import ConditionalGetMiddleware
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.http import require_safe

from byline.content import snapshot
from byline.feeds.sitemaps import SECTIONS
from byline.publish.front import CACHE_CONTROL

View = Callable[..., HttpResponse]

# ETag from the content, and 304 for a reader whose copy matches it.
conditional = decorator_from_middleware(ConditionalGetMiddleware)


def kept_per_site_version(view: View, query: tuple[str, ...] = ()) -> View:
    """`view`, its answers kept by address (and the `query` keys that change them) until the
    site's next version: for what shows posts, pages and terms, not responses."""

    @wraps(view)
    def answer(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        made: list[HttpResponse] = []

        def load() -> tuple[bytes, dict[str, str]] | None:
            made.append(view(request, *args, **kwargs))
            if hasattr(made[0], "render"):  # the sitemap's template response
                made[0].render()
            if made[0].status_code != 200:
                return None
            return made[0].content, dict(made[0].headers)

        asked = tuple(request.GET.get(name, "") for name in query)
        key = ("answer", request.path, asked, request.build_absolute_uri("/"))
        kept = snapshot.current().remember(key, load)
        return made[0] if made else HttpResponse(kept[0], headers=kept[1])

    return answer


def public(view: View) -> View:
    """`view` for GET and HEAD, with the stored pages' Cache-Control and an ETag."""

    @require_safe
    @conditional
    @wraps(view)
    def answer(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            response["Cache-Control"] = CACHE_CONTROL.decode()
        return response

    return answer


def _sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(request, SECTIONS, sitemap_url_name="sitemap_section")


def _sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, SECTIONS, section=section)


sitemap_index = public(kept_per_site_version(_sitemap_index))
# A section of more than 50,000 addresses has pages: ?p=2.
sitemap_section = public(kept_per_site_version(_sitemap_section, query=("p",)))


@public
def robots(request: HttpRequest) -> HttpResponse:
    """As WordPress's: nothing kept from crawlers, and where the sitemap is."""
    sitemap = request.build_absolute_uri("/sitemap.xml")
    text = f"User-agent: *\nDisallow:\n\nSitemap: {sitemap}\n"
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@require_safe
def other_format(request: HttpRequest, base: str) -> HttpResponse:
    """WordPress's other formats of a feed (`…/feed/atom/`, `…/feed/rss2/`, `…/feed/rdf/`):
    to the RSS feed at `…/feed/`, which every reader takes."""
    # One leading slash, whatever the path had: "//host/feed/" would lead off the site.
    return HttpResponsePermanentRedirect("/" + f"{base}feed/".lstrip("/"))
