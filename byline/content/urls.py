"""Public URLs: archives first, then posts and pages by permalink (the catch-all)."""

from django.urls import path, re_path, register_converter

from byline.content import icon, protected, views


class FourDigits:
    regex = r"[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


class TwoDigits(FourDigits):
    regex = r"[0-9]{2}"

    def to_url(self, value: int) -> str:
        return f"{value:02d}"


register_converter(FourDigits, "yyyy")
register_converter(TwoDigits, "mm")

urlpatterns = [
    path("", views.home, name="home"),
    path("page/<int:page>/", views.home, name="home_page"),
    re_path(r"^category/(?P<path>.+?)/page/(?P<page>[0-9]+)/$", views.category_archive),
    re_path(r"^category/(?P<path>.+?)/$", views.category_archive, name="category_archive"),
    path("tag/<str:slug>/", views.tag_archive, name="tag_archive"),
    path("tag/<str:slug>/page/<int:page>/", views.tag_archive),
    path("author/<str:slug>/", views.author_archive, name="author_archive"),
    path("author/<str:slug>/page/<int:page>/", views.author_archive),
    path("<yyyy:year>/", views.date_archive, name="year_archive"),
    path("<yyyy:year>/page/<int:page>/", views.date_archive),
    path("<yyyy:year>/<mm:month>/", views.date_archive, name="month_archive"),
    path("<yyyy:year>/<mm:month>/page/<int:page>/", views.date_archive),
    path("<yyyy:year>/<mm:month>/<mm:day>/", views.date_archive, name="day_archive"),
    path("<yyyy:year>/<mm:month>/<mm:day>/page/<int:page>/", views.date_archive),
    # "-/" cannot start a slug: Byline's own endpoints never shadow a page.
    path("-/password/", protected.entry_password, name="entry_password"),
    path("favicon.ico", icon.favicon, name="favicon"),
    path("<path:path>", views.entry, name="entry"),
]
