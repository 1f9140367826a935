"""A WordPress menu (Appearance → Menus, `nav_menu_item` items) as the site's menu: its pages,
categories, tags, posts and links, in order, sub-items under their top-level item.

Byline has one menu. Of several, the one named like a main menu (primary, main, header, top)
comes in, else the longest; the others are reported. A site that has a menu of its own keeps
it. Items come in once: a second import adds only items it has not seen.
"""

from collections import defaultdict
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError

from byline.content.links import Links
from byline.content.models import MenuItem, Post, Site, Tag
from byline.content.models.menu import validate_menu_url
from byline.importers.models import ImportedItem
from byline.importers.records import Item

MAIN_MENU = ("primary", "main", "header", "top", "menu-1")


def _menu_of(item: Item) -> tuple[str, str]:
    return next(((slug, name) for tax, slug, name in item.terms if tax == "nav_menu"), ("", ""))


def _choose(menus: dict[str, list[Item]]) -> str:
    return max(menus, key=lambda slug: (any(w in slug for w in MAIN_MENU), len(menus[slug])))


class _Targets:
    """What a menu item leads to, from what the import brought in."""

    def __init__(self, loader) -> None:
        imported = ImportedItem.objects.filter(source=loader.source, kind__in=("page", "post"))
        self.ids = {(m.kind, m.source_id): m.object_id for m in imported}
        self.loader = loader
        self.links = Links(Site.current())

    def _url(self, raw: str) -> str:
        parts = urlsplit(raw.strip())
        if parts.netloc.lower() in self.loader.hosts:  # the old site's own address
            return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
        return raw.strip()

    def of(self, item: Item) -> tuple[dict, str]:
        """(the MenuItem's target fields, "") or ({}, why it is left out)."""
        kind, what = item.meta.get("_menu_item_type", ""), item.meta.get("_menu_item_object", "")
        object_id = item.meta.get("_menu_item_object_id", "")
        if kind == "custom":
            url = self._url(item.meta.get("_menu_item_url", ""))
            try:
                validate_menu_url(url)
            except ValidationError:
                return {}, "a link that is not a web address"
            return {"url": url[:500]}, ""
        if kind == "post_type" and what in ("page", "post"):
            pk = self.ids.get((what, object_id))
            if what == "page" and pk:
                return {"page_id": pk}, ""
            post = Post.objects.filter(pk=pk).first() if pk else None
            if post is not None:
                return {"url": self.links.post(post)}, ""
            return {}, f"its {what} was not imported"
        if kind == "taxonomy" and what == "category" and object_id in self.loader.category_ids:
            return {"category_id": self.loader.category_ids[object_id]}, ""
        if kind == "taxonomy" and what == "post_tag" and object_id in self.loader.tag_ids:
            tag = Tag.objects.get(pk=self.loader.tag_ids[object_id])
            return {"url": self.links.tag(tag)}, ""
        return {}, f"it leads to a {what or kind or 'thing'} Byline does not have"


def import_menu(loader, items: list[Item]) -> None:
    """Bring in the site's menu from the export's menu items (`loader`: the WordPressLoader)."""
    menus: dict[str, list[Item]] = defaultdict(list)
    names: dict[str, str] = {}
    for item in items:
        slug, name = _menu_of(item)
        menus[slug].append(item)
        names[slug] = name or slug or "unnamed"
    if not menus:
        return
    chosen = _choose(menus)
    for slug, others in menus.items():
        if slug != chosen:
            reason = f"menu “{names[slug]}”: Byline has one menu, “{names[chosen]}” came in"
            for _item in others:
                loader.report.skip("menu items", reason)
    ours = MenuItem.objects.exists()
    if ours and not ImportedItem.objects.filter(source=loader.source, kind="menu_item").exists():
        for _item in menus[chosen]:
            loader.report.skip("menu items", "the site has a menu of its own: it is kept")
        return
    targets, made, top_of = _Targets(loader), {}, {}
    for item in sorted(menus[chosen], key=lambda i: (i.menu_order, i.post_id)):
        mapping = loader.mapped("menu_item", item.post_id)
        parent = item.meta.get("_menu_item_menu_item_parent", "0") or "0"
        top = top_of.get(parent, parent) if parent != "0" else item.post_id
        top_of[item.post_id] = top  # deeper items go under their top-level item
        if mapping is not None and MenuItem.objects.filter(pk=mapping.object_id).exists():
            made[item.post_id] = mapping.object_id
            loader.report.count("menu items", "unchanged")
            continue
        target, why = targets.of(item)
        if why:
            loader.report.skip("menu items", f"a menu item left out: {why}")
            continue
        label = item.title.strip()[:200] or ("" if "url" not in target else target["url"][:200])
        parent_pk = made.get(top) if top != item.post_id else None
        obj = MenuItem.objects.create(label=label, parent_id=parent_pk, order=item.menu_order,
                                      **target)  # fmt: skip
        loader.remember(mapping, "menu_item", item.post_id, obj.pk, "")
        made[item.post_id] = obj.pk
        loader.report.count("menu items", "created")
