"""Django settings, built from the site's `byline.toml` (see byline.conf); nothing to edit here."""

import ipaddress
from datetime import timedelta
from pathlib import Path

import dj_database_url

from byline import conf
from byline.publish.front import dynamic_prefixes

SITE_DIR = conf.site_dir_from_env()
CONFIG = conf.load(SITE_DIR)
PACKAGE_DIR = Path(__file__).resolve().parent.parent

# A site without a key (no `byline init` yet) gets a throwaway one, never a shipped constant.
SECRET_KEY = CONFIG.secret_key or conf.new_secret_key()
DEBUG = CONFIG.debug
ALLOWED_HOSTS = CONFIG.allowed_hosts

INSTALLED_APPS = [
    "byline.content.adminapp.BylineAdminConfig",  # Django's admin, with two-step sign-in
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "reversion",
    "django_tasks",
    "django_tasks_db",
    "byline.content",
    "byline.responses",
    "byline.importers",
    "byline.publish",
    "byline.feeds",
    "byline.search",
    "byline.newsletter",
]

# Background work (mail, pings) goes through the database; `byline serve` runs a worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "byline.forwarded.ForwardedForMiddleware",
    "byline.publish.middleware.PageStoreMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # whether this session gave its two-step code
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "byline.content.middleware.SiteTimezoneMiddleware",
    # Old WordPress addresses: acts only on ?p=/?page_id= and on what would be a 404.
    "byline.importers.middleware.RedirectFallbackMiddleware",
    # Answers a sign-in from an address that failed too often (see the AXES_ settings).
    "axes.middleware.AxesMiddleware",
]

# Guessing passwords: after five failed sign-ins from one address, that address may not sign
# in for a quarter of an hour, whatever it sends (django-axes). By address only: usernames are
# public (author pages), and locking one would let anyone keep its owner out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
# The address byline.forwarded found, never one read from headers anyone can write.
AXES_CLIENT_IP_CALLABLE = "byline.content.signin.client_address"
AXES_LOCKOUT_CALLABLE = "byline.content.signin.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # failures are kept; a row for every sign-in would only grow
AXES_VERBOSE = False


def OTP_TOTP_ISSUER(device) -> str:  # noqa: N802 (a setting: called when an app is set up)
    """The name authenticator apps list this site's codes under: its title."""
    from byline.content.models import Site

    return Site.current().title


ROOT_URLCONF = "byline.project.urls"
TEMPLATES = [
    {
        # The admin only; the public theme renders with Jinja2 (byline.theme.jinja).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Before the apps' own: admin/base_site.html extends Django's (and adds a link).
        "DIRS": [PACKAGE_DIR / "project" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

if CONFIG.database_url:
    # A connection kept from an earlier request is checked before it is used again: after
    # PostgreSQL restarts, each web worker's next request would otherwise fail.
    DATABASES = {
        "default": dj_database_url.parse(
            CONFIG.database_url, conn_max_age=60, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            # Django's SQLite backend, with writers queued on a lock (see byline/sqlite/base.py).
            "ENGINE": "byline.sqlite",
            "NAME": SITE_DIR / "byline.sqlite3",
            # Opening SQLite and setting its pragmas costs more than most page renders; requests
            # run in a bounded pool of threads (byline.handler), so connections stay few.
            "CONN_MAX_AGE": None,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # WAL lets readers run beside the one writer; IMMEDIATE avoids upgrade deadlocks.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                # Each connection (four a web worker) keeps its own page cache beside the
                # system's cache of the same file: 512 KiB each instead of SQLite's 2 MB.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-512;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = SITE_DIR / ".static"
MEDIA_URL = "/media/"
MEDIA_ROOT = SITE_DIR / CONFIG.media_dir
ADMIN_PATH = CONFIG.admin
BYLINE_STORE = CONFIG.store
# Proxies whose X-Forwarded-For names the reader (byline/forwarded.py).
BYLINE_TRUSTED_PROXIES = tuple(
    ipaddress.ip_network(proxy, strict=False) for proxy in CONFIG.trusted_proxies
)
BYLINE_REDIS_URL = CONFIG.redis_url
# Listings a change touches are rendered again by the worker (tests render them at once).
BYLINE_RENDER_STALE_AT_ONCE = False
# Never stored, always answered by Django.
BYLINE_DYNAMIC_PREFIXES = dynamic_prefixes(ADMIN_PATH)

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = CONFIG.secure_cookies
# Behind a proxy that ends HTTPS (nginx, docs/deploy.md) requests arrive as plain HTTP while
# browsers send the site's https:// origin with the admin's forms: that origin is the site's.
CSRF_TRUSTED_ORIGINS = [origin for origin in (conf.origin_of(CONFIG.base_url),) if origin]
# The scheme the reader used (feeds' links): from trusted proxies only (byline/forwarded.py).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

SITE_URL = conf.site_url(CONFIG)
if CONFIG.smtp_host:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST, EMAIL_PORT = CONFIG.smtp_host, CONFIG.smtp_port
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = CONFIG.smtp_user, CONFIG.smtp_password
    EMAIL_USE_TLS = CONFIG.smtp_security == "starttls"
    EMAIL_USE_SSL = CONFIG.smtp_security == "tls"
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
_host = SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":")[0].strip("[]")
DEFAULT_FROM_EMAIL = SERVER_EMAIL = CONFIG.mail_from or f"byline@{_host}"
FETCH_PRIVATE_ADDRESSES = CONFIG.fetch_private_addresses

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": CONFIG.log_level.upper()},
    # django-axes says each failure and clean-up at info; an address kept out is a warning.
    "loggers": {"axes": {"level": "WARNING"}},
}
