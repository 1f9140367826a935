"""The theme's compiled templates kept between processes: the same pages from them, and a
cache that cannot be used costs only a compile."""

import shutil
import tempfile
from pathlib import Path

import pytest

from byline.content import snapshot
from byline.content.links import Links
from byline.content.models import Site
from byline.theme import jinja
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def temporary_folder(tmp_path, monkeypatch):
    """A temporary folder of the test's own, where Jinja keeps compiled templates."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    jinja.environment.cache_clear()
    yield tmp_path
    jinja.environment.cache_clear()


def new_process() -> None:
    """Forget what this process compiled and kept, as a newly started one has nothing."""
    jinja.environment.cache_clear()
    snapshot.reset()  # kept fragments would hide the templates


def page(client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200
    return response.content


def fresh_process_page(client, path: str) -> bytes:
    new_process()
    return page(client, path)


def address(post) -> str:
    return Links(Site.current()).post(post)


def cached(folder: Path) -> list[Path]:
    return sorted(folder.glob("_jinja2-cache-*/byline-*.cache"))


def test_pages_from_compiled_templates_are_the_same(client, temporary_folder):
    post = PostFactory(title="Kept compiled")
    compiled = fresh_process_page(client, address(post))
    files = cached(temporary_folder)
    assert len(files) >= 3  # the post's template, base.html and the pieces they include
    stamps = [f.stat().st_mtime_ns for f in files]
    assert fresh_process_page(client, address(post)) == compiled
    assert [f.stat().st_mtime_ns for f in cached(temporary_folder)] == stamps  # read, not made
    assert b"Kept compiled" in compiled


def test_a_damaged_cache_file_is_compiled_again(client, temporary_folder):
    post = PostFactory(title="Damaged cache")
    expected = fresh_process_page(client, address(post))
    for file in cached(temporary_folder):
        file.write_bytes(file.read_bytes()[:40])
    assert fresh_process_page(client, address(post)) == expected


def test_a_cache_folder_removed_or_unsafe_costs_only_a_compile(client, temporary_folder):
    post = PostFactory(title="No cache")
    expected = fresh_process_page(client, address(post))
    new_process()
    folder = Path(jinja.environment().bytecode_cache.directory)
    shutil.rmtree(folder)  # a cleaner emptied the temporary folder while the site ran
    assert page(client, address(post)) == expected
    # Not a folder (or another user's): Jinja will not use it, and the theme goes without.
    folder.write_text("not a folder")
    assert jinja.compiled_templates() is None
    assert fresh_process_page(client, address(post)) == expected
