"""The folder a benchmark run writes in (its sites, servers' files, Pelican's builds), removed
when the run ends: a run of serve.py or publish.py left up to a gigabyte behind in /tmp."""

import atexit
import shutil
import tempfile
from pathlib import Path


def scratch_folder(name: str) -> Path:
    """A new folder that `tempfile` makes its folders in from now on, in this process only
    (the commands it starts keep theirs: Jinja's compiled templates stay where they were kept
    before), removed with everything in it as the process ends."""
    folder = Path(tempfile.mkdtemp(prefix=f"byline-bench-{name}-"))
    tempfile.tempdir = str(folder)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder
