"""Posts and static pages, and which of them an anonymous reader may see."""

import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify

from byline.content.markup import render_body, render_teaser
from byline.content.models.site import language_direction

# Added to the slug of an entry in the Trash whose slug a new one takes (-2, -3… when several).
TRASHED = "__trashed"
_TRASHED_SLUG = re.compile(r"__trashed(?:-[0-9]+)?$")


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PENDING = "pending", "Pending review"
    SCHEDULED = "future", "Scheduled"
    PUBLISHED = "publish", "Published"
    PRIVATE = "private", "Private"
    # As in WordPress: out of sight with its responses, restored or deleted for good from
    # there, and deleted by itself after the days the discussion settings keep trash.
    TRASH = "trash", "Trash"


class OpenClosed(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Direction(models.TextChoices):
    AUTO = "", "From the language"
    LTR = "ltr", "Left to right"
    RTL = "rtl", "Right to left"


class BodyFormat(models.TextChoices):
    MARKDOWN = "markdown", "Markdown"
    HTML = "html", "HTML"


def live_condition(through: str = "") -> models.Q:
    """What anonymous readers may see: published, or scheduled and its time has come (of the
    entries reached `through` a relation, when given)."""
    at = f"{through}__" if through else ""
    live = [Status.PUBLISHED, Status.SCHEDULED]
    return models.Q(**{f"{at}status__in": live, f"{at}published_at__lte": timezone.now()})


class EntryQuerySet(models.QuerySet):
    def live(self) -> "EntryQuerySet":
        return self.filter(live_condition())


PROTECTED_TEASER = "<p>There is no excerpt because this is a protected post.</p>"


class Entry(models.Model):
    """What posts and pages share."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, allow_unicode=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="%(class)ss"
    )
    body = models.TextField(blank=True)
    body_format = models.CharField(
        max_length=10, choices=BodyFormat.choices, default=BodyFormat.MARKDOWN
    )
    body_html = models.TextField(blank=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publish date", null=True, blank=True, help_text="A future date schedules the post."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    language = models.CharField(
        max_length=20, blank=True, help_text="Language code; empty uses the site's."
    )
    direction = models.CharField(max_length=3, choices=Direction.choices, blank=True)
    comment_status = models.CharField(
        "responses", max_length=6, choices=OpenClosed.choices, default=OpenClosed.OPEN
    )
    password = models.CharField(
        max_length=255,
        blank=True,
        help_text="Readers must enter it to see the text, as in WordPress. Empty: no password.",
    )

    objects = EntryQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.status != Status.TRASH and _TRASHED_SLUG.search(self.slug):
            # Out of the Trash: its slug back, unless a new entry took it meanwhile.
            self.slug = self._unique_slug(_TRASHED_SLUG.sub("", self.slug))
        self.slug = self.slug or self._unique_slug()
        if self.status != Status.TRASH:
            self._take_from_trash(self.slug)  # a slug typed in the form, say
        if self.status in (Status.PUBLISHED, Status.SCHEDULED):
            self.published_at = self.published_at or timezone.now()
            future = self.published_at > timezone.now()
            self.status = Status.SCHEDULED if future else Status.PUBLISHED
        self.render()
        try:
            super().save(*args, **kwargs)
        finally:
            self.__dict__.pop("_stored", None)

    def stored(self) -> "Entry | None":
        """The row as it is in the database before the save under way, read once for all the
        handlers that compare with it (the page store's, the old addresses'); None for a new
        one."""
        if "_stored" not in self.__dict__:
            unsaved = self._state.adding or self.pk is None
            row = None if unsaved else type(self).objects.filter(pk=self.pk).first()
            self.__dict__["_stored"] = row
        return self.__dict__["_stored"]

    def render(self) -> None:
        """Fill the HTML fields from the text (done on every save)."""
        self.body_html = render_body(self.body, self.body_format)

    def text_direction(self, site_language: str) -> str:
        """`ltr` or `rtl`: the entry's own, else its language's, else the site's."""
        return self.direction or language_direction(self.language or site_language)

    def _unique_slug(self, base: str = "") -> str:
        """A slug from the title (or `base`), with -2, -3… added when another entry has it (as
        WordPress). One in the Trash gives its slug up, marked `__trashed`, as in WordPress."""
        base = base or slugify(self.title, allow_unicode=True)[:190] or "untitled"
        others = type(self).objects.filter(slug__startswith=base).exclude(pk=self.pk)
        taken = set(others.exclude(status=Status.TRASH).values_list("slug", flat=True))
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    def _in_trash_with(self, slug: str) -> "Entry | None":
        return type(self).objects.filter(slug=slug, status=Status.TRASH).exclude(pk=self.pk).first()

    def _take_from_trash(self, slug: str) -> None:
        """An entry in the Trash holding `slug` gives it up (renamed `…__trashed`)."""
        holder = self._in_trash_with(slug)
        if holder is None:
            return
        trashed = stem = slug[: 190 - len(TRASHED)] + TRASHED
        names = set(type(self).objects.filter(slug__startswith=stem).values_list("slug", flat=True))
        number = 2
        while trashed in names:
            trashed, number = f"{stem}-{number}", number + 1
        # Without signals: an entry in the Trash is on no page, and has no address to keep.
        type(self).objects.filter(pk=holder.pk).update(slug=trashed)

    def validate_constraints(self, exclude=None) -> None:
        # A slug an entry in the Trash holds is this one's to take (save() frees it).
        if self.slug and self.status != Status.TRASH and self._in_trash_with(self.slug):
            exclude = {*(exclude or ()), "slug"}
        super().validate_constraints(exclude)

    @property
    def is_live(self) -> bool:
        return (
            self.status in (Status.PUBLISHED, Status.SCHEDULED)
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class Post(Entry):
    excerpt = models.TextField(blank=True, help_text="Shown on the home page; empty: the start.")
    featured_image = models.ForeignKey(
        "byline_content.Media", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    featured_caption = models.TextField(
        blank=True, help_text="Caption under the featured image; empty uses the image's own."
    )
    featured_alt = models.CharField(
        max_length=300, blank=True, help_text="Alt text; empty uses the image's own."
    )
    categories = models.ManyToManyField("byline_content.Category", blank=True, related_name="posts")
    tags = models.ManyToManyField("byline_content.Tag", blank=True, related_name="posts")
    ping_status = models.CharField(
        "pings", max_length=6, choices=OpenClosed.choices, default=OpenClosed.OPEN
    )
    sticky = models.BooleanField(default=False, help_text="Keep at the top of the home page.")
    teaser_html = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="post_slug_unique")]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            # Listings walk these in order rather than sorting every post for each page.
            models.Index(fields=["sticky", "published_at", "id"], name="post_home_order"),
            models.Index(fields=["author", "published_at", "id"], name="post_author_order"),
        ]

    def render(self) -> None:
        super().render()
        # A protected post's text must not leak through listings, as WordPress words it.
        self.teaser_html = (
            PROTECTED_TEASER
            if self.password
            else render_teaser(self.excerpt, self.body, self.body_format, self.body_html)
        )

    # The post's categories and tags as its pages show them, loaded once for this instance:
    # the public pages' queries attach them (byline.content.queries.TERMS), which costs a
    # fraction of Django's prefetching into `categories.all()`. Not renewed when the terms
    # change: what decides which pages a change touches reads `categories.all()`.
    @cached_property
    def shown_categories(self) -> list:
        return list(self.categories.all())

    @cached_property
    def shown_tags(self) -> list:
        return list(self.tags.all())

    @property
    def caption(self) -> str:
        image = self.featured_image
        return self.featured_caption or (image.caption if image else "")

    @property
    def alt(self) -> str:
        image = self.featured_image
        return self.featured_alt or (image.alt if image else "") or self.caption


class Page(Entry):
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    menu_order = models.IntegerField(default=0, help_text="Lower numbers come first in the menu.")
    show_in_menu = models.BooleanField(default=True)
    # WordPress opens responses on new posts but not on new pages.
    comment_status = models.CharField(
        "responses", max_length=6, choices=OpenClosed.choices, default=OpenClosed.CLOSED
    )

    class Meta:
        ordering = ["menu_order", "title"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="page_slug_unique")]
