"""Old addresses answer with a 301 to their new home: acts only on what nothing else answers."""

from byline.importers.redirects import old_query_key, redirect_for


class RedirectFallbackMiddleware:
    """WordPress's `/?p=ID`-style links are looked up before the view (Byline's own `/?p=` uses
    its own ids); any other address only when the site would answer 404, as flatpages does."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        looked_up = request.method in ("GET", "HEAD") and old_query_key(request) is not None
        if looked_up:
            response = redirect_for(request)
            if response is not None:
                return response
        response = self.get_response(request)
        # A query link looked up already would be looked up again, the same way, on its 404.
        if looked_up or response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        return redirect_for(request) or response
