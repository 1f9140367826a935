"""Settings: declared once, documented, read from byline.toml then the environment."""

import re
from pathlib import Path

import pytest

from byline import conf

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "byline.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_defaults_need_no_file(tmp_path):
    config = conf.load(tmp_path, environ={})
    assert config.port == 8000 and config.host == "127.0.0.1" and config.debug is False


def test_file_then_environment_override_defaults(tmp_path):
    write(tmp_path, 'port = 8100\nhost = "127.0.0.2"\n')
    config = conf.load(tmp_path, environ={"BYLINE_PORT": "8200", "BYLINE_DEBUG": "yes"})
    assert (config.port, config.host, config.debug) == (8200, "127.0.0.2", True)


def test_database_url_environment_variable_switches_database(tmp_path):
    config = conf.load(tmp_path, environ={"DATABASE_URL": "postgres://u@127.0.0.1/blog"})
    assert config.database_url == "postgres://u@127.0.0.1/blog"


def test_list_setting_from_environment(tmp_path):
    config = conf.load(tmp_path, environ={"BYLINE_ALLOWED_HOSTS": "a.example,b.example"})
    assert config.allowed_hosts == ["a.example", "b.example"]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('host = "x"\nport = "eighty"\n', 2, "port must be a whole number"),
        ("\n\nnonsense = 1\n", 3, "unknown setting 'nonsense'"),
        ('host = "x"\nport = \n', 2, "Invalid value"),
        ("debug = maybe\n", 1, "Invalid value"),
        ('\ntrusted_proxies = ["10.0.0.0/8", "nginx"]\n', 2, "'nginx' is not an IP address"),
    ],
)
def test_bad_file_names_file_line_and_problem(tmp_path, text, line, fragment):
    write(tmp_path, text)
    with pytest.raises(conf.ConfigError) as caught:
        conf.load(tmp_path, environ={})
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'byline.toml'}, line {line}: ")
    assert fragment in message


def test_bad_environment_value_names_the_variable(tmp_path):
    with pytest.raises(conf.ConfigError, match="BYLINE_PORT: cannot read 'x' as int"):
        conf.load(tmp_path, environ={"BYLINE_PORT": "x"})


def test_every_setting_is_documented():
    docs = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `(\w+)`", docs, re.MULTILINE))
    declared = {f.name for f in conf.SETTINGS}
    assert declared - documented == set(), "settings missing from docs/settings.md"
    assert documented - declared == set(), "docs/settings.md names settings that do not exist"


def test_site_template_lists_every_setting_and_parses(tmp_path):
    template = conf.site_template()
    for f in conf.SETTINGS:
        assert re.search(rf"^(# )?{f.name} = ", template, re.MULTILINE), f.name
    write(tmp_path, template.replace("{secret_key}", "k" * 40))
    assert conf.load(tmp_path, environ={}).secret_key == "k" * 40


def test_template_defaults_match_declared_defaults():
    template = conf.site_template()
    defaults = conf.Config()
    import tomllib

    for f in conf.SETTINGS:
        if f.name == "secret_key":
            continue
        line = re.search(rf"^# ({f.name} = .*)$", template, re.MULTILINE).group(1)
        assert tomllib.loads(line)[f.name] == getattr(defaults, f.name), f.name
