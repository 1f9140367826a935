"""The page store: atomic files with compressed forms, and paths that cannot escape it."""

import gzip

import brotli
import pytest

from byline.publish.store import PageStore, StorePathError


def test_write_and_read_every_encoding(tmp_path):
    store = PageStore(tmp_path)
    body = "<p>کراچی harbour news</p>".encode() * 50
    store.write("/2014/01/port-strike/", body, {"Link": '</webmention/>; rel="webmention"'})
    assert store.read("/2014/01/port-strike/") == body
    assert gzip.decompress(store.read("/2014/01/port-strike/", "gzip")) == body
    assert brotli.decompress(store.read("/2014/01/port-strike/", "br")) == body
    assert store.paths() == ["/2014/01/port-strike/"]
    assert not list(tmp_path.rglob(".tmp-*")), "temporary files left behind"


def test_unicode_paths_are_stored_decoded(tmp_path):
    store = PageStore(tmp_path)
    store.write("/بندرگاہ/", b"x")
    assert (tmp_path / "بندرگاہ" / "index.html").read_bytes() == b"x"
    assert store.paths() == ["/بندرگاہ/"]


@pytest.mark.parametrize(
    "path", ["/../etc/", "/a/../../b/", "relative/", "/.git/", "/a\\b/", "/a\x00/"]
)
def test_paths_cannot_escape_the_store(tmp_path, path):
    store = PageStore(tmp_path / "store")
    with pytest.raises(StorePathError):
        store.write(path, b"x")
    assert store.read(path) is None
    assert not (tmp_path / "etc").exists()


def test_listing_pages_drop_and_clear_keep_the_bookkeeping(tmp_path):
    store = PageStore(tmp_path)
    for path in ("/", "/page/2/", "/page/3/", "/category/politics/", "/about/"):
        store.write(path, b"x")
    store.set_fingerprint("abc")
    assert sorted(store.stored_under("/page/")) == ["/page/2/", "/page/3/"]
    store.mark_stale(["/page/2/", "/about/"])
    store.mark_stale(["/about/"])
    assert store.take_stale() == {"/page/2/", "/about/"} and store.take_stale() == set()
    store.drop("/about/")
    assert store.paths() == ["/", "/category/politics/", "/page/2/", "/page/3/"]
    store.clear()
    assert store.paths() == [] and store.fingerprint() == "abc"


def test_generation_moves_forward(tmp_path):
    store = PageStore(tmp_path)
    first = store.generation()
    store.next_generation()
    second = store.generation()
    store.next_generation()
    assert first < second < store.generation()


def test_a_page_that_cannot_be_written_whole_is_not_kept_in_part(tmp_path):
    store = PageStore(tmp_path)
    store.write("/harbour/", b"<p>old</p>" * 50)
    # Its brotli form cannot be replaced (here a folder in the way; a disk filling up between
    # two forms does the same): the gzip form was already new, index.html still old.
    (tmp_path / "harbour" / "index.html.br").unlink()
    (tmp_path / "harbour" / "index.html.br").mkdir()
    with pytest.raises(OSError):
        store.write("/harbour/", b"<p>new</p>" * 50)
    assert store.read("/harbour/") is None
    assert store.read("/harbour/", "gzip") is None
    assert not list(tmp_path.rglob(".tmp-*")), "temporary files left behind"
