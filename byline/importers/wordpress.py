"""Load a WordPress export into the site: one transaction, keyed on WordPress's ids, re-runnable.

`import_wordpress` streams records from wxr.py into a WordPressLoader. Authors, terms and the
site's settings are handled here; posts, pages and attachments in entries.py, comments in
comments.py. What needs things later in the file (parents, featured images, galleries) waits
for `finish`. A broken file raises WxrError and leaves the site as it was.
"""

import hashlib
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils.text import slugify

from byline.content.models import Category, Page, Post, Site, Tag
from byline.ids import row_id
from byline.importers.models import ImportedItem, Redirect, Target
from byline.importers.records import Author, Channel, Item, Record, Term
from byline.importers.redirects import url_key
from byline.importers.report import ImportReport
from byline.importers.timezones import OffsetSamples
from byline.importers.uploads import Uploads
from byline.importers.wxr import KNOWN_VERSIONS, WxrError, parse_wxr

# Part of every fingerprint: a Byline that converts differently updates what it imported before.
LOADER_VERSION = "1"
ADOPTED = "existing"  # the fingerprint of a thing that was on the site before the import
SKIPPED_TAXONOMIES = {
    "post_format": "post formats are not used by Byline",
}

__all__ = ["WordPressLoader", "WxrError", "import_wordpress"]


def fingerprint(record: object, *extra: object) -> str:
    """A hash of a record's content: an unchanged record is skipped on the next run."""
    return hashlib.sha256(repr((LOADER_VERSION, record, extra)).encode()).hexdigest()


def free_pk(model: type[models.Model], wanted: str) -> int | None:
    """`wanted` as a primary key when it is a number no row of `model` has yet."""
    pk = row_id(wanted)
    if pk is None or pk >= 2**62:  # room left above it for the rows made later
        return None
    return None if model.objects.filter(pk=pk).exists() else pk


def unique_slug(model: type[models.Model], slug: str, pk: int | None, fallback: str) -> str:
    """`slug` (or `fallback`), suffixed -2, -3… until no other row of `model` has it."""
    base = (slug or slugify(fallback, allow_unicode=True) or "untitled")[:200]
    candidate, number = base, 2
    while model.objects.filter(slug=candidate).exclude(pk=pk).exists():
        candidate = f"{base[:190]}-{number}"
        number += 1
    return candidate


