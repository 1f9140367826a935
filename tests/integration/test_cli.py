"""The `byline` command line, run as a user runs it (a real process, a real site folder)."""

import json
import shutil
import stat

import pytest

from tests.live import byline, database_url, free_port, site_env


@pytest.fixture
def env():
    with database_url() as url:
        yield site_env(url)


def test_init_makes_a_site_with_its_own_secret(tmp_path, env):
    first, second = tmp_path / "one", tmp_path / "two"
    byline(first, "init", env=env)
    byline(second, "init", env=env)
    texts = [(d / "byline.toml").read_text() for d in (first, second)]
    keys = [line for text in texts for line in text.splitlines() if line.startswith("secret_key")]
    assert len(keys) == 2 and keys[0] != keys[1] and len(keys[0]) > 50
    assert stat.S_IMODE((first / "byline.toml").stat().st_mode) == 0o600
    assert (first / "media").is_dir()
    again = byline(first, "init", env=env, check=False)
    assert again.returncode == 1 and "already a Byline site" in again.stderr


@pytest.mark.parametrize("command", ["stats", "nginx"])
def test_commands_need_a_site_except_serve_and_demo(tmp_path, env, command):
    result = byline(tmp_path / "empty", command, env=env, check=False)
    assert result.returncode == 1
    assert "No Byline site" in result.stderr and "byline init" in result.stderr


def test_bad_settings_file_is_reported_with_file_and_line(tmp_path, env):
    byline(tmp_path, "init", env=env)
    config = tmp_path / "byline.toml"
    config.write_text(config.read_text() + '\nport = "eighty"\n')
    result = byline(tmp_path, "check", env=env, check=False)
    line = len(config.read_text().splitlines())
    assert result.returncode == 1
    assert f"{config}, line {line}: port must be a whole number" in result.stderr
    assert "Traceback" not in result.stderr


def test_unwritable_folder_is_reported(tmp_path, env):
    # /proc refuses new files whoever asks, root included.
    result = byline(tmp_path, "init", "/proc/byline-site", env=env, check=False)
    assert result.returncode == 1
    assert "Cannot write to /proc/byline-site" in result.stderr


def test_createuser_stats_and_check(tmp_path, env):
    byline(tmp_path, "init", env=env)
    byline(tmp_path, "createuser", "--username", "amina", "--email", "amina@example.com",
           "--role", "editor", "--password", "harbour lights at dusk", env=env)  # fmt: skip
    weak = byline(tmp_path, "createuser", "--username", "bob", "--email", "bob@example.com",
                  "--role", "author", "--password", "123", env=env, check=False)  # fmt: skip
    assert weak.returncode == 1 and "too short" in weak.stderr
    asked = byline(tmp_path, "createuser", "--username", "chand", "--email", "c@example.com",
                   "--role", "contributor", env=env,
                   input="a moonlit quay\na moonlit quay\n")  # fmt: skip
    assert "Created contributor chand." in asked.stdout
    stats = json.loads(byline(tmp_path, "stats", "--json", env=env).stdout)
    assert stats["users"] == 2 and stats["posts"]["published"] == 0
    check = byline(tmp_path, "check", env=env)
    assert "PROBLEM" not in check.stdout and "database schema up to date" in check.stdout
    assert "page store" in check.stdout
    shutil.rmtree(tmp_path / "store")
    (tmp_path / "store").write_text("in the way")  # as a full disk, nothing can be written
    check = byline(tmp_path, "check", env=env, check=False)
    assert check.returncode == 1 and "PROBLEM page store: Cannot write to" in check.stdout


def test_serve_reports_a_port_in_use(tmp_path, env):
    import socket

    byline(tmp_path, "init", env=env)
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = byline(tmp_path, "serve", "--port", str(port), env=env, check=False)
    assert result.returncode == 1
    assert f"Cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "--port" in result.stderr


def test_every_command_has_help(tmp_path):
    for command in ("init", "serve", "demo", "createuser", "check", "stats", "nginx"):
        result = byline(tmp_path, command, "--help")
        assert result.stdout.startswith("Usage: byline"), command


def report_rows(stdout: str) -> dict[str, list[str]]:
    """The import report's table: kind → [created, updated, unchanged, skipped, failed]."""
    rows = {}
    for line in stdout.splitlines()[2:]:
        cells = line.split()
        if len(cells) != 6 or not cells[1].isdigit():
            break
        rows[cells[0]] = cells[1:]
    return rows


def test_import_wordpress_from_the_command_line(tmp_path, env):
    from tests.reference import shared_path

    export = shared_path("reference", "seed-blog.wordpress.xml")
    uploads = shared_path("reference", "uploads")
    byline(tmp_path, "init", env=env)
    dry = byline(tmp_path, "import", "wordpress", str(export), "--dry-run", env=env)
    assert "Dry run: nothing was saved." in dry.stdout
    first = byline(tmp_path, "import", "wordpress", str(export), "--uploads", str(uploads), env=env)
    assert "Import finished." in first.stdout
    rows = report_rows(first.stdout)
    assert rows["posts"] == ["30", "0", "0", "0", "0"]
    assert rows["comments"][0] == "201" and rows["pingbacks"][0] == "2"
    assert "no author bios" in first.stdout
    assert (tmp_path / "media" / "2014" / "01" / "featured.jpg").is_file()
    again = byline(tmp_path, "import", "wordpress", str(export), env=env)
    assert report_rows(again.stdout)["posts"] == ["0", "0", "30", "0", "0"]
    broken = tmp_path / "broken.xml"
    broken.write_text(export.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    failed = byline(tmp_path, "import", "wordpress", str(broken), env=env, check=False)
    assert failed.returncode == 1
    assert "truncated" in failed.stderr and "Nothing was imported." in failed.stderr
    assert "Traceback" not in failed.stderr
