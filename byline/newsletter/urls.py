"""URLs of following by email."""

from django.urls import path

from byline.newsletter import views

urlpatterns = [
    path("subscribe/", views.subscribe, name="newsletter_subscribe"),
    path("subscribe/sent/", views.sent, name="newsletter_sent"),
    path("subscribe/confirm/<str:token>/", views.confirm, name="newsletter_confirm"),
    path("subscribe/leave/<str:token>/", views.leave, name="newsletter_leave"),
]
