"""`byline spam`: the spam classifier taught from labelled CSV files, and measured on them."""

from pathlib import Path

import click

from byline.cli.common import start


@click.group()
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
    start(ctx)
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
    start(ctx)
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
