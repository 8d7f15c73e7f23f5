"""Settings for dangvu. Everything that differs between machines comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DANGVU_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use DANGVU_SECRET_KEY, else a key generated once and kept under var/ (never committed)."""
    if key := os.environ.get("DANGVU_SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        from django.core.management.utils import get_random_secret_key

        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("DANGVU_DEBUG", "0") == "1"
# Served over HTTPS (directly or behind a TLS-terminating proxy): secure cookies, HSTS, redirect to https.
HTTPS = os.environ.get("DANGVU_HTTPS", "0") == "1"
ALLOWED_HOSTS = os.environ.get("DANGVU_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    # First, so that its `createsuperuser` and `changepassword` replace django.contrib.auth's: they go through the
    # accounts services and the change log like every other door.
    "accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # Swagger UI's assets served from ninja's own static files, not a CDN
    "axes",
    "core",
    "organizations",
    "rules",
    "members",
    "committees",
    "documents",
    "inspection",
    "mobilisation",
    "rating",
    "targets",
    "training",
    "honours",
    "oversight",
    "tallies",  # pre-aggregated member statistics; above members and organizations, below reports
    "reports",
    "ingest",
    # Last: its demo applies the 2025 reorganization after every other app's demo data is in place.
    "restructuring",
    # The home page and help: reads what every app's task providers (core.tasks) say; no demo data.
    "home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, which answers static files itself: they keep their caching, everything else is no-store.
    "core.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionIdleMiddleware",
    # Vietnamese unless the user chose otherwise (not the browser's Accept-Language): accounts.middleware.
    "accounts.middleware.LanguageMiddleware",
    "core.middleware.ApiMethodNotAllowedMiddleware",  # a 405 under /api/ answers JSON
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",  # the signed-in user's stored language
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.RequestIdMiddleware",
    "core.middleware.DatabaseBusyMiddleware",  # "database is locked" answers 503, not 500
    "axes.middleware.AxesMiddleware",  # last: turns a lock-out into the lock-out page
]

ROOT_URLCONF = "dangvu.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "dangvu.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'dangvu.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer works; busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# The figures cache (core.figures.cache): answers keyed by the write watermark, so never stale. In files under the
# var directory: shared by the web workers, the commands and the report worker, with no set-up step (a database
# cache would need createcachetable); bounded by MAX_ENTRIES (an answer is a few kB). Off: DANGVU_FIGURES_CACHE=0.
FIGURES_CACHE = os.environ.get("DANGVU_FIGURES_CACHE", "1") != "0"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "figures": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "figures"),
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000, "CULL_FREQUENCY": 4},
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Days an API token lives from its creation (`api_token_create --days` overrides it per token).
DANGVU_API_TOKEN_DAYS = int(os.environ.get("DANGVU_API_TOKEN_DAYS", "90"))
# The figures service reads the members namespace from the pre-aggregated tallies (their rollup series: 4x faster
# than the reference queries for a province at 1 %, docs/benchmarks.md run E); "0" reads the reference instead.
DANGVU_FIGURES_FROM_TALLIES = os.environ.get("DANGVU_FIGURES_FROM_TALLIES", "1") == "1"
# A token's last use is recorded at most this often (a read must not wait for SQLite's write lock).
API_TOKEN_TOUCH_SECONDS = int(os.environ.get("DANGVU_API_TOKEN_TOUCH_SECONDS", "300"))

# Limits of an uploaded XLSX (ingest/xlsx_budget.py), counted while inflating it, before any parser runs.
INGEST_MAX_UNPACKED_BYTES = 300 * 1024 * 1024
INGEST_MAX_XML_ELEMENTS = 4_000_000
INGEST_MAX_SHEET_ROWS = 200_000
INGEST_MAX_CELLS = 1_000_000
INGEST_MAX_ROW_CELLS = 1_000
INGEST_MAX_SHARED_STRINGS = 1_000_000
# Largest attachment of a registered document (documents.storage), in bytes.
DOCUMENTS_MAX_ATTACHMENT_BYTES = int(os.environ.get("DANGVU_DOCUMENTS_MAX_ATTACHMENT_BYTES", str(20 * 1024 * 1024)))
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out user name before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:index"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_HTTPONLY = True
# Idle expiry: a session unused this long ends (and its cookie with the browser). Its expiry is pushed back on
# use at most once a minute (core.middleware.SessionIdleMiddleware), not on every request.
SESSION_COOKIE_AGE = int(os.environ.get("DANGVU_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Sign-in throttling (django-axes): after DANGVU_LOGIN_FAILURE_LIMIT wrong passwords for one user name from one
# address, that pair is locked out for DANGVU_LOGIN_COOLOFF_MINUTES. An administrator unlocks earlier with
# `manage.py axes_reset_username USERNAME` or by deleting the row under "Access attempts" in the admin.
AXES_FAILURE_LIMIT = int(os.environ.get("DANGVU_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DANGVU_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]
AXES_LOCKOUT_CALLABLE = "core.views.login_locked_out"

# Headers. DANGVU_HTTPS=1 when users reach dangvu over https; behind a proxy, the proxy must set
# X-Forwarded-Proto (overwriting any the client sent). Plain-HTTP LAN use silences the four checks that only
# make sense over TLS (see docs/security.md).
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DANGVU_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload: a browser list, meaningless on a closed network
else:
    SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008", "security.W012", "security.W016"]
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
# No inline script or style anywhere: behaviour lives in static JS files (core/static/core/app.js).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["dangvu.formats"]
# Required fields marked, empty choices that say what to choose, dates with a hint and a picker (core/forms.py).
FORM_RENDERER = "core.forms.FormRenderer"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Serve assets straight from the installed packages and apps (htmx comes from django-htmx's wheel).
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DANGVU_LOG_LEVEL", "WARNING")},
}
