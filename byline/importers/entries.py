"""WordPress items into Byline: posts and pages (every status), attachments as media.

An item keeps its WordPress id as its Byline id when that id is free, so the old `/?p=ID`
links, `#comment-ID` anchors and the admin's numbers stay what the blogger knows; when the id
is taken (the site had content first) the item gets a new one and a redirect covers `/?p=ID`.
"""

import dataclasses
import html
import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import phpserialize
from PIL import Image, UnidentifiedImageError

from byline.content.markup import plain_text
from byline.content.models import Media, Page, Post, Status
from byline.content.models.media import IMAGE_EXTENSIONS
from byline.importers.galleries import GALLERY, expand_galleries
from byline.importers.models import Target
from byline.importers.oembeds import quote_embeds
from byline.importers.records import Item
from byline.importers.wordpress import WordPressLoader, fingerprint, free_pk, unique_slug

STATUSES = {s.value for s in Status}
NOT_IMPORTED_STATUSES = {
    "trash": "in WordPress's trash",
    "auto-draft": "an unsaved auto-draft",
    "inherit": "a revision",
}
NOT_IMPORTED_TYPES = {
    "revision": "revisions are not imported, only the current text",
    "wp_block": "reusable blocks are not imported: their posts already hold their HTML",
    "custom_css": "theme CSS is not imported",
    "customize_changeset": "theme settings are not imported",
    "oembed_cache": "embed caches are not imported",
}


def item_fingerprints(loader: WordPressLoader, item: Item) -> tuple[str, set[str]]:
    """The fingerprint to store for `item`, and those that mean "unchanged": a run without
    --uploads leaves alone what a run with it imported (it would only lose the copied files)."""
    record = dataclasses.replace(item, comments=[])
    with_files = fingerprint(record, True)
    if loader.uploads.folder is not None:
        return with_files, {with_files}
    without = fingerprint(record, False)
    return without, {without, with_files}


def load_item(loader: WordPressLoader, item: Item) -> None:
    if not item.post_id or not item.post_type:
        loader.report.skip("items", "not a WordPress item (no wp:post_id or wp:post_type)")
        return
    loader.offsets.add(item.post_date, item.post_date_gmt)
    if item.post_type in ("post", "page"):
        load_entry(loader, item)
    elif item.post_type == "attachment":
        load_attachment(loader, item)
    elif item.post_type == "nav_menu_item":
        loader.menu_items.append(item)
    else:
        reason = NOT_IMPORTED_TYPES.get(
            item.post_type, f"post type “{item.post_type}” (a plugin's) is not imported"
        )
        loader.report.skip("items", reason)


def _published_at(item: Item):
    if item.post_date_gmt is not None:
        return item.post_date_gmt
    if item.status in ("publish", "future", "private"):
        return item.pub_date  # an odd export without GMT dates: the feed date is GMT
    return None


def _open(value: str) -> str:
    return "open" if value.strip() == "open" else "closed"


def load_entry(loader: WordPressLoader, item: Item) -> None:
    """A post or page, created or updated, with its terms, redirects and comments."""
    is_post = item.post_type == "post"
    model, kind, counted = (Post, "post", "posts") if is_post else (Page, "page", "pages")
    if item.status in NOT_IMPORTED_STATUSES:
        loader.report.skip(counted, f"{NOT_IMPORTED_STATUSES[item.status]}: not imported")
        return
    mapping = loader.mapped(kind, item.post_id)
    entry = model.objects.filter(pk=mapping.object_id).first() if mapping else None
    fp, same = item_fingerprints(loader, item)
    if entry is not None and mapping.fingerprint in same:
        loader.report.count(counted, "unchanged")
    else:
        outcome = "updated" if entry else "created"
        entry = entry or model(pk=free_pk(model, item.post_id))
        _fill_entry(loader, entry, item)
        entry.save()
        if is_post:
            _set_terms(loader, entry, item, created=outcome == "created")
        else:
            loader.page_parents.append((entry.pk, item.post_parent))
        loader.report.count(counted, outcome)
        loader.remember(mapping, kind, item.post_id, entry.pk, fp)
        old = [item.link, f"/?page_id={item.post_id}" if not is_post else ""]
        if not is_post or entry.pk != int(item.post_id):
            old.append(f"/?p={item.post_id}")
        target = Target.POST if is_post else Target.PAGE
        loader.add_redirects([u for u in old if u], target, entry.pk, guid=item.guid)
    if is_post:
        if thumbnail := item.meta.get("_thumbnail_id", "").strip():
            loader.thumbnails.append((entry.pk, thumbnail))
        if GALLERY.search(item.content):
            loader.galleries.append((entry.pk, item.post_id))
    from byline.importers.comments import load_comments

    load_comments(loader, item, entry)


_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def _title(loader: WordPressLoader, item: Item) -> str:
    """The item's title as the text WordPress showed: a title there is HTML (`Title <em>With</em>
    Markup`, `Q&amp;A`), shown formatted; Byline's titles are text, so the words come in without
    the tags (which would show as written) and entities are read."""
    if _TAG.search(item.title):
        loader.report.note("Titles with HTML in them came in as their words, without the tags.")
        return plain_text(item.title)
    return html.unescape(item.title) if "&" in item.title else item.title