class WordPressLoader:
    """Everything one import knows: where things went, and what waits for the end."""

    def __init__(self, report: ImportReport, uploads: Uploads) -> None:
        self.report = report
        self.uploads = uploads
        self.source = "wordpress"
        self.hosts: set[str] = set()
        self.users: dict[str, int] = {}  # login → user pk
        self.user_ids: dict[str, int] = {}  # WordPress user id → user pk
        self.categories: dict[str, int] = {}  # slug → pk
        self.tags: dict[str, int] = {}
        self.category_ids: dict[str, int] = {}  # WordPress term id → pk (menus name them so)
        self.tag_ids: dict[str, int] = {}
        self.menu_items: list[Item] = []  # brought in at the end, when their targets are
        self.category_parents: list[tuple[int, str]] = []  # (category pk, parent slug)
        self.page_parents: list[tuple[int, str]] = []  # (page pk, WordPress parent id)
        self.thumbnails: list[tuple[int, str]] = []  # (post pk, WordPress attachment id)
        self.galleries: list[tuple[int, str]] = []  # (post pk, WordPress post id)
        self.children: dict[str, list[str]] = {}  # WordPress parent id → attachment ids
        self.media: dict[str, int] = {}  # WordPress attachment id → Media pk
        self.offsets = OffsetSamples()
        self._author_group: Group | None = None

    # Mappings between WordPress's ids and Byline's objects.

    def mapped(self, kind: str, source_id: str) -> ImportedItem | None:
        return ImportedItem.objects.filter(
            source=self.source, kind=kind, source_id=source_id[:300]
        ).first()

    def remember(
        self, mapping: ImportedItem | None, kind: str, source_id: str, pk: int | None, fp: str
    ) -> None:
        if mapping is None:
            ImportedItem.objects.create(
                source=self.source,
                kind=kind,
                source_id=source_id[:300],
                object_id=pk,
                fingerprint=fp,
            )
        elif (mapping.object_id, mapping.fingerprint) != (pk, fp):
            mapping.object_id, mapping.fingerprint = pk, fp
            mapping.save(update_fields=["object_id", "fingerprint", "imported_at"])

    def _keys(self, urls: list[str]) -> set[str]:
        keys = set()
        for old in urls:
            host = urlsplit(old).netloc.lower()
            key = url_key(old) if not host or host in self.hosts else None
            if key and key != "/":
                keys.add(key[:500])
        return keys

    def add_redirects(
        self, urls: list[str], target: Target, pk: int | None, url: str = "", guid: str = ""
    ) -> None:
        """Old addresses (absolute URLs on the old site, or `/?p=ID` keys) leading to a target.
        A `guid` is a weaker claim: real exports have guids naming another item, so it never
        takes an address from anything, and a query-style one (`?p=ID`) is not used at all."""
        if len(url) > 500:
            return  # a target address too long to keep (only a hand-made file has one)
        strong = self._keys(urls)
        weak = {k for k in self._keys([guid] if guid else []) if not k.startswith("/?")} - strong

        def rows(keys: set[str]) -> list[Redirect]:
            return [
                Redirect(old_path=k, target_type=target, target_id=pk, target_url=url,
                         source=self.source)
                for k in sorted(keys)
            ]  # fmt: skip

        # What is there already, to count what this import changes (an import run again, with
        # its files this time, renews its attachments' addresses).
        fields = ["old_path", "target_type", "target_id", "target_url", "source"]
        there = {r[0]: r[1:] for r in Redirect.objects.filter(old_path__in=strong | weak)
                 .values_list(*fields)}  # fmt: skip
        wanted = (target, pk, url, self.source)
        Redirect.objects.bulk_create(
            rows(strong),
            update_conflicts=True,
            unique_fields=["old_path"],
            update_fields=fields[1:],
        )
        Redirect.objects.bulk_create(rows(weak), ignore_conflicts=True)
        updated = sum(1 for k in strong if k in there and there[k] != wanted)
        self.report.count("redirects", "created", len((strong | weak) - there.keys()))
        self.report.count("redirects", "updated", updated)

    # Records.

    def load(self, record: Record) -> None:
        if isinstance(record, Channel):
            self.channel(record)
        elif isinstance(record, Author):
            self.guarded("authors", record.login, lambda: self.author(record))
        elif isinstance(record, Term):
            self.guarded("terms", record.slug, lambda: self.term(record))
        elif isinstance(record, Item):
            from byline.importers.entries import load_item

            label = f"{record.post_id} “{record.title}”"
            self.guarded("items", label, lambda: load_item(self, record))

    def guarded(self, kind: str, label: str, work: Callable[[], None]) -> None:
        """Run `work` in a savepoint: a failure is reported and the rest goes on."""
        try:
            with transaction.atomic():
                work()
        except WxrError:
            raise
        except Exception as exc:  # any one item's problem, reported with its reason
            self.report.fail(kind, label, f"{type(exc).__name__}: {exc}")

    def channel(self, channel: Channel) -> None:
        base = (channel.base_blog_url or channel.link or channel.base_site_url).rstrip("/")
        self.source = f"wordpress:{base}"[:300] if base else "wordpress"
        urls = (channel.base_blog_url, channel.base_site_url, channel.link)
        self.hosts = {urlsplit(u).netloc.lower() for u in urls if u}
        if channel.wxr_version not in KNOWN_VERSIONS:
            self.report.note(f"WXR version {channel.wxr_version} is newer than 1.2: read as 1.2.")
        site = Site.current()
        defaults = {f.name: f.default for f in Site._meta.fields}
        changed = []
        for name, value in (("title", channel.title), ("tagline", channel.description)):
            if value and value != getattr(site, name) == defaults[name]:
                setattr(site, name, value[: Site._meta.get_field(name).max_length])
                changed.append(name)
        if channel.language and channel.language != site.language == defaults["language"]:
            site.language = channel.language[:20]
            changed.append("language")
        if changed:
            site.save()
            self.report.note(f"Site {', '.join(changed)} taken from the export.")

    def author_group(self) -> Group:
        if self._author_group is None:
            from byline.content.roles import ensure_groups

            ensure_groups()
            self._author_group = Group.objects.get(name="author")
        return self._author_group

    def author(self, author: Author) -> int:
        """The pk of the user for `author`, created (as an author who cannot sign in yet) or
        updated; a user already on the site with that login is kept as they are."""
        User = get_user_model()
        mapping = self.mapped("author", author.login)
        user = User.objects.filter(pk=mapping.object_id).first() if mapping else None
        fp = fingerprint(author)
        if user is not None and mapping.fingerprint in (fp, ADOPTED):
            outcome = "unchanged"
        elif user is None and (existing := User.objects.filter(username=author.login).first()):
            user, fp, outcome = existing, ADOPTED, "unchanged"
            self.report.note(f"Posts by {author.login} go to the existing user {author.login}.")
        else:
            outcome = "updated" if user else "created"
            user = user or User(username=author.login[:150], is_staff=True)
            user.email = author.email[:254]
            user.first_name, user.last_name = author.first_name[:150], author.last_name[:150]
            if outcome == "created":
                user.set_unusable_password()  # an administrator gives them a password
                self._save_new_user(user)
                user.groups.add(self.author_group())
            else:
                user.save()
            profile = user.profile
            profile.display_name = (author.display_name or author.login)[:150]
            profile.save()
        self.remember(mapping, "author", author.login, user.pk, fp)
        self.report.count("authors", outcome)
        self.report.note(
            "WordPress exports carry no author bios or avatars: add them under Authors."
        )
        self.users[author.login] = user.pk
        if author.id:
            self.user_ids[author.id] = user.pk
        if outcome == "created":
            old = [f"/author/{author.login}/"] + ([f"/?author={author.id}"] if author.id else [])
            self.add_redirects(old, Target.AUTHOR, user.profile.pk)
        return user.pk

    @staticmethod
    def _save_new_user(user) -> None:
        """Save a new user whose login's slug another author's profile may already have."""
        from byline.content.models import AuthorProfile

        slug = slugify(user.username, allow_unicode=True)
        if not AuthorProfile.objects.filter(slug=slug).exists():
            user.save()
            return
        login, user.username = user.username, f"import-{uuid.uuid4().hex}"
        user.save()  # its profile gets a slug of its own; then the real login comes back
        user.username = login
        user.save(update_fields=["username"])
        profile = user.profile
        profile.slug = unique_slug(AuthorProfile, slug, profile.pk, login)
        profile.save()

    def user_for(self, login: str) -> int:
        """The user pk of a post's `dc:creator` (made on first sight: WXR 1.0 lists no authors)."""
        login = login or "wordpress"
        if login not in self.users:
            self.author(Author(login=login))
        return self.users[login]

    def term(self, term: Term, counted: bool = True) -> int | None:
        """The pk of the Category or Tag for `term`, created or updated (None: not imported)."""
        if term.taxonomy == "nav_menu":
            return None  # a menu comes in with its items (menus.py)
        if term.taxonomy not in ("category", "post_tag"):
            reason = SKIPPED_TAXONOMIES.get(
                term.taxonomy, f"taxonomy “{term.taxonomy}”: Byline has categories and tags only"
            )
            self.report.skip("terms", reason)
            return None
        is_category = term.taxonomy == "category"
        model, kind = (Category, "category") if is_category else (Tag, "tag")
        known = self.categories if is_category else self.tags
        slug = term.slug or slugify(term.name, allow_unicode=True)
        mapping = self.mapped(kind, slug)
        obj = model.objects.filter(pk=mapping.object_id).first() if mapping else None
        fp = fingerprint(term)
        if obj is not None and mapping.fingerprint in (fp, ADOPTED):
            outcome = "unchanged"
        elif obj is None and (existing := model.objects.filter(slug=slug[:200]).first()):
            obj, fp, outcome = existing, ADOPTED, "unchanged"
        else:
            outcome = "updated" if obj else "created"
            obj = obj or model(slug=unique_slug(model, slug, None, term.name))
            obj.name = term.name[:200]
            if is_category:
                obj.description = term.description
            obj.save()
        if is_category and term.parent and outcome != "unchanged":
            self.category_parents.append((obj.pk, term.parent))
        self.remember(mapping, kind, slug, obj.pk, fp)
        if counted or outcome == "created":
            self.report.count("categories" if is_category else "tags", outcome)
        known[slug] = obj.pk
        if term.id:
            (self.category_ids if is_category else self.tag_ids)[term.id] = obj.pk
        if outcome != "unchanged":
            query = f"/?cat={term.id}" if is_category and term.id else f"/?tag={slug}"
            short = f"/category/{slug}/" if is_category and term.parent else ""
            target = Target.CATEGORY if is_category else Target.TAG
            self.add_redirects([u for u in (query, short) if u], target, obj.pk)
        return obj.pk

    def term_pk(self, taxonomy: str, slug: str, name: str) -> int | None:
        """The pk of a term a post names, creating it when the export did not declare it."""
        known = self.categories if taxonomy == "category" else self.tags
        if slug in known:
            return known[slug]
        return self.term(Term(taxonomy=taxonomy, slug=slug, name=name or slug), counted=False)

    # The end.

    def finish(self) -> None:
        """What waited for the whole file: parents, featured images, galleries, time zone."""
        by_slug = dict(self.categories)
        for pk, parent_slug in self.category_parents:
            parent = by_slug.get(parent_slug)
            if parent and parent != pk:
                Category.objects.filter(pk=pk).update(parent_id=parent)
        imported_pages = ImportedItem.objects.filter(source=self.source, kind="page")
        pages = dict(imported_pages.values_list("source_id", "object_id"))
        for pk, parent_id in self.page_parents:
            Page.objects.filter(pk=pk).update(parent_id=pages.get(parent_id))
        for pk, attachment_id in self.thumbnails:
            Post.objects.filter(pk=pk).update(featured_image_id=self.media.get(attachment_id))
        if self.menu_items:
            from byline.importers.menus import import_menu

            import_menu(self, self.menu_items)
        if self.galleries:
            from byline.importers.entries import expand_post_galleries

            expand_post_galleries(self)
        self._set_timezone()
        if self.report.total("created") or self.report.total("updated"):
            # Responses went in by bulk insert, which sends no signal: saving the site's row
            # tells the page store that every page may have changed.
            Site.current().save()
        # Imported rows may carry WordPress's ids: PostgreSQL's counters must move past them.
        from byline.responses.models import Response

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Post, Page, Response]):
                cursor.execute(sql)

    def _set_timezone(self) -> None:
        site = Site.current()
        if not self.offsets.samples or self.offsets.matches(site.timezone):
            return
        zone = self.offsets.guess()
        if zone is None:
            self.report.note("The export's dates fit no time zone: set the site's by hand.")
            return
        site.timezone = zone
        site.save(update_fields=["timezone"])
        self.report.note(
            f"Site time zone set to {zone}, from the export's local and GMT dates "
            "(WordPress does not export the setting)."
        )


def import_wordpress(
    path: Path,
    uploads: Path | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import the WordPress export at `path` (files from `uploads`, a copy of
    wp-content/uploads). All or nothing: WxrError for a broken or hostile file, site unchanged.
    `progress` is called with the number of bytes read so far."""
    from byline.publish import events
    from byline.responses.outbox import quiet

    report = ImportReport(dry_run=dry_run)
    files = Uploads(uploads, dry_run=dry_run)
    loader = WordPressLoader(report, files)
    try:
        # It changes most of what pages show: all are renewed once, when it commits.
        with quiet(), transaction.atomic(), events.renewing_everything():
            for record in parse_wxr(path, progress=progress):
                loader.load(record)
            loader.finish()
            if dry_run:
                transaction.set_rollback(True)
    except BaseException:
        files.discard()
        raise
    if files.written or files.reused:
        report.count("files", "created", len(files.written))
        report.count("files", "unchanged", files.reused)
    if uploads is None:
        report.note("No --uploads folder: images still point to the old site's addresses.")
    return report
