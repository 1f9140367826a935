"""The `byline` command line. Each command acts on the site in the current folder or `--site`.

`serve` is the default command. Commands are thin: the work is done by library functions.
"""

import json
import os
import socket
import sys
import time
from pathlib import Path

import click

from byline import __version__, conf
from byline.site import SiteError, create_site, is_site, migrate, setup_django

ROLE_CHOICES = ("administrator", "editor", "author", "contributor", "subscriber")


def _start(ctx: click.Context, create: bool = False) -> conf.Config:
    """Start Django for the command's site, making the site first when `create` is set."""
    site_dir: Path = ctx.obj
    try:
        if not is_site(site_dir):
            if not create:
                raise SiteError(_no_site(site_dir))
            create_site(site_dir)
            click.echo(f"Created a new Byline site in {site_dir}")
        config = setup_django(site_dir)
        migrate()
    except (conf.ConfigError, SiteError) as exc:
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # the database may be unreachable: say so, not a traceback
        from django.db import DatabaseError

        if isinstance(exc, DatabaseError):
            raise click.ClickException(f"Cannot use the database: {exc}") from None
        raise
    return config


def _no_site(site_dir: Path) -> str:
    return (
        f"No Byline site in {site_dir} (no {conf.CONFIG_FILE}). "
        f"Create one with: byline init {site_dir}"
    )


@click.group(invoke_without_command=True)
@click.option(
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    envvar="BYLINE_SITE",
    show_default=True,
    help="The site folder (or $BYLINE_SITE).",
)
@click.version_option(__version__, prog_name="byline")
@click.pass_context
def cli(ctx: click.Context, site: Path) -> None:
    """Byline: a publishing platform for news and commentary blogs.

    With no command, serves the site (as `byline serve`).
    """
    ctx.obj = site.expanduser().resolve()
    if ctx.invoked_subcommand is None:
        ctx.invoke(serve)


@cli.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def init(ctx: click.Context, directory: Path | None) -> None:
    """Create a site in DIRECTORY (default: the site folder): settings, secret key, database."""
    site_dir = directory.expanduser().resolve() if directory else ctx.obj
    try:
        path = create_site(site_dir)
    except SiteError as exc:
        raise click.ClickException(str(exc)) from None
    ctx.obj = site_dir
    _start(ctx)
    click.echo(f"Created {path} and the database.")
    click.echo(
        f"Next: byline --site {site_dir} createuser --username you --email you@example.com "
        f"--role administrator\nThen:  byline --site {site_dir} serve"
    )


def _port_free(host: str, port: int) -> str | None:
    """None when `host:port` can be listened on, else why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As servers do: connections closing from a previous run must not count as "in use".
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


@cli.command()
@click.option("--host", help="Address to listen on (setting: host).")
@click.option("--port", type=click.IntRange(1, 65535), help="Port (setting: port).")
@click.option("--workers", type=click.IntRange(0, 256), help="Worker processes; 0: one per core.")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the site (the default command). Creates and migrates the site if needed."""
    # Options win over byline.toml everywhere, web workers and the site's own address included.
    for name, value in (("HOST", host), ("PORT", port)):
        if value is not None:
            os.environ[f"BYLINE_{name}"] = str(value)
    config = _start(ctx, create=True)
    host = host or config.host
    port = port or config.port
    workers = workers if workers is not None else config.workers
    workers = workers or os.cpu_count() or 1
    problem = _port_free(host, port)
    if problem:
        raise click.ClickException(
            f"Cannot listen on {host}:{port}: {problem}. "
            "Is another server running there? Choose another with --port."
        )
    from byline.publish.events import refresh_if_stale
    from byline.server import run

    refresh_if_stale()  # a new theme or an edit made while stopped: start from a clean store
    click.echo(f"Byline serving {ctx.obj} at http://{host}:{port}/ ({workers} workers)")
    run(ctx.obj, host, port, workers)


