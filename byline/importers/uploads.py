"""Files from a copy of `wp-content/uploads`: copied into the site's media, links rewritten.

A file keeps its `2014/01/name.jpg` path (Byline's media use the same year/month layout), so
re-running an import finds it in place. Files this run wrote are removed if the import fails.
"""

import filecmp
import re
from pathlib import Path
from urllib.parse import unquote

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.encoding import iri_to_uri

# An uploads URL: any host (the old domain, a CDN) or none, `/wp-content/uploads/…`, or
# WordPress.com's `*.files.wordpress.com/…`; a resizing query (`?w=300`) is dropped.
_STOP = r"""\s"'<>()\[\]"""
UPLOAD_URL = re.compile(
    rf"(?:(?:https?:)?//[^/{_STOP}]+)?(?:/[^{_STOP}]*?)?/wp-content/uploads/(?P<a>[^{_STOP}?#]+)"
    rf"(?:\?[^{_STOP}#]*)?"
    rf"|https?://[a-z0-9-]+\.files\.wordpress\.com/(?P<b>[^{_STOP}?#]+)(?:\?[^{_STOP}#]*)?",
    re.IGNORECASE,
)


class Uploads:
    """The `--uploads` folder (or none) and what this import copied from it."""

    def __init__(self, folder: Path | None, dry_run: bool = False) -> None:
        self.folder = folder.resolve() if folder else None
        self.dry_run = dry_run
        self.names: dict[str, str] = {}  # relative path in uploads → storage name
        self.written: list[str] = []  # storage names this run created
        self.reused = 0

    def local(self, relpath: str) -> Path | None:
        """The file at `relpath` in the uploads folder, if there is one (never outside it)."""
        if self.folder is None or not relpath:
            return None
        path = (self.folder / unquote(relpath).lstrip("/")).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            return None
        return path

    def bring(self, relpath: str) -> str | None:
        """The media storage name of the uploads file `relpath`, copied in if needed."""
        relpath = unquote(relpath).lstrip("/")
        if relpath in self.names:
            return self.names[relpath]
        source = self.local(relpath)
        if source is None:
            return None
        name = relpath
        if self.dry_run:
            self.names[relpath] = name
            return name
        if default_storage.exists(name):
            if self._same(source, name):
                self.reused += 1
                self.names[relpath] = name
                return name
            name = default_storage.get_available_name(name)
        with open(source, "rb") as stream:
            name = default_storage.save(name, File(stream))
        self.written.append(name)
        self.names[relpath] = name
        return name

    @staticmethod
    def _same(source: Path, name: str) -> bool:
        try:
            return filecmp.cmp(source, default_storage.path(name), shallow=False)
        except (NotImplementedError, OSError):
            return default_storage.size(name) == source.stat().st_size

    def url(self, name: str) -> str:
        return iri_to_uri(default_storage.url(name))

    def rewrite(self, text: str) -> str:
        """`text` with every link to an uploads file that exists locally pointing here."""
        if self.folder is None or not text:
            return text

        def replace(match: re.Match) -> str:
            name = self.bring(match.group("a") or match.group("b"))
            return self.url(name) if name else match.group(0)

        return UPLOAD_URL.sub(replace, text)

    def discard(self) -> None:
        """Remove the files this run wrote (the import failed or was a dry run)."""
        for name in self.written:
            default_storage.delete(name)
        self.written.clear()
