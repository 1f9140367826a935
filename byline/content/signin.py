"""Signing in to the admin: the address a sign-in comes from, and the page an address that
failed too often gets instead (django-axes counts the failures; see the AXES_ settings)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def client_address(request: HttpRequest) -> str | None:
    """The reader's address, as byline.forwarded worked it out behind a trusted proxy."""
    return request.META.get("REMOTE_ADDR") or None


def locked_out(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """ "Too many failed sign-ins", with when to try again (429, and Retry-After)."""
    wait = settings.AXES_COOLOFF_TIME
    minutes = round(wait.total_seconds() / 60)
    context = {"failures": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    answer = TemplateResponse(request, "admin/locked_out.html", context, status=429)
    answer["Retry-After"] = str(int(wait.total_seconds()))
    answer["Cache-Control"] = "no-store"
    return answer.render()
