"""Show dates in the site's time zone, in the admin and wherever Django formats them."""

import zoneinfo

from django.utils import timezone

from byline.content.models import Site


class SiteTimezoneMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        try:
            timezone.activate(zoneinfo.ZoneInfo(Site.current().timezone))
        except zoneinfo.ZoneInfoNotFoundError:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
