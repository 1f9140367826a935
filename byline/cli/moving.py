"""`byline import` and `byline export`: a blog brought in from WordPress or Disqus, and the
site taken elsewhere (a static copy, a WordPress export)."""

from pathlib import Path

import click

from byline.cli.common import start


@click.group("import")
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
    start(ctx)
    from byline.importers.wordpress import WxrError, import_wordpress

    _run_import(
        export, WxrError, lambda progress: import_wordpress(export, uploads, dry_run, progress)
    )
    from byline.content.images import without_renditions

    waiting = 0 if dry_run else without_renditions().count()
    if waiting:
        click.echo(f"{waiting} images have no smaller copies yet: `byline images` makes them.")


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
    start(ctx)
    from byline.importers.disqus_load import DisqusError, import_disqus

    _run_import(export, DisqusError, lambda progress: import_disqus(export, dry_run, progress))


@import_.command("subscribers")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_subscribers(ctx: click.Context, export: Path) -> None:
    """Import readers who follow by email from another platform's CSV export (WordPress.com,
    Ghost, Substack, Mailchimp…) or a list of addresses, one a line. They come confirmed;
    re-running it adds nobody twice."""
    start(ctx)
    from byline.newsletter.importing import SubscriberFileError, import_subscribers

    try:
        report = import_subscribers(export)
    except SubscriberFileError as exc:
        raise click.ClickException(f"{export}: {exc} Nothing was imported.") from None
    for line in report.lines():
        click.echo(line)


@click.group()
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
    config = start(ctx)
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
    start(ctx)
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