@cli.command()
@click.option("--all", "everything", is_flag=True, required=True, help="Render every page.")
@click.pass_context
def publish(ctx: click.Context, everything: bool) -> None:
    """Render every public page into the page store (it also fills itself on demand)."""
    config = _start(ctx)
    if not config.store:
        raise click.ClickException("The page store is turned off (setting: store).")
    from rich.progress import Progress

    from byline.publish.sitewide import publish_all

    began = time.monotonic()
    with Progress(transient=True) as bar:
        task = bar.add_task("Rendering", total=None)
        stored = publish_all(lambda done, total: bar.update(task, completed=done, total=total))
    took = time.monotonic() - began
    click.echo(f"Stored {stored} pages in {ctx.obj / 'store'} ({took:.1f} s).")


@cli.command()
@click.option("--listen", default="80", show_default=True, help="nginx's `listen` value.")
@click.option("--server-name", help="Host name(s) to answer; default: base_url's host.")
@click.option("--upstream", help="Where `byline serve` listens; default: settings host and port.")
@click.pass_context
def nginx(ctx: click.Context, listen: str, server_name: str | None, upstream: str | None) -> None:
    """Print an nginx configuration that serves the page store from disk and passes the rest
    to `byline serve` (see docs/deploy.md)."""
    from byline.publish.nginx import NginxError, configuration

    site_dir: Path = ctx.obj
    if not is_site(site_dir):
        raise click.ClickException(_no_site(site_dir))
    try:
        config = conf.load(site_dir)
        text = configuration(site_dir, config, listen, server_name or "", upstream or "")
    except (conf.ConfigError, NginxError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(text, nl=False)


@cli.command()
@click.pass_context
def worker(ctx: click.Context) -> None:
    """Run background work (mail, pings, housekeeping); `byline serve` starts one itself."""
    _start(ctx)
    from byline.worker import run

    run()


@cli.command()
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Fill the site with demo posts, pages, authors and responses (creating it if needed)."""
    _start(ctx, create=True)
    from byline.content.demo import load_demo

    counts = load_demo()
    if any(counts.values()):
        click.echo("Demo content: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    else:
        click.echo("The demo content is already loaded.")
    click.echo(f"Now run: byline --site {ctx.obj} serve")


@cli.command()
@click.option("--username", required=True)
@click.option("--email", required=True)
@click.option("--role", type=click.Choice(ROLE_CHOICES), required=True)
@click.option("--password", help="Asked for (hidden, twice) when not given.")
@click.pass_context
def createuser(
    ctx: click.Context, username: str, email: str, role: str, password: str | None
) -> None:
    """Create a user who can sign in to the admin (with a role as in WordPress)."""
    _start(ctx)
    from django.core.exceptions import ValidationError

    from byline.content.roles import create_user

    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        create_user(username, email, role, password)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    except ValidationError as exc:
        raise click.ClickException(" ".join(exc.messages)) from None
    click.echo(f"Created {role} {username}.")


@cli.command()
@click.argument("address", required=False)
@click.pass_context
def unlock(ctx: click.Context, address: str | None) -> None:
    """Let ADDRESS, kept from signing in after too many failures, sign in again (without
    ADDRESS: every address)."""
    _start(ctx)
    from axes.utils import reset

    count = reset(ip=address) if address else reset()
    who = address or "every address"
    click.echo(f"{who} may sign in again." if count else f"{who} was not kept from signing in.")


@cli.command("twostep-off")
@click.argument("username")
@click.pass_context
def twostep_off(ctx: click.Context, username: str) -> None:
    """Turn off USERNAME's two-step sign-in (a lost phone, no backup code left): their password
    alone signs in again, and they can turn it on anew."""
    _start(ctx)
    from django.contrib.auth import get_user_model

    from byline.content.twostep import turn_off

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise click.ClickException(f"No user {username}.")
    turn_off(user)
    click.echo(f"Two-step sign-in is off for {username}.")


@cli.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Check the settings, the database and the folders; exit 1 on a problem."""
    config = _start(ctx)
    from byline.checks import run_checks

    problems = 0
    for ok, message in run_checks(ctx.obj, config):
        problems += not ok
        click.echo(("ok      " if ok else "PROBLEM ") + message)
    if problems:
        sys.exit(1)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts of posts, pages, responses, authors, categories, tags and media."""
    _start(ctx)
    from byline.content.stats import site_stats

    data = site_stats()
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    for section, value in data.items():
        if isinstance(value, dict):
            click.echo(f"{section}:")
            for key, count in value.items():
                click.echo(f"  {key:<22} {count}")
        else:
            click.echo(f"{section:<24} {value}")


@cli.group("import")
def import_() -> None:
    """Bring a blog in from another platform."""


@import_.command("wordpress")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--uploads",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A copy of the old site's wp-content/uploads: its files are copied into the media.",
)
@click.option("--dry-run", is_flag=True, help="Read and check everything, save nothing.")
@click.pass_context
def import_wordpress(ctx: click.Context, export: Path, uploads: Path | None, dry_run: bool) -> None:
    """Import a WordPress export (Tools → Export → All content): authors, categories, tags,
    posts, pages, images and comments, with redirects from the old addresses. Re-running it
    creates nothing twice and updates what changed."""
    _start(ctx)
    from byline.importers.wordpress import WxrError, import_wordpress

    _run_import(
        export, WxrError, lambda progress: import_wordpress(export, uploads, dry_run, progress)
    )
    from byline.content.images import without_renditions

    waiting = 0 if dry_run else without_renditions().count()
    if waiting:
        click.echo(f"{waiting} images have no smaller copies yet: `byline images` makes them.")


@cli.command()
@click.pass_context
def images(ctx: click.Context) -> None:
    """Make the smaller WebP copies of every image that has none (images imported from
    WordPress, or uploaded before Byline made them)."""
    _start(ctx)
    from rich.progress import Progress

    from byline.content.images import renew_missing

    with Progress(transient=True) as bar:
        task = bar.add_task("Images", total=None)
        made, unreadable = renew_missing(
            lambda n, total: bar.update(task, completed=n, total=total)
        )
    click.echo(f"Made smaller copies of {made} images.")
    if unreadable:
        click.echo(f"{unreadable} image files could not be read: they are shown as they are.")


def _run_import(export: Path, error: type[Exception], run) -> None:
    """Run an import of `export` with a progress bar by bytes read, then print its report;
    `error` (the importer's refusal) becomes a clear message."""
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    columns = ("{task.description}", BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, disable=not console.is_terminal) as bar:
        task = bar.add_task("Importing", total=export.stat().st_size)
        try:
            report = run(lambda n: bar.update(task, completed=n))
        except error as exc:
            raise click.ClickException(f"{export}: {exc} Nothing was imported.") from None
    for line in report.lines():
        click.echo(line)


@import_.command("disqus")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Read and check everything, save nothing.")
@click.pass_context
def import_disqus(ctx: click.Context, export: Path, dry_run: bool) -> None:
    """Import a Disqus export (plain or .xml.gz) onto the site's posts and pages: comments with
    their replies, deleted ones as trash, spam as spam. Import the posts first; re-running it
    creates nothing twice and updates what changed."""
    _start(ctx)
    from byline.importers.disqus_load import DisqusError, import_disqus

    _run_import(export, DisqusError, lambda progress: import_disqus(export, dry_run, progress))


@cli.group()
def spam() -> None:
    """The spam classifier: train it from labelled CSV files, measure it against them."""


_FILES = click.Path(exists=True, dir_okay=False, path_type=Path)
_TEXT_HELP = "Column holding the text."
_LABEL_HELP = "Column holding 1 (spam) or 0 (ham)."


@spam.command("train")
@click.argument("files", nargs=-1, required=True, type=_FILES)
@click.option("--text-column", default="CONTENT", show_default=True, help=_TEXT_HELP)
@click.option("--label-column", default="CLASS", show_default=True, help=_LABEL_HELP)
@click.pass_context
def spam_train(ctx: click.Context, files: tuple[Path, ...], text_column: str, label_column: str):
    """Learn the labelled rows of CSV FILES (all are checked before any is learned)."""
    _start(ctx)
    from byline.responses.classifier import train_from_csv

    try:
        learned = train_from_csv(list(files), text_column, label_column)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Learned {learned} rows from {len(files)} file(s).")


@spam.command("evaluate")
@click.argument("files", nargs=-1, required=True, type=_FILES)
@click.option("--text-column", default="CONTENT", show_default=True, help=_TEXT_HELP)
@click.option("--label-column", default="CLASS", show_default=True, help=_LABEL_HELP)
@click.pass_context
def spam_evaluate(ctx: click.Context, files: tuple[Path, ...], text_column: str, label_column: str):
    """Measure the classifier on labelled CSV FILES: spam caught, ham marked spam."""
    _start(ctx)
    from byline.responses.classifier import evaluate_csv
    from byline.responses.models import Discussion

    settings = Discussion.current()
    spam_at, hold_at = settings.spam_threshold, settings.hold_threshold
    try:
        r = evaluate_csv(list(files), text_column, label_column, spam_at, hold_at)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if not r["ready"]:
        raise click.ClickException(
            f"The classifier has learned {r['learned_spam']} spam and {r['learned_ham']} ham "
            "texts; it scores from 10 of each. Teach it first: byline spam train FILE"
        )
    recall, false_positives = r["spam_recall"], r["ham_false_positive_rate"]
    click.echo(
        f"Spam: {r['spam_caught']} of {r['spam']} marked spam ({recall:.1%} recall), "
        f"{r['spam_held']} more held"
    )
    click.echo(
        f"Ham:  {r['ham_flagged']} of {r['ham']} marked spam ({false_positives:.1%} false "
        f"positives), {r['ham_held']} held"
    )
    click.echo(f"(spam from score {spam_at}, held from {hold_at}: the discussion settings)")


@cli.group()
def export() -> None:
    """Take the site elsewhere: a static copy of it, or a WordPress export."""


@export.command("static")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--comments",
    type=click.Choice(("post", "read-only")),
    help="Responses in the copy, for this export (setting: static_comments).",
)
@click.pass_context
def export_static_copy(ctx: click.Context, directory: Path, comments: str | None) -> None:
    """Write a static copy of the site into DIRECTORY: every public page as a file, the
    theme's files and the media. DIRECTORY must be new, empty, or an earlier copy."""
    config = _start(ctx)
    from rich.progress import Progress

    from byline.publish.static_export import ExportError, export_static

    try:
        with Progress(transient=True) as bar:
            task = bar.add_task("Exporting", total=None)
            report = export_static(
                directory,
                comments or config.static_comments,
                config.base_url,
                lambda done, total: bar.update(task, completed=done, total=total),
            )
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    for line in report.lines():
        click.echo(line)
    click.echo(f"Wrote a static copy of the site to {directory.expanduser().resolve()}.")


@export.command("wordpress")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--absolute-media-links",
    is_flag=True,
    help="Write links to the site's media in post text as full addresses, so that WordPress's "
    "importer points them at the images it downloads.",
)
@click.pass_context
def export_wordpress(ctx: click.Context, out: Path, absolute_media_links: bool) -> None:
    """Write the whole site to OUT as a WordPress export (WXR 1.2), which WordPress (Tools →
    Import → WordPress) and `byline import wordpress` both read: authors, categories, tags,
    posts, pages, images and every response."""
    _start(ctx)
    from rich.console import Console
    from rich.progress import Progress

    from byline.importers.wxr_export import KINDS, ExportError
    from byline.importers.wxr_export import export_wordpress as write_export

    out = out.expanduser().resolve()
    with Progress(transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("Exporting", total=None)
        try:
            counts = write_export(
                out,
                absolute_media_links,
                lambda done, total: bar.update(task, completed=done, total=total),
            )
        except ExportError as exc:
            raise click.ClickException(f"{exc} Nothing was written.") from None
    click.echo(f"Wrote {out}:")
    for kind in KINDS:
        click.echo(f"  {kind:<12} {counts[kind]}")
    if counts["markdown"]:
        click.echo(
            f"{counts['markdown']} Markdown posts and pages went out as their HTML "
            "(WordPress does not read Markdown)."
        )


def main() -> None:
    cli(prog_name="byline")
