"""URLs: the admin, uploaded files, then the public site."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

urlpatterns = [
    path(f"{settings.ADMIN_PATH}/", admin.site.urls),
    # `byline serve` answers /media/ from granian itself; this covers Django-only runs.
    re_path(r"^media/(?P<path>.+)$", serve, {"document_root": settings.MEDIA_ROOT}),
    path("", include("byline.responses.urls")),
    path("", include("byline.newsletter.urls")),
    path("", include("byline.feeds.urls")),
    path("", include("byline.content.urls")),
]

handler404 = "byline.content.views.page_not_found"
handler500 = "byline.content.views.server_error"
