"""The moderation inbox: every response in one list, with status tabs and counts, search,
bulk actions, one-click approve / spam / trash, the guard's reasons and score, and each
commenter's history. Discussion settings are edited here too."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from byline.content.admin import URL_FIELDS
from byline.responses import moderation
from byline.responses.guard import Outcome, Verdict
from byline.responses.models import Discussion, Response, ResponseStatus, ResponseType

DECISIONS = {
    "approve": (moderation.approve, "Approved"),
    "spam": (moderation.mark_spam, "Marked as spam"),
    "not_spam": (moderation.mark_not_spam, "Marked as not spam and approved"),
    "trash": (moderation.trash, "Moved to the trash"),
    "restore": (moderation.restore, "Restored"),
}
BUTTONS = {
    ResponseStatus.PENDING: ("approve", "spam", "trash"),
    ResponseStatus.APPROVED: ("spam", "trash"),
    ResponseStatus.SPAM: ("not_spam", "trash"),
    ResponseStatus.TRASH: ("restore",),
}
LABELS = {"approve": "Approve", "spam": "Spam", "not_spam": "Not spam", "trash": "Trash",
          "restore": "Restore"}  # fmt: skip


class StatusTab(admin.SimpleListFilter):
    """Pending first, as a moderator expects; the tabs show how many each holds."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        counts = dict(Response.objects.values_list("status").annotate(n=Count("id")).order_by())
        return [
            (value, f"{label} ({counts.get(value, 0)})") for value, label in ResponseStatus.choices
        ] + [("all", "All")]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": (self.value() or ResponseStatus.PENDING) == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or ResponseStatus.PENDING
        return queryset if value == "all" else queryset.filter(status=value)


