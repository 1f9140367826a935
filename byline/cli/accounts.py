"""`byline` commands for people: making a user, and helping one who cannot sign in (an
address kept out after failed sign-ins, a lost phone with two-step sign-in on)."""

import click

from byline.cli.common import start

ROLE_CHOICES = ("administrator", "editor", "author", "contributor", "subscriber")


@click.command()
@click.option("--username", required=True)
@click.option("--email", required=True)
@click.option("--role", type=click.Choice(ROLE_CHOICES), required=True)
@click.option("--password", help="Asked for (hidden, twice) when not given.")
@click.pass_context
def createuser(
    ctx: click.Context, username: str, email: str, role: str, password: str | None
) -> None:
    """Create a user who can sign in to the admin (with a role as in WordPress)."""
    start(ctx)
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


@click.command()
@click.argument("address", required=False)
@click.pass_context
def unlock(ctx: click.Context, address: str | None) -> None:
    """Let ADDRESS, kept from signing in after too many failures, sign in again (without
    ADDRESS: every address)."""
    start(ctx)
    from axes.utils import reset

    count = reset(ip=address) if address else reset()
    who = address or "every address"
    click.echo(f"{who} may sign in again." if count else f"{who} was not kept from signing in.")


@click.command("twostep-off")
@click.argument("username")
@click.pass_context
def twostep_off(ctx: click.Context, username: str) -> None:
    """Turn off USERNAME's two-step sign-in (a lost phone, no backup code left): their password
    alone signs in again, and they can turn it on anew."""
    start(ctx)
    from django.contrib.auth import get_user_model

    from byline.content.twostep import turn_off

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise click.ClickException(f"No user {username}.")
    turn_off(user)
    click.echo(f"Two-step sign-in is off for {username}.")
