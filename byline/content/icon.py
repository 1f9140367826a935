"""`/favicon.ico`, which browsers and crawlers ask for whatever a page names: to the site icon
(Settings → Site), or not found when there is none."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_safe

from byline.content import snapshot

# A day in browsers and caches: the icon may change, so the redirect is not a permanent one.
CACHE_CONTROL = "public, max-age=86400"


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    icon = snapshot.current().site.icon
    if icon is None or not icon.url:
        raise Http404("This site has no icon.")
    response = HttpResponseRedirect(icon.url)
    response["Cache-Control"] = CACHE_CONTROL
    return response
