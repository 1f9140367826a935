"""The page store: rendered public pages as files, `<store>/<path>/index.html` with `.gz` and
`.br` beside it, each written to a temporary file and renamed, so never half-written.

Deleting the store loses nothing: every page is rendered again on its next request.
"""

import fcntl
import gzip
import hashlib
import itertools
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import brotli

INDEX = "index.html"
HEADERS = ".headers"
FINGERPRINT = ".fingerprint"
GENERATION = ".generation"
STALE = ".stale"
NODE = ".node"  # this machine's name among the nodes (see broadcast.py)
HEARD = ".heard"  # the last change stamp this node heard announced (see broadcast.py)
MARKERS = (FINGERPRINT, GENERATION, STALE, NODE, HEARD)  # the store's own files, kept by clear()
ENCODINGS = {"br": ".br", "gzip": ".gz"}
_written = itertools.count()  # numbers the temporary files of this process


class StorePathError(ValueError):
    """A URL path that cannot name a stored page."""


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


class PageStore:
    """A folder of rendered pages, addressed by URL path."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._root = str(self.root)

    def file_for(self, url_path: str) -> Path:
        """The index.html that holds `url_path` (a decoded path, as Django's request.path;
        nothing hidden and no `..`)."""
        return Path(self._index(url_path))

    def _index(self, url_path: str) -> str:
        """`file_for` as a string: storing a page goes through several paths, and pathlib's
        objects cost more than the files' own system calls."""
        if not url_path.startswith("/") or "\x00" in url_path or "\\" in url_path:
            raise StorePathError(url_path)
        parts = [p for p in url_path.split("/") if p]
        if any(p in (".", "..") or p.startswith(".") for p in parts):
            raise StorePathError(url_path)
        return os.path.join(self._root, *parts, INDEX)

    @contextmanager
    def locked(self, url_path: str, create: bool = True) -> Iterator[None]:
        """Hold `url_path`'s lock (its folder's, shared by every process): deciding whether a
        render may be stored and storing it is then one step, so an older render cannot land
        over a newer page written, or a page dropped, while it decided. Without `create`, a
        page that has no folder is not stored and needs no lock."""
        folder = os.path.dirname(self._index(url_path))
        flags = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
        try:
            descriptor = os.open(folder, flags)
        except FileNotFoundError:
            if not create:
                yield
                return
            os.makedirs(folder, exist_ok=True)
            descriptor = os.open(folder, flags)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)  # and with it the lock

    @staticmethod
    def compress(body: bytes) -> tuple[bytes, bytes]:
        """A page's gzip and brotli forms, as `write` stores them."""
        return PageStore.compress_all([body])[0]

    @staticmethod
    def compress_all(bodies: list[bytes]) -> list[tuple[bytes, bytes]]:
        """`compress` for several pages: each compressor over all of them in turn, its tables
        kept in the processor's caches (`publish --all` took 2% less time than with both
        compressors over each page in turn)."""
        gz = [gzip.compress(body, compresslevel=6, mtime=0) for body in bodies]
        # 5, not 6: the same size within 0.2% on these pages, and 2 MB to set up and sweep for
        # each page rather than 3.2 (3.5% of `publish --all`, more than the call alone shows).
        br = [brotli.compress(body, quality=5) for body in bodies]
        return list(zip(gz, br, strict=True))

    def write(
        self,
        url_path: str,
        body: bytes,
        headers: dict[str, str] | None = None,
        compressed: tuple[bytes, bytes] | None = None,
    ) -> None:
        """Store `body` (with its compressed forms, `compress(body)` unless given, and the
        headers a page carries besides the standard ones) for `url_path`, atomically."""
        target = self._index(url_path)
        gz, br = compressed or self.compress(body)
        variants = [(target + ".gz", gz), (target + ".br", br)]
        sidecar = target + HEADERS
        if headers:
            variants.append((sidecar, json.dumps(headers).encode()))
        else:  # most pages carry no headers of their own: one file fewer to write
            with suppress(FileNotFoundError):
                os.unlink(sidecar)
        # Compressed forms first (at middling levels: a page is written on every change), so a
        # reader who sees the new index.html finds them current.
        try:
            for path, data in [*variants, (target, body)]:
                self._write_atomic(path, data)
        except OSError:
            # Some forms may now be new and the others old (a disk filled up in between):
            # none is kept, and the next request renders the page.
            for path in [target, *(path for path, _data in variants), sidecar]:
                with suppress(OSError):
                    os.unlink(path)
            raise

    @staticmethod
    def _write_atomic(path: str | Path, data: bytes) -> None:
        # A name no other writer uses at the same time, and the permissions of any new file
        # (the umask's): a web server running as another user (nginx) reads the store too.
        folder = os.path.dirname(path)
        unique = f"{os.getpid()}-{threading.get_ident()}-{next(_written)}"
        temporary = os.path.join(folder, f".tmp-{unique}")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
        try:
            descriptor = os.open(temporary, flags, 0o666)
        except FileNotFoundError:  # no folder yet (`locked` makes it; a lone write does not)
            os.makedirs(folder, exist_ok=True)
            descriptor = os.open(temporary, flags, 0o666)
        try:
            try:
                written = 0
                while written < len(data):
                    written += os.write(descriptor, data[written:])
            finally:
                os.close(descriptor)
            os.replace(temporary, path)
        except BaseException:
            with suppress(OSError):
                os.unlink(temporary)
            raise

    def read(self, url_path: str, encoding: str = "") -> bytes | None:
        try:
            target = self.file_for(url_path)
            suffix = ENCODINGS.get(encoding, "")
            return target.with_name(INDEX + suffix).read_bytes()
        except (StorePathError, FileNotFoundError, NotADirectoryError):
            return None

    def stored_before(self, url_path: str, nanoseconds: int) -> bool:
        """Whether `url_path` is stored, in a version written before the time `nanoseconds`."""
        try:
            return self.file_for(url_path).stat().st_mtime_ns < nanoseconds
        except (StorePathError, OSError):
            return False

    def has(self, url_path: str) -> bool:
        try:
            return self.file_for(url_path).is_file()
        except StorePathError:
            return False

    def drop(self, url_path: str) -> None:
        """Remove one page (its compressed forms first, index.html last)."""
        try:
            target = self.file_for(url_path)
        except StorePathError:
            return
        with self.locked(url_path, create=False):
            for name in (INDEX + ".gz", INDEX + ".br", INDEX + HEADERS, INDEX):
                target.with_name(name).unlink(missing_ok=True)

    def clear(self) -> None:
        """Remove every page; the store refills on demand."""
        if not self.root.exists():
            return
        for child in self.root.iterdir():
            if child.name in MARKERS or child.name.startswith(NODE):
                continue  # ".node.*": a node's name being written (broadcast.node_id)
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)

    def drop_older_than(self, seconds: float) -> int:
        """Drop pages rendered more than `seconds` ago (their form tokens age); returns how many."""
        cutoff, dropped = time.time() - seconds, 0
        for index in list(self.root.rglob(INDEX)) if self.root.exists() else []:
            try:
                if index.stat().st_mtime < cutoff:
                    for name in (INDEX + ".gz", INDEX + ".br", INDEX + HEADERS, INDEX):
                        index.with_name(name).unlink(missing_ok=True)
                    dropped += 1
            except FileNotFoundError:
                continue
        return dropped

    def fingerprint(self) -> str:
        """The shared-content fingerprint the stored pages were rendered with."""
        return self.read_marker(FINGERPRINT)

    def set_fingerprint(self, value: str) -> None:
        self.write_marker(FINGERPRINT, value)

    def read_marker(self, name: str) -> str:
        """One of the store's own small files (MARKERS), or "" when there is none."""
        try:
            return (self.root / name).read_text()
        except FileNotFoundError:
            return ""

    def write_marker(self, name: str, value: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self._write_atomic(self.root / name, value.encode())

    def mark_stale(self, paths) -> None:
        """Note pages to render again soon; until then they are served as they are."""
        lines = "".join(f"{path}\n" for path in paths if "\n" not in path)
        if lines:
            self.root.mkdir(parents=True, exist_ok=True)
            # One append per call: O_APPEND keeps the notes of several processes whole.
            with open(self.root / STALE, "a", encoding="utf-8") as handle:
                handle.write(lines)

    def take_stale(self) -> set[str]:
        """The pages noted stale so far, each once; the notes are emptied."""
        taken = self.root / f"{STALE}.{os.getpid()}"
        try:
            os.replace(self.root / STALE, taken)
        except FileNotFoundError:
            return set()
        paths = set(taken.read_text(encoding="utf-8").splitlines())
        taken.unlink(missing_ok=True)
        return {p for p in paths if p}

    def stored_under(self, url_path: str) -> list[str]:
        """Paths of the stored pages in the folder of `url_path` (a listing's pagination), or,
        for a path not ending in "/", in the folders beside it whose names begin with its last
        part (an entry's later pages of responses: `/2026/05/story/comment-page-`)."""
        head, _, prefix = url_path.rpartition("/")
        try:
            folder = self.file_for(head + "/" if prefix else url_path).parent
        except StorePathError:
            return []
        if not folder.is_dir():
            return []
        folders = [folder]
        if prefix:
            folders = [f for f in folder.iterdir() if f.is_dir() and f.name.startswith(prefix)]
        found = []
        for index in (i for f in folders for i in f.rglob(INDEX)):
            relative = index.parent.relative_to(self.root).as_posix()
            found.append("/" if relative == "." else "/" + relative + "/")
        return found

    def generation(self) -> int:
        """Changes whenever pages are dropped: a render that began in an older generation
        may hold stale data and must not be stored."""
        try:
            return os.stat(os.path.join(self._root, GENERATION)).st_mtime_ns  # twice a render
        except FileNotFoundError:
            return 0

    def next_generation(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        marker = self.root / GENERATION
        marker.touch()
        os.utime(marker, ns=(time.time_ns(), max(time.time_ns(), self.generation() + 1)))

    def paths(self) -> list[str]:
        """URL paths (decoded) of every stored page."""
        found = []
        for index in self.root.rglob(INDEX):
            relative = index.parent.relative_to(self.root).as_posix()
            found.append("/" if relative == "." else "/" + relative + "/")
        return sorted(found)
