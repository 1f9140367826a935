"""The admin for content: posts, pages, media, categories, tags, author profiles, the site.

Authors and contributors see and edit only their own posts; contributors cannot publish.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from byline.content.images import too_large
from byline.content.links import Links
from byline.content.models import (
    AuthorProfile,
    Category,
    Media,
    MenuItem,
    Page,
    Post,
    Site,
    Status,
    Tag,
)
from byline.content.roles import STAFF_ROLES, role_of

PUBLISHING = {Status.PUBLISHED, Status.SCHEDULED, Status.PRIVATE}
WRITTEN = ("title", "body", "excerpt", "featured_caption", "featured_alt")


def _may_publish(user) -> bool:
    return role_of(user) in ("administrator", "editor", "author")


def _sees_everyone(user) -> bool:
    return role_of(user) in ("administrator", "editor")


def _may_alter(user, media: Media | None) -> bool:
    """Whether `user` may change or delete `media` (None: some media item or other)."""
    return media is None or _sees_everyone(user) or media.uploaded_by_id == user.pk


def _set_status(entries, status: str) -> int:
    """Give each of `entries` `status` by saving it (each save tells the page store); how
    many."""
    count = 0
    for entry in entries:
        if entry.status != status:
            entry.status = status
            entry.save()
            count += 1
    return count


# Addresses typed without a scheme are https (Django 6's default, chosen now).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class EntryAdmin(VersionAdmin):
    """Posts and pages, each save kept as a version (django-reversion): History lists them,
    and any can be looked at and saved again, or a deleted entry recovered."""

    change_form_template = "admin/byline_content/entry_change_form.html"  # with Preview
    history_latest_first = True
    list_display = ["title", "author", "status", "published_at", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("author")
        return queryset if _sees_everyone(request.user) else queryset.filter(author=request.user)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "status" in form.base_fields and not _may_publish(request.user):
            form.base_fields["status"].choices = [
                c for c in Status.choices if c[0] not in PUBLISHING
            ]
        # Text in Urdu reads right to left as it is typed, in an English admin too.
        for name in WRITTEN:
            if name in form.base_fields:
                form.base_fields[name].widget.attrs["dir"] = "auto"
        if "author" in form.base_fields:
            form.base_fields["author"].initial = request.user.pk
            if not _sees_everyone(request.user):
                users = get_user_model().objects.filter(pk=request.user.pk)
                form.base_fields["author"].queryset = users
        return form

    actions = ["move_to_trash", "restore_from_trash"]

    @admin.action(description="Move to Trash: selected entries", permissions=["change"])
    def move_to_trash(self, request, queryset) -> None:
        mine = self.get_queryset(request).filter(pk__in=queryset)
        allowed = [entry for entry in mine if self.has_change_permission(request, entry)]
        moved = _set_status(allowed, Status.TRASH)
        self.message_user(request, f"Moved to the Trash: {moved}. Restore them from there.")

    @admin.action(
        description="Restore from Trash (as drafts): selected entries", permissions=["change"]
    )
    def restore_from_trash(self, request, queryset) -> None:
        trashed = self.get_queryset(request).filter(pk__in=queryset, status=Status.TRASH)
        restored = _set_status(trashed, Status.DRAFT)
        self.message_user(request, f"Restored as drafts: {restored}.")

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Deleting for good, with the responses, is the Trash's: elsewhere entries go there.
        if request.GET.get("status__exact") != Status.TRASH:
            actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.status != Status.TRASH:
            return False
        return super().has_delete_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        # As in WordPress, a contributor's post once published (or scheduled) is the editors'
        # to change: their form offers no published status, and saving took it off the site.
        if obj is not None and obj.status in PUBLISHING and not _may_publish(request.user):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        if not _sees_everyone(request.user):
            obj.author = request.user
        if obj.status in PUBLISHING and not _may_publish(request.user):
            obj.status = Status.PENDING
        super().save_model(request, obj, form, change)

    def view_on_site(self, obj):
        if not obj.is_live:
            return None
        links = Links(Site.current())
        return links.post(obj) if isinstance(obj, Post) else links.page(obj)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Reversion reverts first, then asks the change form, which sends a writer who may not
        # edit the entry away with a redirect that reversion takes for success.
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404("No such entry.")
        return super().revision_view(request, object_id, version_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        if not _sees_everyone(request.user):  # hides "Recover deleted posts" (reversion's)
            extra_context = {**(extra_context or {}), "has_change_permission": False}
        return super().changelist_view(request, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        # The list names every deleted entry, whoever wrote it.
        if not _sees_everyone(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not _sees_everyone(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_preview"
        own = [path("<int:pk>/preview/", self.admin_site.admin_view(self.preview), name=name)]
        return own + super().get_urls()

    def _admin_url(self, action: str, pk: int) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{action}", args=[pk])

    def preview(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The entry as readers will see it once published, to those who may see it here."""
        from byline.content.preview import preview

        entry = self.get_queryset(request).filter(pk=pk).first()
        if entry is None or not self.has_view_permission(request, entry):
            raise Http404("No such entry to preview.")
        return preview(entry, self._admin_url("change", pk))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        saved = obj is not None and obj.pk is not None
        context["preview_url"] = self._admin_url("preview", obj.pk) if saved else ""
        context["preview_button"] = True  # beside the other saves
        # A live entry's edits are previewed unsaved (WordPress's "Preview Changes"); the
        # others are saved first, as WordPress saves a draft to preview it.
        context["preview_changes"] = saved and obj.is_live
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and "_preview_changes" in request.POST:
            shown = self._changes_previewed(request, object_id)
            if shown is not None:
                return shown
        # Anything else: a form with errors (shown, as for a save, and saved only if it has
        # none, which "Preview changes" never reaches), an entry gone, a user not allowed.
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _changes_previewed(self, request, object_id: str) -> HttpResponse | None:
        """The live entry with the form's changes, in memory only: nothing is saved, the
        readers still see what was."""
        from byline.content.preview import preview

        entry = self.get_object(request, unquote(object_id))
        if entry is None or not self.has_change_permission(request, entry):
            return None  # Django's own answer: not found, or not allowed
        unsaved = "live" if entry.is_live else "down"  # as stored, before the form's changes
        form_class = self.get_form(request, entry, change=True)
        form = form_class(request.POST, request.FILES, instance=entry)
        if not form.is_valid():
            return None
        changed = form.save(commit=False)
        changed.render()
        for name in ("categories", "tags"):  # as chosen in the form, not as saved
            if name in form.cleaned_data:
                changed.__dict__[f"shown_{name}"] = list(form.cleaned_data[name])
        return preview(changed, self._admin_url("change", entry.pk), unsaved)

    def response_add(self, request, obj, post_url_continue=None):
        if "_preview" in request.POST:
            return self._saved_then_preview(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_preview" in request.POST:
            return self._saved_then_preview(request, obj)
        return super().response_change(request, obj)

    def _saved_then_preview(self, request, obj) -> HttpResponse:
        self.message_user(request, f"“{obj}” was saved.")  # shown back in the admin
        return HttpResponseRedirect(self._admin_url("preview", obj.pk))


@admin.register(Post)
class PostAdmin(EntryAdmin):
    list_display = ["title", "author", "status", "published_at", "sticky", "updated_at"]
    list_filter = ["status", "sticky", "categories", "language"]
    filter_horizontal = ["categories", "tags"]
    autocomplete_fields = ["featured_image"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body_format", "body", "excerpt"]}),
        ("Publishing", {"fields": ["status", "published_at", "author", "sticky", "password"]}),
        ("Featured image", {"fields": ["featured_image", "featured_caption", "featured_alt"]}),
        ("Filed under", {"fields": ["categories", "tags"]}),
        (
            "Discussion and language",
            {"fields": ["comment_status", "ping_status", "language", "direction"]},
        ),
    ]


@admin.register(Page)
class PageAdmin(EntryAdmin):
    list_display = ["title", "parent", "status", "menu_order", "show_in_menu", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body_format", "body"]}),
        ("Publishing", {"fields": ["status", "published_at", "author", "password"]}),
        ("Menu", {"fields": ["parent", "menu_order", "show_in_menu"]}),
        ("Discussion and language", {"fields": ["comment_status", "language", "direction"]}),
    ]


class MediaForm(forms.ModelForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        image = getattr(file, "image", None)  # an upload, opened (its header only) to check it
        if image is not None and (refusal := too_large(*image.size)):
            raise ValidationError(refusal)
        return file


@admin.register(Media)
class MediaAdmin(admin.ModelAdmin):
    form = MediaForm
    formfield_overrides = URL_FIELDS
    list_display = ["preview", "title", "width", "height", "uploaded_at"]
    search_fields = ["title", "alt", "caption", "file"]
    readonly_fields = ["width", "height", "uploaded_by", "uploaded_at"]

    @admin.display(description="image")
    def preview(self, obj: Media) -> str:
        # An imported image may have only its old address (its file was not copied in).
        return format_html('<img src="{}" alt="" style="height:48px">', obj.url) if obj.url else ""

    def save_model(self, request, obj, form, change) -> None:
        obj.uploaded_by = obj.uploaded_by or request.user
        super().save_model(request, obj, form, change)

    # As in WordPress, authors may use every image in the library but change or delete only
    # their own uploads: another's featured image is not theirs to swap.
    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and _may_alter(request.user, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and _may_alter(request.user, obj)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AuthorProfile)
class AuthorProfileAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["display_name", "user", "slug"]
    search_fields = ["display_name", "user__username"]
    autocomplete_fields = ["avatar"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if _sees_everyone(request.user) else queryset.filter(user=request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        own = obj is not None and obj.user_id == request.user.pk
        return own or super().has_change_permission(request, obj)

    def has_view_permission(self, request, obj=None) -> bool:
        # The list, filtered to their own (get_queryset), is every writer's way to their
        # profile: without it the admin's home page did not show them "Author profiles".
        if obj is None and request.user.is_staff:
            return True
        return self.has_change_permission(request, obj) or super().has_view_permission(request)

    def get_readonly_fields(self, request, obj=None):
        # Whose profile it is: an editor's choice, not a writer's (the menu listed every user).
        return [] if _sees_everyone(request.user) else ["user"]

    def has_module_permission(self, request) -> bool:
        return request.user.is_staff


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "timezone", "permalink"]
    autocomplete_fields = ["icon"]

    def has_add_permission(self, request) -> bool:
        return not Site.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    """Appearance → Menus: the site's menu by hand (administrators, as in WordPress)."""

    list_display = ["title", "target", "parent", "order"]
    list_editable = ["order"]
    list_select_related = ["page", "category", "parent"]
    fields = ["label", "page", "category", "url", "parent", "order"]

    @admin.display(description="leads to")
    def target(self, item: MenuItem) -> str:
        if item.page_id:
            return f"Page: {item.page.title}"
        return f"Category: {item.category.name}" if item.category_id else item.url


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class BylineUserAdmin(UserAdmin):
    list_display = ["username", "email", "role", "is_active", "last_login"]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # A role is a group: one that writes (administrator to contributor) signs in to the
        # admin, as `createuser` makes them; put in a group here, they could not sign in
        # ("Staff status" was a second box to tick), and out of it, they no longer can.
        user = form.instance
        staff = user.is_superuser or role_of(user) in STAFF_ROLES
        if user.is_staff != staff:
            user.is_staff = staff
            user.save(update_fields=["is_staff"])

    @admin.display(description="role")
    def role(self, obj) -> str:
        return role_of(obj)
