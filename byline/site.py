"""A site folder: create one, check it, and start Django for it."""

import errno
import gc
import importlib.util
import os
import pkgutil
import tempfile
from pathlib import Path

from byline import conf


class SiteError(Exception):
    """A site folder that cannot be used, with what to do about it."""


def is_site(site_dir: Path) -> bool:
    return (site_dir / conf.CONFIG_FILE).is_file()


def check_writable(folder: Path) -> None:
    """Raise SiteError unless files can be created in `folder` (made if missing)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".byline-write-test"):
            pass
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            reason += " (choose another folder, or change its permissions)"
        raise SiteError(f"Cannot write to {folder}: {reason}") from None


def create_site(site_dir: Path) -> Path:
    """A new site folder with a commented `byline.toml` holding a fresh secret key."""
    check_writable(site_dir)
    path = site_dir / conf.CONFIG_FILE
    if path.exists():
        raise SiteError(f"{site_dir} is already a Byline site ({path} exists).")
    text = conf.site_template().replace("{secret_key}", conf.new_secret_key())
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)  # it holds the secret key
    return path


def setup_django(site_dir: Path) -> conf.Config:
    """Point Django at `site_dir` and start it; raises ConfigError or SiteError."""
    config = conf.load(site_dir)
    if not config.database_url:
        check_writable(site_dir)
    os.environ[conf.SITE_ENV] = str(site_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "byline.project.settings"
    import django
    from django.apps import apps

    # Starting Django makes some 100,000 objects that live as long as the command: the
    # collector's passes over them took a sixth of the start (50 ms of 0.3 s). Frozen after,
    # its later passes skip them too. (A process that has started it already is left as is.)
    collecting = gc.isenabled() and not apps.ready
    if collecting:
        gc.disable()
    try:
        django.setup()
    finally:
        if collecting:
            gc.freeze()
            gc.enable()
    if not config.database_url or site_dir.exists():
        (site_dir / config.media_dir).mkdir(parents=True, exist_ok=True)
    return config


def analyze_database() -> None:
    """Let SQLite's planner know the tables' sizes (without it, a big site's listings sort
    every post instead of walking their index). PostgreSQL does this by itself."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def migrate(verbosity: int = 0) -> None:
    """Bring the database schema up to date (quick when it already is)."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    if not unapplied_on_disk():
        return
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=verbosity)


def unapplied_on_disk() -> set[tuple[str, str]]:
    """Migration files no row of the database's record names, found without importing them
    (Django's own check imports every one: 0.05-0.1 s of every command's start). When none
    is missing, nothing is to be done; otherwise Django's check decides."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    on_disk = set()
    for config in apps.get_app_configs():
        module, _explicit = MigrationLoader.migrations_module(config.label)
        spec = importlib.util.find_spec(module) if module else None
        folders = (spec.submodule_search_locations or []) if spec else []
        for _finder, name, package in pkgutil.iter_modules(folders):
            if not package and name[0] not in "_~":  # as Django's loader picks them
                on_disk.add((config.label, name))
    return on_disk - set(MigrationRecorder(connection).applied_migrations())
