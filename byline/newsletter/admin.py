"""Subscribers in the admin: who follows the site by email, and a CSV of them to take along."""

import csv

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from byline.newsletter.models import Subscriber


def _cell(value: str) -> str:
    # A spreadsheet runs a cell that starts so as a formula; an address may (`=x@example.com`).
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "confirmed", "subscribed_at", "confirmed_at"]
    list_filter = ["confirmed"]
    search_fields = ["email"]
    readonly_fields = ["subscribed_at", "confirmed_at", "ip"]
    actions = ["export_csv"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a reader confirms their own address; none is added for them

    @admin.action(description="Export selected subscribers as CSV")
    def export_csv(self, request: HttpRequest, queryset) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="subscribers.csv"'
        writer = csv.writer(response)
        writer.writerow(["email", "confirmed", "subscribed_at", "confirmed_at"])
        for subscriber in queryset.order_by("subscribed_at"):
            writer.writerow([
                _cell(subscriber.email),
                "yes" if subscriber.confirmed else "no",
                subscriber.subscribed_at.isoformat(),
                subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else "",
            ])  # fmt: skip
        return response
