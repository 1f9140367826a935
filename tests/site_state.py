"""A site's content as plain data keyed by what survives a move (slugs, logins, file names,
response ids), to compare a site before and after an export and import; and emptying a site.

Left out: what a WordPress export cannot carry (docs/export.md lists it), such as bios, roles,
a post's language, user agents, redirects and the site's settings other than title, tagline,
language and time zone.
"""

import re
from datetime import datetime

from django.contrib.auth import get_user_model

from byline.content.models import Category, Media, Page, Post, Site, Tag
from byline.importers.models import ImportedItem, Redirect
from byline.responses.models import Response, ResponseType


def seconds(moment: datetime | None) -> datetime | None:
    """A date as WordPress keeps it: whole seconds (a WXR date has no fraction)."""
    return moment.replace(microsecond=0) if moment else None


def media_key(media: Media | None) -> str | None:
    return (media.file.name or media.source_url) if media else None


def login(user) -> str | None:
    return user.get_username() if user else None


def between_tags(html: str) -> str:
    """HTML without the line breaks between tags. Byline's importer gives a comment WordPress's
    paragraphs (wpautop), which puts breaks around block tags each time it runs: an imported
    comment comes back differing only there, which a browser shows the same."""
    return re.sub(r">\s+<", "><", html)


def site_state() -> dict:
    """Everything the export should carry, keyed by what survives a move (slugs, logins, file
    names, response ids) rather than by ids that a new site may number differently."""
    users = get_user_model().objects.select_related("profile")
    categories = Category.objects.select_related("parent")
    posts = Post.objects.select_related("author", "featured_image").prefetch_related(
        "categories", "tags"
    )
    responses = Response.objects.select_related("post", "page", "user")
    return {
        "site": Site.objects.values("title", "tagline", "language", "timezone").get(),
        "authors": {
            u.username: (u.email, u.first_name, u.last_name, u.profile.display_name, u.profile.slug)
            for u in users
        },
        "categories": {
            c.slug: (c.name, c.description, c.parent.slug if c.parent else None) for c in categories
        },
        "tags": dict(Tag.objects.values_list("slug", "name")),
        "media": {
            media_key(m): (m.title, m.alt, m.caption, m.width, m.height, login(m.uploaded_by))
            for m in Media.objects.select_related("uploaded_by")
        },
        "posts": {
            p.slug: {
                "id": p.pk,
                "title": p.title,
                "author": p.author.username,
                "body": p.body,
                "body_html": p.body_html,
                "format": p.body_format,
                "excerpt": p.excerpt,
                "status": p.status,
                "published_at": seconds(p.published_at),
                "comments": p.comment_status,
                "pings": p.ping_status,
                "password": p.password,
                "sticky": p.sticky,
                "categories": sorted(c.slug for c in p.categories.all()),
                "tags": sorted(t.slug for t in p.tags.all()),
                "featured": media_key(p.featured_image),
            }
            for p in posts
        },
        "pages": {
            p.slug: {
                "title": p.title,
                "author": p.author.username,
                "body": p.body,
                "body_html": p.body_html,
                "status": p.status,
                "published_at": seconds(p.published_at),
                "comments": p.comment_status,
                "password": p.password,
                "menu_order": p.menu_order,
                "parent": p.parent.slug if p.parent else None,
            }
            for p in Page.objects.select_related("author", "parent")
        },
        "responses": {
            r.pk: {
                "on": ("post", r.post.slug) if r.post_id else ("page", r.page.slug),
                "parent": r.parent_id,
                "type": r.type,
                "status": r.status,
                "author": (r.author_name, r.author_email, r.author_url, r.author_ip),
                "user": login(r.user),
                "date": seconds(r.created_at),
                "text": between_tags(r.text) if r.type == ResponseType.COMMENT else r.text,
                "shown": between_tags(r.text_html),
            }
            for r in responses
        },
    }


def empty_site() -> None:
    """Everything gone, as on a freshly made site that the export is then imported into."""
    Response.objects.all().delete()
    Post.objects.all().delete()
    Page.objects.update(parent=None)  # the page store looks up a deleted page's parents
    Page.objects.all().delete()
    for model in (Media, Category, Tag, ImportedItem, Redirect, Site):
        model.objects.all().delete()
    get_user_model().objects.all().delete()


def differences(before: dict, after: dict) -> list[tuple]:
    """(key, field, before, after) for each thing that is not the same; missing things too."""
    found = []
    for key in sorted(before.keys() | after.keys(), key=str):
        old, new = before.get(key), after.get(key)
        if isinstance(old, dict) and isinstance(new, dict):
            found += [(key, f, old.get(f), new.get(f)) for f in old if old.get(f) != new.get(f)]
        elif old != new:
            found.append((key, None, old, new))
    return found


def assert_same_site(before: dict, after: dict) -> None:
    """Section by section, so that a failure names what changed, where and how."""
    for section in ("site", "authors", "categories", "tags", "media", "posts", "pages"):
        assert differences(before[section], after[section]) == [], section
    assert differences(before["responses"], after["responses"]) == []
