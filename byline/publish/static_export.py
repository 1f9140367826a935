"""`byline export static DIR`: a complete static copy of the site, every public page as a file
(rendered as `byline serve` sends it), the theme's files and the uploaded media."""

import json
import logging
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

from byline import conf
from byline.publish.render import render_path
from byline.publish.sitewide import in_batches, keep_for_whole_site, public_paths
from byline.publish.static_html import COMMENT_MODES, POST, addresses, local_path, rewrite_page
from byline.publish.store import PageStore, StorePathError
from byline.theme.jinja import STATIC_PREFIX, THEME_DIR

MARKER = ".byline-export.json"
NOT_FOUND_PAGE = "404.html"  # the name nginx setups, GitHub Pages and Netlify look for
MEDIA_PREFIX = "/media/"
REDIRECTS = (301, 302, 303, 307, 308)


class ExportError(Exception):
    """An export that cannot be made; nothing was written."""


@dataclass
class ExportReport:
    pages: int = 0
    redirects: int = 0
    files: int = 0  # theme and media files copied (unchanged ones are not)
    removed: int = 0  # files of the previous export whose page is gone
    broken: list[tuple[str, str]] = field(default_factory=list)  # (page, link to nowhere)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"Pages: {self.pages}, redirects: {self.redirects}, "
            f"files copied: {self.files}, old files removed: {self.removed}"
        ]
        out += [f"Broken link on {page}: {link}" for page, link in self.broken]
        return out + [f"Warning: {warning}" for warning in self.warnings]


