"""What every `byline` command starts with: Django set up for the command's site."""

from pathlib import Path

import click

from byline import conf
from byline.site import SiteError, create_site, is_site, migrate, setup_django


def start(ctx: click.Context, create: bool = False) -> conf.Config:
    """Start Django for the command's site, making the site first when `create` is set."""
    site_dir: Path = ctx.obj
    try:
        if not is_site(site_dir):
            if not create:
                raise SiteError(no_site(site_dir))
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


def no_site(site_dir: Path) -> str:
    return (
        f"No Byline site in {site_dir} (no {conf.CONFIG_FILE}). "
        f"Create one with: byline init {site_dir}"
    )
