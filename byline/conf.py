"""Every Byline setting, declared once (name, type, default, help), and how a site loads them.

Values come from the site's `byline.toml`, then `BYLINE_<NAME>` environment variables
(and `DATABASE_URL`), over the defaults below.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import os
import re
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CONFIG_FILE = "byline.toml"
STORE_DIR = "store"  # the page store's folder in the site folder
SITE_ENV = "BYLINE_SITE"


def _setting(default: Any, help: str) -> Any:
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata={"help": help})
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Config:
    """The settings of one site. Each field is a setting; its metadata holds the help text."""

    secret_key: str = _setting(
        "",
        "Signs sessions, form tokens and links. `byline init` writes a new random one; "
        "keep it private and never reuse it between sites.",
    )
    database_url: str = _setting(
        "",
        "Empty: SQLite in the site folder (`byline.sqlite3`). A URL such as "
        "`postgres://user@127.0.0.1:5432/blog` uses PostgreSQL. "
        "The `DATABASE_URL` environment variable sets it too.",
    )
    host: str = _setting("127.0.0.1", "Address `byline serve` listens on.")
    port: int = _setting(8000, "Port `byline serve` listens on.")
    workers: int = _setting(
        0, "Server processes of each kind (edge, Django); 0 means one per CPU core."
    )
    allowed_hosts: list = _setting(
        ["localhost", "127.0.0.1", "[::1]"],
        'Host names this site answers to. Add your domain, e.g. `["blog.example.com"]`.',
    )
    trusted_proxies: list = _setting(
        ["127.0.0.1", "::1"],
        "Addresses or networks (`10.0.0.0/8`) of the proxies in front of `byline serve`, such "
        "as nginx: for a request from one of them, the reader's address is read from "
        "`X-Forwarded-For`, and whether they came over HTTPS from `X-Forwarded-Proto`.",
    )
    base_url: str = _setting(
        "",
        "The public address of the site, e.g. `https://blog.example.com`, used in emails, "
        "pingbacks and webmentions. Empty: `http://<host>:<port>`.",
    )
    store: bool = _setting(
        True,
        "Keep rendered public pages in the page store (`store/` in the site folder) and serve "
        "them without Django. Off: every request is rendered.",
    )
    redis_url: str = _setting(
        "",
        "With several `byline serve` nodes: a Redis URL (`redis://127.0.0.1:6379/0`) to tell "
        "each other of changed pages. Empty: PostgreSQL's LISTEN/NOTIFY (nothing with SQLite).",
    )
    media_dir: str = _setting("media", "Folder for uploaded files, relative to the site folder.")
    admin_path: str = _setting("admin", "URL path of the admin (`/admin/` by default).")
    secure_cookies: bool = _setting(
        False, "Send session and CSRF cookies over HTTPS only. Turn on when the site uses HTTPS."
    )
    smtp_host: str = _setting(
        "", "Mail server for notifications. Empty: no mail is sent (it is logged instead)."
    )
    smtp_port: int = _setting(25, "Mail server port (587 with STARTTLS, 465 with TLS).")
    smtp_user: str = _setting("", "Mail server user name, if it needs one.")
    smtp_password: str = _setting("", "Mail server password, if it needs one.")
    smtp_security: str = _setting("none", "none, starttls or tls.")
    mail_from: str = _setting(
        "", "Sender address of notifications. Empty: `byline@<the site's host name>`."
    )
    fetch_private_addresses: bool = _setting(
        False,
        "Let pingback and webmention checks fetch loopback and private addresses. Only for "
        "tests and closed networks: it opens the server to request forgery.",
    )
    static_comments: str = _setting(
        "post",
        "Responses in a static copy (`byline export static`): `post` keeps the form, which "
        "sends to the running site at `base_url`; `read-only` shows them with no form.",
    )
    static_url: str = _setting(
        "",
        "The address a static copy is served at, e.g. `https://archive.example.com`: the "
        "running site takes responses posted from there. Empty: from its own pages only.",
    )
    debug: bool = _setting(False, "Show detailed error pages. Never turn on for a public site.")
    log_level: str = _setting("info", "Server log level: debug, info, warning or error.")

    @property
    def admin(self) -> str:
        """The admin's path without its slashes."""
        return self.admin_path.strip("/") or "admin"


SETTINGS: tuple[dataclasses.Field, ...] = dataclasses.fields(Config)
CHOICES = {
    "log_level": ("debug", "info", "warning", "error"),
    "smtp_security": ("none", "starttls", "tls"),
    "static_comments": ("post", "read-only"),
}
# Settings that name the root of another site: an origin, nothing after it.
ROOT_ADDRESSES = ("static_url",)
_TYPES = {"str": str, "int": int, "bool": bool, "list": list}


