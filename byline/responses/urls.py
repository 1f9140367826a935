"""URLs of responses: posting, form tokens, links sent by email, and pings from other sites."""

from django.urls import path, re_path

from byline.responses import pings, views

urlpatterns = [
    path("xmlrpc.php", pings.xmlrpc_endpoint, name="pingback_endpoint"),
    path("webmention/", pings.webmention_endpoint, name="webmention_endpoint"),
    path("wp-trackback.php", pings.trackback, name="trackback_plain"),
    re_path(r"^(?P<path>.+/)trackback/$", pings.trackback, name="trackback_endpoint"),
    path("responses/", views.respond, name="response_create"),
    path("responses/token/", views.form_token, name="response_token"),
    path("responses/<int:pk>/", views.show_response, name="response_link"),
    path("responses/act/<str:token>/", views.emailed_link, name="response_emailed_link"),
]
