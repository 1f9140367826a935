"""`pip install .` (the README's first command) installs every file Byline needs: each file of
the package in the repository, templates and static files included, is in the wheel."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def tracked() -> list[str]:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    return [name for name in listed.stdout.splitlines() if (ROOT / name).is_file()]


def test_the_wheel_holds_every_file_of_the_package(tmp_path):
    files = tracked()
    source = tmp_path / "source"
    for name in files:  # built from a copy: building writes into the tree it builds
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps",
               "--quiet", "--wheel-dir", str(tmp_path / "dist"), str(source)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    [wheel] = (tmp_path / "dist").glob("byline-*.whl")
    packed = set(zipfile.ZipFile(wheel).namelist())
    package = [name for name in files if name.startswith("byline/")]
    missing = [name for name in package if name not in packed]
    assert missing == []
    assert len(package) > 100
