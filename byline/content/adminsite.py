"""The admin site: Django's, with the sign-in asking for a two-step code from those who turned
it on, and the page where each user turns it on or off (byline.content.twostep)."""

from django.contrib.admin import AdminSite
from django.urls import path

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

    def get_urls(self):
        own = [path("two-step/", self.admin_view(self.two_step), name="two_step")]
        return own + super().get_urls()

    def two_step(self, request):
        return twostep.setup_view(self, request)
