"""Read the site's snapshot once per request (see snapshot.py), and show dates in the site's
time zone, in the admin and wherever Django formats them."""

import zoneinfo

from django.utils import timezone

from byline.content import snapshot


class SiteTimezoneMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        shared, outer = snapshot.begin_request()
        try:
            timezone.activate(zoneinfo.ZoneInfo(shared.site.timezone))
        except zoneinfo.ZoneInfoNotFoundError:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
            snapshot.end_request(outer)
