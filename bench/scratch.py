"""The folder a benchmark run writes in (its sites, servers' files, Pelican's builds), removed
when the run ends: a run of serve.py or publish.py left up to a gigabyte behind in /tmp.

Removing many files has a cost of its own on some machines: ext4 without a journal (these
machines' disks) skips inodes freed in the last minutes when it makes new files, so a run
started soon after another's removal makes its files slower (bench/RESULTS.md, eighteenth
session). A run warns when the last one removed its folder that recently.
"""

import atexit
import shutil
import sys
import tempfile
import time
from pathlib import Path

CACHE = Path.home() / ".cache" / "byline-bench"  # what benchmarks keep between runs
REMOVED = CACHE / "removed"  # when a run last removed its own folder
QUIET_SECONDS = 360  # how long ext4 skips a freed inode whose table is not yet written out


def scratch_folder(name: str) -> Path:
    """A new folder that `tempfile` makes its folders in from now on, in this process only
    (the commands it starts keep theirs: Jinja's compiled templates stay where they were kept
    before), removed with everything in it as the process ends."""
    _warn_if_just_removed()
    folder = Path(tempfile.mkdtemp(prefix=f"byline-bench-{name}-"))
    tempfile.tempdir = str(folder)
    atexit.register(_remove, folder)
    return folder


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    REMOVED.parent.mkdir(parents=True, exist_ok=True)
    REMOVED.write_text(f"{time.time()}\n")


def _warn_if_just_removed() -> None:
    try:
        ago = time.time() - float(REMOVED.read_text())
    except (OSError, ValueError):
        return
    if 0 <= ago < QUIET_SECONDS:
        print(
            f"The last benchmark run removed its files {ago:.0f} s ago: where the disk has no "
            "journal, making files stays slower for some minutes after many were removed "
            f"(bench/RESULTS.md). For comparable numbers, start in {QUIET_SECONDS - ago:.0f} s.",
            file=sys.stderr,
        )