def _fill_entry(loader: WordPressLoader, entry: Post | Page, item: Item) -> None:
    entry.title = _title(loader, item)[:300] or "(no title)"
    entry.slug = unique_slug(type(entry), item.post_name, entry.pk, item.title)
    entry.author_id = loader.user_for(item.creator)
    entry.body = loader.uploads.rewrite(quote_embeds(item.content, item.meta))
    entry.body_format = "html"
    status = item.status if item.status in STATUSES else Status.DRAFT
    if status != item.status:
        loader.report.note(f"Unknown status “{item.status}” imported as draft.")
    entry.status = status
    entry.published_at = _published_at(item)
    entry.comment_status = _open(item.comment_status)
    entry.password = item.password[:255]
    if isinstance(entry, Post):
        entry.excerpt = loader.uploads.rewrite(item.excerpt)
        entry.ping_status = _open(item.ping_status)
        entry.sticky = item.is_sticky
    else:
        entry.menu_order = item.menu_order


def _set_terms(loader: WordPressLoader, post: Post, item: Item, created: bool) -> None:
    categories, tags = [], []
    for taxonomy, slug, name in item.terms:
        if taxonomy in ("category", "post_tag"):
            pk = loader.term_pk(taxonomy, slug, name)
            if pk is not None:
                (categories if taxonomy == "category" else tags).append(pk)
    if created:  # nothing to compare with: one insert each
        for field, pks in (("categories", categories), ("tags", tags)):
            through = getattr(Post, field).through
            column = "category_id" if field == "categories" else "tag_id"
            rows = [through(post_id=post.pk, **{column: pk}) for pk in dict.fromkeys(pks)]
            through.objects.bulk_create(rows)
    else:
        post.categories.set(categories)
        post.tags.set(tags)


# Attachments.


def _attachment_metadata(item: Item) -> dict:
    raw = item.meta.get("_wp_attachment_metadata", "")
    try:
        data = phpserialize.loads(raw.encode(), decode_strings=True) if raw else {}
    except (ValueError, TypeError, EOFError):
        return {}
    return data if isinstance(data, dict) else {}


def _relative_path(item: Item) -> str:
    """The file's path under wp-content/uploads, from `_wp_attached_file` or its URL."""
    attached = item.meta.get("_wp_attached_file", "").strip()
    if attached:
        return attached.lstrip("/")
    path = unquote(urlsplit(item.attachment_url or item.guid).path)
    for marker in ("/wp-content/uploads/", "/files/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path.lstrip("/")


def _dimensions(loader: WordPressLoader, relpath: str, meta: dict) -> tuple[int, int] | None:
    local = loader.uploads.local(relpath)
    if local is not None:
        try:
            with Image.open(local) as image:
                return image.size
        except (UnidentifiedImageError, OSError):
            return None
    width, height = meta.get("width"), meta.get("height")
    return (width, height) if isinstance(width, int) and isinstance(height, int) else None


def load_attachment(loader: WordPressLoader, item: Item) -> None:
    """An image as a Media item (its file copied from --uploads, or its old address kept);
    another file copied in so links to it work."""
    relpath = _relative_path(item)
    url = item.attachment_url or item.guid
    loader.children.setdefault(item.post_parent, []).append(item.post_id)
    is_image = PurePosixPath(relpath).suffix.lower().lstrip(".") in IMAGE_EXTENSIONS
    if not is_image:
        _load_file(loader, item, relpath, url)
        return
    mapping = loader.mapped("media", item.post_id)
    media = Media.objects.filter(pk=mapping.object_id).first() if mapping else None
    fp, same = item_fingerprints(loader, item)
    name = loader.uploads.bring(relpath)
    if media is not None and mapping.fingerprint in same:
        loader.report.count("attachments", "unchanged")
    else:
        outcome = "updated" if media else "created"
        media = media or Media()
        media.title = item.title[:200]
        media.alt = item.meta.get("_wp_attachment_image_alt", "").strip()[:300]
        media.caption = item.excerpt
        media.uploaded_by_id = loader.user_for(item.creator)
        media.source_url = "" if name or len(url) > 500 else url
        size = _dimensions(loader, relpath, _attachment_metadata(item))
        media.width, media.height = size if size else (None, None)
        if name and size:
            media.file = name  # the dimensions are known: the file is not opened again
        else:
            media.file.name = name or ""
        media.save()
        loader.report.count("attachments", outcome)
        loader.remember(mapping, "media", item.post_id, media.pk, fp)
        old = [item.link, f"/?attachment_id={item.post_id}", f"/?p={item.post_id}"]
        loader.add_redirects(old, Target.MEDIA, media.pk)
    loader.media[item.post_id] = media.pk


def _load_file(loader: WordPressLoader, item: Item, relpath: str, url: str) -> None:
    """A file that is not an image (a PDF, a sound): copied in when --uploads has it, else left
    at its old address; either way its old attachment page leads to it."""
    name = loader.uploads.bring(relpath)
    target = loader.uploads.url(name) if name else url
    if not target.startswith(("/", "http://", "https://")):
        loader.report.skip("attachments", "no file and no address")
        return
    mapping = loader.mapped("file", item.post_id)
    fp = fingerprint(target)
    unchanged = mapping is not None and mapping.fingerprint == fp
    loader.report.count("attachments", "unchanged" if unchanged else "created")
    loader.remember(mapping, "file", item.post_id, None, fp)
    if not unchanged:
        old = [item.link, f"/?attachment_id={item.post_id}", f"/?p={item.post_id}"]
        loader.add_redirects(old, Target.URL, None, url=target)


def expand_post_galleries(loader: WordPressLoader) -> None:
    """`[gallery]` in the imported posts, once every image of the file is known."""
    media = Media.objects.in_bulk(list(loader.media.values()))
    by_wp_id = {wp_id: media.get(pk) for wp_id, pk in loader.media.items()}
    for post_pk, wp_id in loader.galleries:
        post = Post.objects.filter(pk=post_pk).first()
        if post is None:
            continue
        body = expand_galleries(post.body, loader.children.get(wp_id, []), by_wp_id.get)
        if body != post.body:
            post.body = body
            post.save()
