"""The `byline` command line. Each command acts on the site in the current folder or `--site`.

`serve` is the default command. Commands are thin: the work is done by library functions. The
site's own commands are here; the others by subject: accounts (users and signing in), moving
(importing and exporting a site), spam (the classifier).
"""

import atexit
import gc
import json
import os
import socket
import sys
import time
from pathlib import Path

import click

from byline import __version__, conf
from byline.cli.common import no_site, start
from byline.site import SiteError, create_site, is_site


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
    start(ctx)
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
@click.option(
    "--workers",
    type=click.IntRange(0, 256),
    help="Processes of each kind (edge, Django); 0: one per core.",
)
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the site (the default command). Creates and migrates the site if needed."""
    # Options win over byline.toml everywhere, web workers and the site's own address included.
    for name, value in (("HOST", host), ("PORT", port)):
        if value is not None:
            os.environ[f"BYLINE_{name}"] = str(value)
    config = start(ctx, create=True)
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
    config = start(ctx)
    if not config.store:
        raise click.ClickException("The page store is turned off (setting: store).")
    from rich.progress import Progress

    from byline.publish.sitewide import NotAllWritten, publish_all

    began = time.monotonic()
    store = ctx.obj / conf.STORE_DIR
    try:
        with Progress(transient=True) as bar:
            task = bar.add_task("Rendering", total=None)
            stored = publish_all(lambda done, total: bar.update(task, completed=done, total=total))
    except NotAllWritten as exc:
        more = f" (and {len(exc.failed) - 1} more)" if len(exc.failed) > 1 else ""
        raise click.ClickException(
            f"Stored {exc.stored} pages in {store}, but {len(exc.failed)} could not be "
            f"written there: {exc.failed[0]}{more}. Readers are still served those pages, "
            "each rendered when asked for."
        ) from None
    took = time.monotonic() - began
    click.echo(f"Stored {stored} pages in {store} ({took:.1f} s).")


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
        raise click.ClickException(no_site(site_dir))
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
    start(ctx)
    from byline.worker import run

    run()


@cli.command()
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Fill the site with demo posts, pages, authors and responses (creating it if needed)."""
    start(ctx, create=True)
    from byline.content.demo import load_demo

    counts = load_demo()
    if any(counts.values()):
        click.echo("Demo content: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    else:
        click.echo("The demo content is already loaded.")
    click.echo(f"Now run: byline --site {ctx.obj} serve")


@cli.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Check the settings, the database and the folders; exit 1 on a problem."""
    config = start(ctx)
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
    start(ctx)
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


@cli.command()
@click.pass_context
def images(ctx: click.Context) -> None:
    """Make the smaller WebP copies of every image that has none (images imported from
    WordPress, or uploaded before Byline made them)."""
    start(ctx)
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


def _register() -> None:
    from byline.cli import accounts, moving, spam

    for command in (accounts.createuser, accounts.unlock, accounts.twostep_off, moving.import_,
                    moving.export, spam.spam):  # fmt: skip
        cli.add_command(command)


_register()


def main() -> None:
    # At exit, Python's last collections would walk everything a command loaded (Django, the
    # theme) once more: a tenth of a second, for memory the process returns whole anyway.
    # Frozen, they skip it; the rest of the exit (handlers, files flushed) is as before.
    atexit.register(gc.freeze)
    cli(prog_name="byline")
