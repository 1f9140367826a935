"""Responses in the admin: list, filter by status and type, approve or mark as spam."""

from django.contrib import admin

from byline.responses.models import Response, ResponseStatus


@admin.action(description="Approve selected responses")
def approve(modeladmin, request, queryset) -> None:
    queryset.update(status=ResponseStatus.APPROVED)


@admin.action(description="Mark selected responses as spam")
def mark_spam(modeladmin, request, queryset) -> None:
    queryset.update(status=ResponseStatus.SPAM)


@admin.action(description="Move selected responses to the trash")
def trash(modeladmin, request, queryset) -> None:
    queryset.update(status=ResponseStatus.TRASH)


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["author_name", "type", "status", "post", "created_at"]
    list_filter = ["status", "type"]
    search_fields = ["author_name", "author_email", "text"]
    raw_id_fields = ["post", "parent", "user"]
    date_hierarchy = "created_at"
    actions = [approve, mark_spam, trash]