class ConfigError(Exception):
    """A setting that cannot be used, with where it came from."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source, self.line, self.message = source, line, message
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {message}")


def setting_type(f: dataclasses.Field) -> type:
    """The Python type a setting holds."""
    return _TYPES[f.type] if isinstance(f.type, str) else f.type


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None


def _check(name: str, value: Any, source: str, line: int | None) -> Any:
    expected = setting_type(next(f for f in SETTINGS if f.name == name))
    ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
    if ok and expected is list:
        ok = all(isinstance(item, str) for item in value)
    if not ok:
        shown = {
            str: "a string",
            int: "a whole number",
            bool: "true or false",
            list: "a list of strings",
        }
        raise ConfigError(source, f"{name} must be {shown[expected]}, not {value!r}", line)
    if expected is int and not 0 <= value <= 65535:
        raise ConfigError(source, f"{name} is out of range: {value}", line)
    allowed = CHOICES.get(name)
    if allowed and value not in allowed:
        raise ConfigError(source, f"{name} must be one of {', '.join(allowed)}", line)
    if name == "trusted_proxies":
        for item in value:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                message = f"{name}: {item!r} is not an IP address or network (like 10.0.0.0/8)"
                raise ConfigError(source, message, line) from None
    if name in ROOT_ADDRESSES and value and not _is_site_root(value):
        raise ConfigError(
            source,
            f"{name} must be an http:// or https:// address with nothing after the host "
            f"(and port), like https://archive.example.com, not {value!r}",
            line,
        )
    return value


def read_file(path: Path) -> dict[str, Any]:
    """The settings a `byline.toml` sets, checked; raises ConfigError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), f"not UTF-8 text ({exc.reason})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        message = re.sub(r"\s*\(at line.*\)", "", str(exc)) or "invalid TOML"
        raise ConfigError(str(path), message, int(match.group(1)) if match else None) from None
    known = {f.name for f in SETTINGS}
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in known:
            raise ConfigError(str(path), f"unknown setting {key!r}", line)
        _check(key, value, str(path), line)
    return data


def _from_env(environ: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if environ.get("DATABASE_URL"):
        values["database_url"] = environ["DATABASE_URL"]
    for f in SETTINGS:
        raw = environ.get(f"BYLINE_{f.name.upper()}")
        if raw is None:
            continue
        source, kind = f"environment variable BYLINE_{f.name.upper()}", setting_type(f)
        try:
            if kind is bool:
                if raw.lower() not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                    raise ValueError
                value: Any = raw.lower() in ("1", "true", "yes", "on")
            elif kind is int:
                value = int(raw)
            elif kind is list:
                value = json.loads(raw) if raw.startswith("[") else [p for p in raw.split(",") if p]
            else:
                value = raw
        except ValueError:
            raise ConfigError(source, f"cannot read {raw!r} as {kind.__name__}") from None
        values[f.name] = _check(f.name, value, source, None)
    return values


def load(site_dir: Path, environ: dict[str, str] | None = None) -> Config:
    """The configuration of the site in `site_dir`: file, then environment, over defaults."""
    environ = dict(os.environ if environ is None else environ)
    path = site_dir / CONFIG_FILE
    values = read_file(path) if path.exists() else {}
    values.update(_from_env(environ))
    return Config(**values)


def site_dir_from_env() -> Path:
    """The site folder this process serves: `$BYLINE_SITE`, else the current folder."""
    return Path(os.environ.get(SITE_ENV) or os.getcwd()).resolve()


def new_secret_key() -> str:
    return secrets.token_urlsafe(48)


def site_template() -> str:
    """The commented `byline.toml` that `byline init` writes."""
    return (Path(__file__).parent / "site_template" / CONFIG_FILE).read_text(encoding="utf-8")


def origin_of(url: str) -> str:
    """`scheme://host[:port]` of an http(s) address as browsers send it in `Origin`, or ''."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    scheme, host = parts.scheme.lower(), parts.hostname.lower()
    host = f"[{host}]" if ":" in host else host
    default = {"http": 80, "https": 443}[scheme]
    return f"{scheme}://{host}" + (f":{port}" if port and port != default else "")


def _is_site_root(url: str) -> bool:
    if not origin_of(url):
        return False
    parts = urlsplit(url.strip())
    return parts.path in ("", "/") and not (parts.query or parts.fragment or "@" in parts.netloc)


def site_url(config: Config) -> str:
    """The site's public address without a trailing slash."""
    if config.base_url:
        return config.base_url.rstrip("/")
    host = f"[{config.host}]" if ":" in config.host else config.host
    return f"http://{host}:{config.port}"
