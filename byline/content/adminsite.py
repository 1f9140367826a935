"""The admin site: Django's, with the sign-in asking for a two-step code from those who turned
it on, and the page where each user turns it on or off (byline.content.twostep)."""

from functools import wraps

from django.contrib import messages
from django.contrib.admin import AdminSite
from django.http import HttpResponseRedirect
from django.urls import path, reverse

from byline.content import twostep


class BylineAdminSite(AdminSite):
    site_header = "Byline"
    site_title = "Byline admin"
    index_title = "Your site"
    login_form = twostep.SignInForm
    login_template = "admin/byline_login.html"

    def has_permission(self, request) -> bool:
        # Signed in with the password alone (a session from before two-step sign-in was turned
        # on) is not enough once it is on.
        user = request.user
        verified = not twostep.is_on(user) or user.is_verified()
        return super().has_permission(request) and verified

    def admin_view(self, view, cacheable: bool = False):
        guarded = super().admin_view(view, cacheable)

        @wraps(view)
        def inner(request, *args, **kwargs):
            # With two-step sign-in required, one who has not turned it on yet may do that,
            # and sign out, and nothing else.
            match = request.resolver_match
            setting_up = match is not None and match.url_name in ("two_step", "logout")
            if not setting_up and self._must_turn_on(request):
                messages.warning(request, "This site requires two-step sign-in: turn it on.")
                return HttpResponseRedirect(reverse("admin:two_step", current_app=self.name))
            return guarded(request, *args, **kwargs)

        return inner

    def _must_turn_on(self, request) -> bool:
        from byline.content.models import Site

        user = request.user
        if not (user.is_active and user.is_staff) or twostep.is_on(user):
            return False
        return Site.current().require_two_step

    def get_urls(self):
        own = [path("two-step/", self.admin_view(self.two_step), name="two_step")]
        return own + super().get_urls()

    def two_step(self, request):
        return twostep.setup_view(self, request)
