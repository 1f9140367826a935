"""URLs: the admin, uploaded files, then the public site."""

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path
from django.views.static import serve


def media(request: HttpRequest, path: str) -> HttpResponse:
    # The folder read when asked, not when the URLs were loaded (tests change it per test).
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    path(f"{settings.ADMIN_PATH}/", admin.site.urls),
    # `byline serve` answers /media/ from granian itself; this covers Django-only runs.
    re_path(r"^media/(?P<path>.+)$", media),
    path("", include("byline.responses.urls")),
    path("", include("byline.newsletter.urls")),
    path("", include("byline.feeds.urls")),
    path("", include("byline.content.urls")),
]

handler404 = "byline.content.views.page_not_found"
handler500 = "byline.content.views.server_error"
