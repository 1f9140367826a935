"""What `byline publish --all`'s worker processes run. Imported before Django is set up in
them, so it imports nothing of Byline's models at its top."""

from pathlib import Path


def start(site_dir: str) -> None:
    from byline.site import setup_django

    setup_django(Path(site_dir))


def publish_batch(paths: list[str]) -> tuple[int, int]:
    """Render `paths` into the store: (how many were stored, how many there were)."""
    from byline.publish.sitewide import publish_here

    return publish_here(paths), len(paths)