def _write_atomic(path: Path, data: bytes) -> None:
    """Write `path` through a temporary file renamed into place: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)  # a static copy is for everyone to read
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _copy_atomic(source: Path, target: Path) -> bool:
    """Copy `source` to `target` unless it is there already; True when copied."""
    stat = source.stat()
    try:
        old = target.stat()
        if old.st_size == stat.st_size and int(old.st_mtime) == int(stat.st_mtime):
            return False
    except FileNotFoundError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(descriptor, "wb") as handle, source.open("rb") as original:
            shutil.copyfileobj(original, handle)
        os.chmod(temporary, 0o644)
        os.utime(temporary, (stat.st_atime, stat.st_mtime))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def _previous_files(target: Path) -> list[str] | None:
    """The files a previous export wrote into `target` (by its marker), or None when there
    was none."""
    try:
        data = json.loads((target / MARKER).read_text(encoding="utf-8"))
        files = data["files"] if data.get("generator") == "byline" else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return files


def _write_marker(target: Path, files: list[str], complete: bool) -> None:
    data = {"generator": "byline", "complete": complete, "files": sorted(files)}
    _write_atomic(target / MARKER, json.dumps(data, indent=0).encode())


def check_target(target: Path) -> list[str]:
    """The files of the previous export in `target`; raises ExportError when `target` may not
    be written (a file, or a folder holding something other than a Byline export)."""
    media = Path(settings.MEDIA_ROOT).resolve()
    store = (settings.SITE_DIR / conf.STORE_DIR).resolve()
    for folder, name in ((media, "media folder"), (store, "page store")):
        if target == folder or folder in target.parents or target in folder.parents:
            raise ExportError(f"{target} is or holds the site's {name}: choose another folder.")
    if target.exists() and not target.is_dir():
        raise ExportError(f"{target} is a file, not a folder.")
    if not target.exists() or not any(target.iterdir()):
        return []
    previous = _previous_files(target)
    if previous is None:
        raise ExportError(
            f"{target} is not empty and holds no Byline export (no {MARKER}). "
            "Choose a new or empty folder; nothing was written."
        )
    return previous


def check_comments(comments: str, base_url: str) -> str:
    """The running site's address the copy's forms send to; raises ExportError when `post`
    mode has none."""
    if comments not in COMMENT_MODES:
        raise ExportError(f"static_comments must be one of {', '.join(COMMENT_MODES)}.")
    origin = conf.origin_of(base_url)
    if comments == POST and not origin:
        raise ExportError(
            "The copy's response form sends to the running site, and its address is not set: "
            'set base_url in byline.toml (e.g. base_url = "https://blog.example.com"), '
            'or make a copy without the form (static_comments = "read-only").'
        )
    return base_url.rstrip("/") if origin else ""


def _redirect_page(location: str) -> bytes:
    """A page that sends the reader on, for an old address that redirects."""
    to = escape(location)
    return (
        f'<!doctype html>\n<html><head><meta charset="utf-8">\n<title>Moved</title>\n'
        f'<link rel="canonical" href="{to}">\n<meta http-equiv="refresh" content="0; url={to}">\n'
        f'</head><body><p>This page has moved to <a href="{to}">{to}</a>.</p></body></html>\n'
    ).encode()


class _Exporter:
    """One export run: pages rendered and written, links followed, files copied."""

    def __init__(self, target: Path, comments: str, base_url: str) -> None:
        self.target, self.comments, self.base_url = target, comments, base_url
        self.files = PageStore(target)  # only for its URL path → file mapping
        self.written: set[str] = set()
        # Local paths the pages written so far lead to, and the pages they were gathered from.
        self.targets: set[str] = set()
        self.scanned: set[str] = set()
        self.report = ExportReport()
        # Addresses that are never pages of a copy: files, the admin, the running site's own.
        self.not_pages = (*settings.BYLINE_DYNAMIC_PREFIXES, STATIC_PREFIX, MEDIA_PREFIX, "/-/")

    def file_for(self, path: str) -> Path:
        """Where the page at `path` goes: `<path>/index.html`, or the file a path names."""
        index = self.files.file_for(path)
        return index if path.endswith("/") else index.parent

    def write(self, file: Path, data: bytes) -> str:
        """Write `file`; its name in the copy."""
        try:
            _write_atomic(file, data)
        except OSError as exc:
            raise ExportError(f"Cannot write {file}: {exc.strerror or exc}") from None
        name = file.relative_to(self.target).as_posix()
        self.written.add(name)
        return name

    def export_page(self, path: str) -> list[str]:
        """Render and write `path` (a decoded path, when it is a page); the addresses it
        leads to."""
        response, _request = render_path(quote(path))  # a "?" in a path is not a query
        status = response.status_code
        if status in REDIRECTS:
            location = response["Location"]
            if local_path(location, path) == path + "/":
                return [location]  # static servers add the slash to a folder themselves
            self.scanned.add(self.write(self.file_for(path), _redirect_page(location)))
            self.report.redirects += 1
            return [location]
        if status != 200:
            return []
        self.report.pages += 1
        if not response.get("Content-Type", "").startswith("text/html"):
            self.write(self.file_for(path), response.content)
            return []
        text = response.content.decode(response.charset or "utf-8")
        text, found = rewrite_page(text, self.comments, self.base_url, path)
        self.scanned.add(self.write(self.file_for(path), text.encode("utf-8")))
        return found

    def copy_tree(self, source: Path, prefix: str) -> None:
        """Copy the regular files under `source` to `<target><prefix>` (no links, nothing
        hidden)."""
        if not source.is_dir():
            return
        for file in sorted(source.rglob("*")):
            relative = file.relative_to(source)
            if file.is_symlink() or not file.is_file():
                continue
            if any(part.startswith(".") for part in relative.parts):
                continue
            destination = self.target / prefix.strip("/") / relative
            try:
                self.report.files += _copy_atomic(file, destination)
            except OSError as exc:
                raise ExportError(f"Cannot copy {file}: {exc.strerror or exc}") from None
            self.written.add(destination.relative_to(self.target).as_posix())

    def resolves(self, path: str) -> bool:
        """Whether a static server finds something at `path` in the copy."""
        try:
            file = self.files.file_for(path)
        except StorePathError:
            return False
        return file.is_file() if path.endswith("/") else (file.parent.is_file() or file.is_file())

    def crawl(self, progress: Callable[[int, int], None] | None) -> None:
        """Every public page (a batch at a time, as `publish --all` renders them), then every
        local page they lead to."""
        paths = public_paths()
        keep_for_whole_site(paths)
        seen, found_later = set(paths), deque()
        total, done = len(paths), 0

        def export(path: str) -> None:
            nonlocal total, done
            try:
                found = self.export_page(path)
            except StorePathError:
                found = []  # not an address a file can have: reported by check_links
            for address in found:
                target = local_path(address, path)
                if target is None:
                    continue
                self.targets.add(target)
                if not target.startswith(self.not_pages) and target not in seen:
                    seen.add(target)
                    found_later.append(target)
                    total += 1
            done += 1
            if progress:
                progress(done, total)

        for batch in in_batches(paths):
            for path in batch:
                export(path)
        while found_later:
            export(found_later.popleft())

    def check_links(self) -> None:
        """Report every local address in a written page that leads to nothing in the copy.
        The crawl gathered its pages' addresses as it wrote them: those pages are read again
        (to say which holds the broken link) only when one of them leads nowhere."""
        names = self.written
        if all(self.resolves(target) for target in self.targets):
            names = self.written - self.scanned  # the 404 page, uploaded HTML files
        for name in sorted(names):
            if not name.endswith(".html"):
                continue
            file = self.target / name
            page = "/" + name.removesuffix("index.html")
            for address in addresses(file.read_text(encoding="utf-8")):
                target = local_path(address, page)
                if target is not None and not self.resolves(target):
                    self.report.broken.append((page, address))


def export_static(
    target: Path,
    comments: str,
    base_url: str,
    progress: Callable[[int, int], None] | None = None,
) -> ExportReport:
    """Write a static copy of the site into `target` (new, empty, or an earlier copy).

    `comments` is `post` (the response form sends to `base_url`) or `read-only`.
    Raises ExportError, having written nothing, when the copy cannot be made.
    """
    from byline.content.links import Links
    from byline.content.models import Site

    target = Path(target).expanduser().resolve()
    base_url = check_comments(comments, base_url)
    if Links(Site.current()).permalink.is_plain:
        raise ExportError(
            "Posts have plain addresses (/?p=123), which static files cannot answer: choose "
            "another permalink pattern (admin, Site) and export again."
        )
    previous = check_target(target)
    try:
        target.mkdir(parents=True, exist_ok=True)
        _write_marker(target, previous, complete=False)
    except OSError as exc:
        raise ExportError(f"Cannot write to {target}: {exc.strerror or exc}") from None
    exporter = _Exporter(target, comments, base_url)
    request_log = logging.getLogger("django.request")
    level = request_log.level
    # A link to a missing page is in the report; Django's "Not Found" lines would repeat it.
    request_log.setLevel(logging.ERROR)
    try:
        exporter.crawl(progress)
        missing, _request = render_path("/-/404/")
        text = missing.content.decode(missing.charset or "utf-8")
        # Rewritten as the crawl's pages are; its links are checked apart (check_links).
        text, _found = rewrite_page(text, comments, base_url, "/" + NOT_FOUND_PAGE)
        exporter.write(target / NOT_FOUND_PAGE, text.encode("utf-8"))
        exporter.copy_tree(THEME_DIR / "static" / "byline", STATIC_PREFIX)
        exporter.copy_tree(Path(settings.MEDIA_ROOT), MEDIA_PREFIX)
    except BaseException:
        # Stopped half-way: the next export may still replace (and tidy) what was written.
        _write_marker(target, sorted(set(previous) | exporter.written), complete=False)
        raise
    finally:
        request_log.setLevel(level)
    exporter.check_links()
    gone = set(previous) - exporter.written - {MARKER}
    for name in sorted(gone):
        file = (target / name).resolve()
        if target in file.parents:  # a marker never names a file outside the copy
            file.unlink(missing_ok=True)
            exporter.report.removed += 1
            _prune_empty(file.parent, target)
    _write_marker(target, sorted(exporter.written), complete=True)
    if comments == POST and not conf.origin_of(settings.CONFIG.static_url):
        exporter.report.warnings.append(
            "static_url is not set: the running site refuses responses posted from the copy "
            "until it names the copy's address."
        )
    return exporter.report


def _prune_empty(folder: Path, top: Path) -> None:
    """Remove `folder` and its parents up to `top` while they are empty."""
    while folder != top and top in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
