"""`byline nginx`'s configuration: the one docs/deploy.md shows, and nothing from a setting or an
option that nginx would read as more than a value."""

import dataclasses
import re
from pathlib import Path

import pytest

from byline import conf
from byline.publish.nginx import NginxError, configuration, upstream_of

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
DEBIAN_STATIC = Path("/usr/lib/python3/dist-packages/byline/theme/static/byline")
EXAMPLE = conf.Config(base_url="https://blog.example.com")


def test_the_documented_configuration_is_the_printed_one():
    documented = re.search(r"```nginx\n(.*?)```", DEPLOY.read_text(), re.DOTALL).group(1)
    printed = configuration(Path("/srv/blog"), EXAMPLE, static_dir=DEBIAN_STATIC)
    assert printed == documented


def test_the_site_s_own_folders_and_server():
    config = dataclasses.replace(EXAMPLE, media_dir="/var/blog-uploads", port=8123)
    printed = configuration(Path("/home/ayesha/blog"), config, listen="127.0.0.1:8080")
    assert "alias /var/blog-uploads/;" in printed
    assert "root /home/ayesha/blog/store;" in printed
    assert printed.count("proxy_pass http://127.0.0.1:8123;") == 2
    assert "listen 127.0.0.1:8080;" in printed
    assert "server_name blog.example.com;" in printed
    assert "server_name _;" in configuration(Path("/srv/blog"), conf.Config())


def test_no_configuration_without_the_store():
    with pytest.raises(NginxError, match="store is turned off"):
        configuration(Path("/srv/blog"), dataclasses.replace(EXAMPLE, store=False))


def test_a_folder_with_a_space_is_quoted():
    printed = configuration(Path("/srv/my blog"), EXAMPLE)
    assert 'root "/srv/my blog/store";' in printed
    assert 'alias "/srv/my blog/media/";' in printed


@pytest.mark.parametrize(
    ("host", "upstream"),
    [("0.0.0.0", "127.0.0.1:8000"), ("::", "[::1]:8000"), ("::1", "[::1]:8000"),
     ("10.0.0.5", "10.0.0.5:8000")],
)  # fmt: skip
def test_upstream_is_where_byline_serve_listens(host, upstream):
    assert upstream_of(dataclasses.replace(EXAMPLE, host=host)) == upstream


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("listen", "80; include /etc/shadow"),
        ("listen", "80\n}"),
        ("server_name", "blog.example.com; root /"),
        ("server_name", "a{"),
        ("upstream", "127.0.0.1:8000; return 200"),
        ("upstream", "unix:/run/byline.sock"),
        ("site", "/srv/$host"),
        ("site", '/srv/a"b'),
        ("site", "/srv/a;b"),
        ("site", "/srv/a\nb"),
    ],
)
def test_what_nginx_would_read_as_more_than_a_value_is_refused(where, value):
    options = {"listen": "80", "server_name": "", "upstream": ""}
    site = Path("/srv/blog")
    if where == "site":
        site = Path(value)
    else:
        options[where] = value
    with pytest.raises(NginxError):
        configuration(site, EXAMPLE, **options)
