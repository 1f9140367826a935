"""Django's admin app, serving Byline's admin site (byline.content.adminsite); a module of its
own, since INSTALLED_APPS imports it before any model may be."""

from django.contrib.admin.apps import AdminConfig


class BylineAdminConfig(AdminConfig):
    default_site = "byline.content.adminsite.BylineAdminSite"
