"""The site's menu, as WordPress's Appearance → Menus builds it: pages, categories and links,
in order, with one level of sub-items. Without any item, the menu is the list of pages."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models


def validate_menu_url(value: str) -> None:
    """An address on the web (http, https), on this site (`/…`), or `#` (an item that only
    holds sub-items, as WordPress menus often have): nothing a click would run."""
    parts = urlsplit(value.strip())
    on_site = value.startswith(("/", "#")) and not value.startswith("//")
    if not on_site and not (parts.scheme in ("http", "https") and parts.hostname):
        raise ValidationError("Enter an address starting with https://, http://, / or #.")


class MenuItem(models.Model):
    label = models.CharField(
        max_length=200, blank=True, help_text="Empty: the page's title or the category's name."
    )
    page = models.ForeignKey(
        "byline_content.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    category = models.ForeignKey(
        "byline_content.Category",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField(
        "link", max_length=500, blank=True, validators=[validate_menu_url],
        help_text="Another address: https://… or a path on this site such as /feed/.",
    )  # fmt: skip
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
        help_text="Shown under this item.",
    )
    order = models.IntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "menu item"

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if self.label:
            return self.label
        if self.page_id:
            return self.page.title
        if self.category_id:
            return self.category.name
        return self.url

    def clean(self) -> None:
        targets = [bool(self.page_id), bool(self.category_id), bool(self.url.strip())]
        if sum(targets) != 1:
            raise ValidationError("Choose one of a page, a category or a link.")
        if self.url and not self.label:
            raise ValidationError({"label": "A link needs a label."})
        if self.parent_id and (self.parent.parent_id or self.parent_id == self.pk):
            raise ValidationError({"parent": "Sub-items go under a top-level item."})
        if self.parent_id and self.pk and MenuItem.objects.filter(parent=self.pk).exists():
            raise ValidationError({"parent": "This item has sub-items: it stays at the top."})
