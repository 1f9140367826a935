"""Which post or page a Disqus thread belongs to: by its identifier, its address, or its title.

Tried in that order. The identifier is the one the WordPress Disqus plugin writes
("123 http://blog.example/?p=123"); the address is followed through Byline's own permalinks and
page paths, then through the old WordPress addresses an import left in the Redirect table.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from byline.content.links import Links
from byline.content.models import Page, Post, Site
from byline.content.permalinks import Permalink
from byline.ids import row_id
from byline.importers.disqus import Thread
from byline.importers.models import ImportedItem, Redirect, Target
from byline.importers.redirects import path_key

Entry = Post | Page
WORDPRESS_IDENTIFIER = re.compile(r"^(\d{1,18})\s+(\S+)")
INDEX_FILE = re.compile(r"/index\.(?:html?|php)$", re.IGNORECASE)


@dataclass(frozen=True)
class Match:
    """Where a thread's comments go, and which clue found it."""

    entry: Entry
    how: str  # "identifier", "address" or "title"


def _host(url: str) -> str:
    return urlsplit(url.strip()).netloc.lower()


def _source_host(source: str) -> str:
    """The host of an import's source, `wordpress:https://blog.example` → `blog.example`."""
    return _host(source.partition(":")[2])


def _entry(kind: str, pk: int | None) -> Entry | None:
    model = Post if kind in ("post", Target.POST) else Page
    return model.objects.filter(pk=pk).first() if pk is not None else None


class ThreadMatcher:
    """Finds threads' posts and pages, remembering each answer for the rest of the import."""

    def __init__(self) -> None:
        site = Site.current()
        self.links = Links(site)
        self.permalink = Permalink(site.permalink)
        self.found: dict[str, Match | None] = {}

    def match(self, thread: Thread) -> Match | None:
        if thread.dsq_id not in self.found:
            entry, how = self.by_identifier(thread), "identifier"
            if entry is None:
                entry, how = self.by_link(thread.link), "address"
            if entry is None:
                entry, how = self.by_title(thread.title), "title"
            self.found[thread.dsq_id] = Match(entry, how) if entry is not None else None
        return self.found[thread.dsq_id]

    def by_identifier(self, thread: Thread) -> Entry | None:
        """A WordPress post id: the post the WordPress import made of it, else the Byline post
        or page with that id (the WordPress import keeps ids when it can)."""
        found = WORDPRESS_IDENTIFIER.match(thread.identifier.strip())
        if not found:
            return None
        wp_id, url = found.groups()
        rows = list(
            ImportedItem.objects.filter(
                source__startswith="wordpress", kind__in=("post", "page"), source_id=wp_id
            ).exclude(object_id=None)
        )
        if len(rows) > 1:  # several blogs imported: the one the thread's addresses name
            hosts = {_host(url), _host(thread.link)} - {""}
            rows = [r for r in rows if _source_host(r.source) in hosts]
        if len(rows) == 1:
            return _entry(rows[0].kind, rows[0].object_id)
        if rows:
            return None
        # The plugin's URL is WordPress's guid: `?page_id=` names a page, `?p=` a post.
        query = parse_qs(urlsplit(url).query)
        named = (("post", "p"), ("page", "page_id"))
        kinds = [kind for kind, name in named if query.get(name) == [wp_id]]
        pk = row_id(wp_id)
        found = (_entry(k, pk) for k in kinds or ["post", "page"]) if pk else ()
        candidates = [entry for entry in found if entry]
        return candidates[0] if len(candidates) == 1 else None

    def by_link(self, link: str) -> Entry | None:
        """The post or page at `link` on any host, with or without a trailing slash or
        `index.html`: Byline's own addresses first, then old WordPress ones."""
        parts = urlsplit(link.strip())
        if parts.scheme not in ("http", "https", "") or not (parts.path or parts.query):
            return None
        query = parse_qs(parts.query)
        if parts.path in ("", "/") and (query.get("p") or query.get("page_id")):
            return self._by_query(query)
        raw = path_key(parts.path)
        key = path_key(INDEX_FILE.sub("/", parts.path))
        if key == "/":
            return None  # the home page is no post's
        return self._own(key) or self._redirected([key, raw])

    def _by_query(self, query: dict[str, list[str]]) -> Entry | None:
        name = "p" if query.get("p") else "page_id"
        value = query[name][0]
        entry = self._redirected([f"/?{name}={value}"])
        pk = row_id(value) if name == "p" else None
        if entry is None and pk:
            entry = Post.objects.filter(pk=pk).first()  # Byline answers /?p=ID too
        return entry

    def _own(self, key: str) -> Entry | None:
        """The post or page Byline itself shows at the path `key`, as its entry view finds it."""
        values = self.permalink.match(key + "/")
        if values is not None:
            posts = Post.objects.all()
            if values.get("post_id"):
                post = posts.filter(pk=row_id(values["post_id"]) or 0).first()
            else:
                post = posts.filter(slug=values["postname"]).first()
            if post is not None:
                return post
        slugs = [s for s in key.split("/") if s]
        for page in Page.objects.filter(slug=slugs[-1]).select_related("parent"):
            if path_key(unquote(self.links.page(page))) == key:
                return page
        if len(slugs) == 1:  # a post by its slug alone, as WordPress guesses it
            return Post.objects.filter(slug=slugs[0]).first()
        return None

    def _redirected(self, keys: list[str]) -> Entry | None:
        for key in dict.fromkeys(keys):
            row = Redirect.objects.filter(
                old_path=key[:500], target_type__in=(Target.POST, Target.PAGE)
            ).first()
            if row is not None:
                entry = _entry(row.target_type, row.target_id)
                if entry is not None:
                    return entry
        return None

    def by_title(self, title: str) -> Entry | None:
        """The one post or page titled exactly `title` (none when several are)."""
        title = title.strip()
        if not title:
            return None
        found = list(Post.objects.filter(title=title)[:2]) + list(
            Page.objects.filter(title=title)[:2]
        )
        return found[0] if len(found) == 1 else None


def not_found_reason(thread: Thread) -> str:
    """Why a thread's comments were skipped, naming the thread so that it can be found."""
    title = f" “{thread.title}”" if thread.title else ""
    where = thread.link or "it has no address"
    return f"thread {thread.dsq_id}{title} not found: {where}"
