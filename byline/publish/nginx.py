"""The nginx configuration for one site (`byline nginx`): the page store served from disk, the
rest passed to `byline serve`, with the site's own folders and Byline's install filled in.

docs/deploy.md shows it and explains each part; a test there compares the two.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

from byline import conf
from byline.publish.front import BYPASS_COOKIES
from byline.publish.querystring import CHANGES_NOTHING
from byline.theme import THEME_DIR

# Characters nginx reads as they are in a path; anything else is quoted, and what a quoted
# string cannot hold as plain text (variables, quotes, line breaks) is refused.
_PLAIN = re.compile(r"[\w/.+@:-]+", re.ASCII)
_UNSAFE = re.compile(r"[$\"'\\{};\x00-\x1f\x7f]")
# `listen` takes an address, a port or both, and flags such as `ssl` or `http2`.
_LISTEN = re.compile(r"[\w.:\[\] -]+", re.ASCII)
_SERVER_NAME = re.compile(r"[\w.*~^-]+( [\w.*~^-]+)*", re.ASCII)

TEMPLATE = """\
map $http_cookie $byline_personal {{
    default 0;
    "~(^|;\\s*)({cookies})=" 1;
}}

# 0: no query string, or only parameters Byline does not read (the page is the same without
# them: a newsletter's utm_source, Facebook's fbclid).
map $args $byline_query {{
    default 1;
    "" 0;
    "~{unread}" 0;
}}

server {{
    listen {listen};
    server_name {server_name};
    charset utf-8;
    client_max_body_size 32m;

    location /static/byline/ {{
        alias {static};
        expires 7d;
    }}

    location /media/ {{
        alias {media};
        expires 7d;
    }}

    # Pages: from the store when nothing personal is asked for, else Byline.
    location ~ /$ {{
        error_page 418 = @byline;
        if ($request_method !~ ^(GET|HEAD)$) {{ return 418; }}
        if ($byline_query) {{ return 418; }}
        if ($byline_personal) {{ return 418; }}
        root {store};
        gzip_static on;
        add_header Cache-Control "public, max-age=0, must-revalidate";
        add_header X-Byline-Store "hit";
        try_files ${{uri}}index.html @byline;
    }}

    location / {{
        proxy_pass http://{upstream};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }}

    location @byline {{
        proxy_pass http://{upstream};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }}
}}
"""


class NginxError(ValueError):
    """A value that cannot be written into an nginx configuration as it is."""


def _path(folder: Path, end: str = "") -> str:
    text = str(folder).rstrip("/") + end
    if _UNSAFE.search(text):
        raise NginxError(
            f"nginx cannot name the folder {text!r} safely (it holds $, quotes, braces, ';' or "
            "a line break): move the site to a plainer path."
        )
    return text if _PLAIN.fullmatch(text) else f'"{text}"'


def upstream_of(config: conf.Config) -> str:
    """Where `byline serve` listens, as nginx's `proxy_pass` names it (an address that
    listens on every interface is reached on this machine's own)."""
    host = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}.get(config.host, config.host)
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{host}:{config.port}"


def configuration(
    site_dir: Path,
    config: conf.Config,
    listen: str = "80",
    server_name: str = "",
    upstream: str = "",
    static_dir: Path = THEME_DIR / "static" / "byline",
) -> str:
    """The configuration for the site in `site_dir`: two `map`s and a `server` block, for
    nginx's `http` context (a file in /etc/nginx/sites-enabled/)."""
    if not config.store:
        raise NginxError(
            "The page store is turned off (setting: store): there are no pages for nginx to "
            "serve. Turn it on, or pass every request to byline serve with proxy_pass."
        )
    server_name = server_name or urlsplit(config.base_url).hostname or "_"
    upstream = upstream or upstream_of(config)
    if not _LISTEN.fullmatch(listen):
        raise NginxError(f"Not an nginx listen address: {listen!r} (such as 80 or 127.0.0.1:8080)")
    if not _SERVER_NAME.fullmatch(server_name):
        raise NginxError(f"Not a server name nginx takes: {server_name!r}")
    if not re.fullmatch(r"[\w.\-]+:\d+|\[[0-9a-fA-F:.]+\]:\d+", upstream, re.ASCII):
        raise NginxError(f"Not an address and port: {upstream!r} (such as 127.0.0.1:8000)")
    cookies = "|".join(name.decode().rstrip("=") for name in BYPASS_COOKIES)
    return TEMPLATE.format(
        cookies=cookies,
        unread=CHANGES_NOTHING.pattern,
        listen=listen,
        server_name=server_name,
        static=_path(static_dir, "/"),
        media=_path(site_dir / config.media_dir, "/"),
        store=_path(site_dir / conf.STORE_DIR),
        upstream=upstream,
    )