def _bulk(decision: str):
    function, done = DECISIONS[decision]

    def action(modeladmin, request, queryset):
        # Read once: counted afterwards, the tab's filter (pending) no longer matches them.
        chosen = list(queryset.select_related("post", "page"))
        for response in chosen:
            function(response)
        modeladmin.message_user(request, f"{done}: {len(chosen)}.", messages.SUCCESS)

    action.__name__ = f"bulk_{decision}"
    action.short_description = f"{LABELS[decision]}: selected responses"
    return action


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["author_column", "text_column", "post_column", "guard_column", "when"]
    list_display_links = None
    list_filter = [StatusTab, "type"]
    search_fields = ["author_name", "author_email", "author_url", "author_ip", "text",
                     "post__title", "page__title"]  # fmt: skip
    list_per_page = 50
    raw_id_fields = ["post", "page", "parent", "user"]
    readonly_fields = ["type", "status", "author_ip", "user_agent", "guard_reasons",
                       "spam_score", "created_at"]  # fmt: skip
    fields = ["post", "page", "parent", "type", "status", "author_name", "author_email",
              "author_url", "text", "notify_replies", "created_at", "author_ip", "user_agent",
              "guard_reasons", "spam_score"]  # fmt: skip
    actions = [_bulk(d) for d in DECISIONS]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("post", "page", "parent")

    @admin.display(description="author")
    def author_column(self, obj: Response):
        email = obj.author_email
        history = ""
        if email:
            counts = dict(
                Response.objects.filter(author_email__iexact=email)
                .values_list("status")
                .annotate(n=Count("id"))
                .order_by()
            )
            listing = reverse("admin:byline_responses_response_changelist")
            history = format_html(
                '<br><a href="{}?status=all&q={}">history: {} approved, {} spam, {} pending</a>',
                listing, email, counts.get("approved", 0), counts.get("spam", 0),
                counts.get("pending", 0),
            )  # fmt: skip
        kind = "" if obj.type == ResponseType.COMMENT else f" ({obj.get_type_display()})"
        return format_html(
            "<strong>{}</strong>{}<br>{}<br>{}<br>{}{}",
            obj.author_name, kind, email or "no email", obj.author_url or "",
            obj.author_ip or "", history,
        )  # fmt: skip

    @admin.display(description="response")
    def text_column(self, obj: Response):
        reply = ""
        if obj.parent_id:
            reply = format_html("<em>In reply to {}.</em><br>", obj.parent.author_name)
        edit = reverse("admin:byline_responses_response_change", args=[obj.pk])
        # The decisions under the text, as WordPress's row actions: in reach on a phone, where
        # a column of their own sat past the table's scrolled edge.
        return format_html(
            '{}{}<br><a href="{}">Edit</a> · <a href="{}">Reply</a><br>{}',
            reply, Truncator(obj.text).words(60), edit,
            reverse("admin:byline_responses_response_reply", args=[obj.pk]), self.buttons(obj),
        )  # fmt: skip

    @admin.display(description="on")
    def post_column(self, obj: Response):
        url = reverse("response_link", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.entry.title)

    @admin.display(description="guard")
    def guard_column(self, obj: Response):
        score = "–" if obj.spam_score is None else f"{obj.spam_score:.2f}"
        reasons = format_html_join("", "<li>{}</li>", ((r,) for r in obj.guard_reasons))
        return format_html("score {}<ul>{}</ul>", score, reasons)

    @admin.display(description="date", ordering="created_at")
    def when(self, obj: Response):
        return timezone.localtime(obj.created_at).strftime("%Y-%m-%d %H:%M")

    def buttons(self, obj: Response):
        # Buttons of the changelist's own form (forms cannot nest), each posting elsewhere.
        return format_html_join(
            "",
            '<button type="submit" class="one-click" formaction="{}" formmethod="post">{}</button>',
            (
                (reverse("admin:byline_responses_response_decide", args=[obj.pk, d]), LABELS[d])
                for d in BUTTONS.get(obj.status, ())
            ),
        )

    def get_urls(self):
        own = [
            path("<int:pk>/decide/<str:decision>/", self.admin_site.admin_view(self.decide),
                 name="byline_responses_response_decide"),
            path("<int:pk>/reply/", self.admin_site.admin_view(self.reply),
                 name="byline_responses_response_reply"),
        ]  # fmt: skip
        return own + super().get_urls()

    def decide(self, request: HttpRequest, pk: int, decision: str):
        response = get_object_or_404(Response, pk=pk)
        if request.method != "POST" or decision not in DECISIONS:
            return HttpResponseRedirect(reverse("admin:byline_responses_response_changelist"))
        if not self.has_change_permission(request, response):
            raise PermissionDenied
        function, done = DECISIONS[decision]
        function(response)
        self.message_user(request, f"{done}: the response by {response.author_name}.")
        back = request.headers.get("Referer") or reverse(
            "admin:byline_responses_response_changelist"
        )
        return HttpResponseRedirect(back)

    def reply(self, request: HttpRequest, pk: int):
        """A moderator's reply, published at once under their name (approving the parent)."""
        from django.template.response import TemplateResponse

        parent = get_object_or_404(Response.objects.select_related("post", "page"), pk=pk)
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST" and request.POST.get("text", "").strip():
            if parent.status != ResponseStatus.APPROVED:
                moderation.approve(parent)
            user = request.user
            from byline.responses.guard import Submission

            sub = Submission(
                entry=parent.entry,
                parent=parent,
                text=request.POST["text"].strip(),
                name=user.profile.display_name,
                email=user.email,
                user=user,
                ip=request.META.get("REMOTE_ADDR"),
            )
            moderation.store(sub, Verdict(Outcome.APPROVE, ["reply by a moderator"]), "")
            self.message_user(request, f"Replied to {parent.author_name}.")
            return HttpResponseRedirect(reverse("admin:byline_responses_response_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reply to {parent.author_name}",
            "parent": parent,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/byline_responses/reply.html", context)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        moderation.edited(obj)


@admin.register(Discussion)
class DiscussionAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return not Discussion.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
