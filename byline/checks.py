"""What `byline check` verifies: settings, Django's own checks, database, folders."""

import os
from collections.abc import Iterator
from pathlib import Path

from byline import conf

Result = tuple[bool, str]


def _result(ok: bool, good: str, bad: str) -> Result:
    return ok, good if ok else bad


def run_checks(site_dir: Path, config: conf.Config) -> Iterator[Result]:
    """(ok, message) for each check, in order."""
    from django.core import checks
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    yield True, f"settings read from {site_dir / conf.CONFIG_FILE}"
    yield _result(
        bool(config.secret_key),
        "secret_key is set",
        "secret_key is empty: sessions end at every restart; set one in byline.toml "
        "or BYLINE_SECRET_KEY",
    )
    issues = [m for m in checks.run_checks() if m.is_serious()]
    yield _result(not issues, "Django checks pass", "; ".join(map(str, issues)))
    try:
        connection.ensure_connection()
    except Exception as exc:
        yield False, f"database unreachable: {exc}"
    else:
        yield True, f"database reachable ({connection.vendor})"
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        yield _result(
            not pending,
            "database schema up to date",
            f"{len(pending)} migrations not applied: `byline serve` applies them",
        )
    media = site_dir / config.media_dir
    yield _result(
        media.is_dir() and os.access(media, os.W_OK),
        f"media folder {media} is writable",
        f"media folder {media} is missing or not writable",
    )
    from byline.publish import site_store

    store = site_store()
    if store is not None:
        yield _store_writable(store.root)
    if config.debug:
        yield False, "debug is on: never on a public site"


def _store_writable(store: Path) -> Result:
    """A file written and removed in the page store (permissions alone do not say: a full
    disk, a folder made unchangeable, a file in its place)."""
    from byline.site import SiteError, check_writable

    try:
        check_writable(store)
    except SiteError as exc:
        return False, f"page store: {exc}; pages are rendered for every request meanwhile"
    return True, f"page store {store} is writable"
