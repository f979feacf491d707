"""Wijkavond settings: one file, every knob an environment variable with a safe default.

The README lists each variable. Defaults give a working development site on SQLite;
production sets WIJKAVOND_DEBUG=0, WIJKAVOND_SECRET_KEY, WIJKAVOND_ALLOWED_HOSTS and DATABASE_URL.
"""

import datetime as dt
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.urls import reverse
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """postgres://user:pass@host:port/name; an empty host means the local socket."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ValueError(f"DATABASE_URL: unsupported scheme {parts.scheme!r}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": env_int("WIJKAVOND_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
    }


DEBUG = env_bool("WIJKAVOND_DEBUG", True)
SECRET_KEY = env("WIJKAVOND_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("WIJKAVOND_SECRET_KEY must be set when WIJKAVOND_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production-1234567890"

ALLOWED_HOSTS = env_list("WIJKAVOND_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("WIJKAVOND_CSRF_TRUSTED_ORIGINS")
# The public address used in e-mails and printed QR codes, e.g. https://wijkavond.gemeente.nl
SITE_URL = env("WIJKAVOND_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    # The tasks framework's database backend (WIJKAVOND_TASKS_BACKEND below). Installed always,
    # selected or not: its one table then exists in every database, so switching the backend
    # on needs no other migration, and the tests run its worker on the real test database.
    "django_tasks_db",
    # Our apps by floor (DESIGN.md; import-linter's contracts in pyproject.toml): the core,
    # the three feature apps, registration, and the composition on top. Registries (privacy,
    # simulation, the newcomer's map) visit them in this order.
    "sessie",
    "programma",
    "thematafels",
    "informatiepunt",
    "aanmelden",
    "verslag",
    "wijkavond",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and live fragments shrink ~16× (a table's list of 23 ideas: 32 kB -> 2 kB): it is
    # church wifi. Static files come compressed from whitenoise; GZip pads against BREACH.
    "sessie.middleware.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sessie.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as its documentation asks: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wijkavond.urls"
WSGI_APPLICATION = "wijkavond.wsgi.application"
ASGI_APPLICATION = "wijkavond.asgi.application"

# The core names no page of the composition: a session's public page is composed here.
ABSOLUTE_URL_OVERRIDES = {
    "sessie.sessie": lambda sessie: reverse("wijkavond:detail", kwargs={"slug": sessie.slug}),
}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijkavond.context_processors.organisatie",
            ],
        },
    },
]

DATA_DIR = Path(env("WIJKAVOND_DATA_DIR", str(BASE_DIR / "data")))
if env("DATABASE_URL"):
    DATABASES = {"default": database_from_url(env("DATABASE_URL"))}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "wijkavond.sqlite",
            "NAME": DATA_DIR / "wijkavond.sqlite3",
            # Reuse each worker's connection: opening one costs more than a poll's query.
            "CONN_MAX_AGE": env_int("WIJKAVOND_CONN_MAX_AGE", 600),
            "OPTIONS": {
                # Measured (FACTS.md): IMMEDIATE + WAL + busy timeout = no "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
                ),
            },
            # A file, not shared-cache memory: concurrency tests need the real locking (WAL,
            # busy timeout) that in-memory SQLite lacks ("database table is locked").
            "TEST": {"NAME": str(DATA_DIR / "test-wijkavond.sqlite3")},
        }
    }

# Per-process memory: live fragments rendered once per change (sessie.live.live_fragment), the
# dot vote's key points and rows. Every change leaves a fragment behind until it expires: the cap
# keeps a worker's memory flat (with 10,000 it grew by 14 MB in 150 s at ten evenings; with 2,000
# the oldest third goes, and is rendered again if still asked for).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login brute force (django-axes): 5 wrong passwords for one user name from one address lock that
# pair out for 15 minutes. Only the pair: someone guessing elsewhere cannot lock a real organiser
# out. The address is the one the rate limits use (TRUSTED_PROXIES). README "Security".
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("WIJKAVOND_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)  # templates/wijkavond/geblokkeerd.html says 15
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "sessie.ratelimit.client_ip"
AXES_LOCKOUT_TEMPLATE = "wijkavond/geblokkeerd.html"
AXES_DISABLE_ACCESS_LOG = True  # no log of who logged in from where: only failed attempts count

LOGIN_URL = "wijkavond:login"
LOGIN_REDIRECT_URL = "wijkavond:organiser_home"
LOGOUT_REDIRECT_URL = "wijkavond:home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("WIJKAVOND_TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("WIJKAVOND_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Development serves static files from the app folders; production from STATIC_ROOT.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail through Django's mailers: the console in development, SMTP in production.
EMAIL_BACKEND_PATH = env(
    "WIJKAVOND_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env("WIJKAVOND_EMAIL_HOST", "localhost"),
        "port": env_int("WIJKAVOND_EMAIL_PORT", 25),
        "username": env("WIJKAVOND_EMAIL_HOST_USER"),
        "password": env("WIJKAVOND_EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("WIJKAVOND_EMAIL_USE_TLS", False),
    }
DEFAULT_FROM_EMAIL = env("WIJKAVOND_FROM_EMAIL", "Wijkavond <wijkavond@localhost>")

# Background tasks (mail, heavy report files): run at once in the request by default; in
# production WIJKAVOND_TASKS_BACKEND=django_tasks_db.DatabaseBackend queues them in the
# database for `manage.py db_worker` (README, production).
TASKS = {
    "default": {
        "BACKEND": env(
            "WIJKAVOND_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Retention: `manage.py vergeet` (daily timer) erases personal data this many days after an evening.
BEWAAR_DAGEN = env_int("WIJKAVOND_BEWAAR_DAGEN", 90)

# Who runs the site: the controller on the privacy page, the contact in every page's footer.
ORGANISATIE = {
    "naam": env("WIJKAVOND_ORGANISATIE", "Gemeente Voorbeeldstad (demo)"),
    "email": env("WIJKAVOND_CONTACT_EMAIL", "participatie@example.invalid"),
    "telefoon": env("WIJKAVOND_CONTACT_TELEFOON", "14 020"),
    "fg_email": env("WIJKAVOND_FG_EMAIL", "privacy@example.invalid"),
    "cateraar": env("WIJKAVOND_CATERAAR", ""),
}

# Public registration form: sign-ups per hour per browser and per IP address, and per address
# per minute. The whole venue may share one address, so the address limits are generous; a
# benchmark sets them higher still. (sessie/ratelimit.py; README "Security")
AANMELDEN_PER_BROWSER = env_int("WIJKAVOND_AANMELDEN_PER_BROWSER", 20)
AANMELDEN_PER_IP = env_int("WIJKAVOND_AANMELDEN_PER_IP", 600)
AANMELDEN_PER_IP_PER_MINUTE = env_int("WIJKAVOND_AANMELDEN_PER_IP_PER_MINUTE", 60)

# Mails to one address that a public form may cause per hour (confirmations, "already signed up",
# address checks, workgroup welcomes); more are not sent. (sessie/ratelimit.py; README "Security")
MAILS_PER_ADRES = env_int("WIJKAVOND_MAILS_PER_ADRES", 5)

# How many reverse proxies of our own sit in front of the app (nginx, a load balancer). 0, the
# default: the client's address is REMOTE_ADDR and X-Forwarded-For is ignored, since anyone can
# write it. n: the n-th address from the right in X-Forwarded-For is the client's. Only set it
# when every request passes through those proxies, or clients can choose their own address.
TRUSTED_PROXIES = env_int("WIJKAVOND_TRUSTED_PROXIES", 0)

# Content Security Policy: our own scripts only, each inline <script> must carry the nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("WIJKAVOND_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("WIJKAVOND_SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("WIJKAVOND_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("WIJKAVOND_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("WIJKAVOND_HSTS_PRELOAD", False)
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    if env_bool("WIJKAVOND_BEHIND_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# The level holds for Django's own loggers too (they log at INFO, e.g. every task's start and
# end: two lines per registration), so the handler has it, not only the root logger.
LOG_LEVEL = env("WIJKAVOND_LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": LOG_LEVEL}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
