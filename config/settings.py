"""Settings, read from the environment (twelve-factor).

Defaults give a working development set-up on a fresh machine: an embedded
SQLite database, Celery tasks run eagerly in-process, e-mail on the console.
Set DATABASE_URL and CELERY_BROKER_URL to run on PostgreSQL and Redis with
real workers.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean from the environment: 1/true/yes/on are true."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list from the environment."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Without SECRET_KEY a development key is used; `check --deploy` flags it.
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "django-insecure-development-key-do-not-use-in-production"
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Reference data (SBB XML, CBS regions, OOAPI) is read from here, never copied in.
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR.parent / "shared" / "data")).resolve()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "core",
    "accounts",
    "regions",
    "qualifications",
    "experiments",
    "pathways",
    "certificates",
    "statements",
    "rules",
    "submissions",
    "notifications",
    "ooapi",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: the refusal page shows the usual header.
    "config.middleware.InputBoundaryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.unread_notifications",
                "accounts.context_processors.role_groups",
            ],
        },
    },
]

# Labels without a colon, no "---------" choices, design-system radios and checkboxes.
FORM_RENDERER = "core.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a lock instead of failing at once when a worker thread writes.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # Write transactions take the database lock at BEGIN, so a transaction that
    # counts before it writes (admissions under a cap) is serialised as on
    # PostgreSQL with its row lock.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes counts failed logins and refuses locked-out ones before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# One date format for the whole UI ("29 november 2026"), per language: config/formats/.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and env_bool("STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded documents live outside the web root and are served only through views
# that check permissions.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "uploads"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@regio-mbo.example")
# Scheme and host put before links in notification e-mails, e.g. https://regio-mbo.nl
SITE_URL = os.environ.get("SITE_URL", "")

# The cache (API rate limits, heavy public figures): a shared Redis when CACHE_URL
# is set, so that several web processes on several machines see one cache; local
# memory of each process otherwise. Give the cache its own Redis database: clearing
# it empties that database.
CACHE_URL = os.environ.get("CACHE_URL", "")
# Whole answers of pages, per visitor (core/pagecache.py).
PAGE_CACHE = env_bool("PAGE_CACHE", True)
CACHES = {
    "default": (
        {"BACKEND": "core.cache.KeptClientRedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Sessions stay in the database; with a shared cache they are read from it (one
# query less per request). Each process's own memory would not see another's logout.
if CACHE_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Celery: without a broker, tasks run eagerly in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The queue tasks go to when none is named (two deployments can share one Redis).
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")
# With late acknowledgement, Redis hands the job of a worker that died back after
# this many seconds (default: an hour). It must be longer than the longest task
# (an SBB import of the largest file allowed; the hourly recheck), or Redis hands
# out a job that is still running; the hard time limit below keeps every task
# inside it. A validation left by a killed worker does not wait for it: the
# sweep below queues it again within two minutes.
CELERY_TASK_TIME_LIMIT = int(os.environ.get("CELERY_TASK_TIME_LIMIT", str(9 * 60)))
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 60}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Workers keep their database connection between tasks (Celery closes it after
# every task otherwise, and opening one costs more than a validation);
# config.celery closes it when it is broken or older than CONN_MAX_AGE.
CELERY_DB_REUSE_MAX = 1000
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}
# Check stored submissions again when reference data or a watched date changed.
CELERY_BEAT_SCHEDULE["revalidate-submissions"] = {
    "task": "submissions.tasks.revalidate_submissions",
    "schedule": 60 * 60,
}
# A validation queued this long ago without a report is queued again (its worker
# died or the broker lost it), at most VALIDATION_MAX_ATTEMPTS times in all.
VALIDATION_STUCK_SECONDS = int(os.environ.get("VALIDATION_STUCK_SECONDS", "60"))
VALIDATION_MAX_ATTEMPTS = 5
CELERY_BEAT_SCHEDULE["requeue-stuck-validations"] = {
    "task": "submissions.tasks.requeue_stuck_validations",
    "schedule": int(os.environ.get("VALIDATION_SWEEP_SECONDS", "60")),
}

# Practice statements: names are removed this many years after the learning period.
STATEMENTS_RETENTION_YEARS = int(os.environ.get("STATEMENTS_RETENTION_YEARS", "10"))
CELERY_BEAT_SCHEDULE["anonymise-statements"] = {
    "task": "statements.tasks.anonymise_expired_statements",
    "schedule": 24 * 60 * 60,
}

REST_FRAMEWORK = {
    # One error body for the whole API, documented in /api/schema/ (config/api.py).
    "DEFAULT_SCHEMA_CLASS": "config.api.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Session authentication only (no HTTP Basic, which needs no CSRF token),
    # throttled per user or address.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "60/minute"),
        "user": os.environ.get("API_THROTTLE_USER", "300/minute"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # JSON bodies pass the input boundary (core.boundary): no lone surrogates,
    # control characters, non-finite or out-of-range numbers, or deep nesting.
    "DEFAULT_PARSER_CLASSES": [
        "core.boundary.JSONParser",
        "core.boundary.FormParser",
        "core.boundary.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Regio mbo API",
    "DESCRIPTION": "National qualification structure, regions, submissions and pathways.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI is served from the installed sidecar package, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Without deep links an operation's summary button holds no link (axe: nested-interactive).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
}

# Upload limits.
SBB_IMPORT_MAX_BYTES = int(os.environ.get("SBB_IMPORT_MAX_BYTES", str(50 * 1024 * 1024)))
# Largest cooperation agreement or PTA/OER a school may upload for a pathway.
PATHWAYS_MAX_UPLOAD_BYTES = int(os.environ.get("PATHWAYS_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security: strict when DEBUG is off (manage.py check --deploy reports nothing).
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health$"]
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The OOAPI v5 publication (/ooapi/v5/): the operator (the root organization) and
# the service root's contact and links.
OOAPI_OPERATOR_NAME = os.environ.get("OOAPI_OPERATOR_NAME", "Regio mbo")
OOAPI_OPERATOR_CODE = os.environ.get("OOAPI_OPERATOR_CODE", "regio-mbo")
OOAPI_CONTACT_EMAIL = os.environ.get("OOAPI_CONTACT_EMAIL", "open-data@regio-mbo.nl")
OOAPI_SPECIFICATION_URL = "https://github.com/open-education-api/specification/tree/master/v5"
OOAPI_DOCUMENTATION_URL = "https://openonderwijsapi.nl/v5/"
OOAPI_SPEC_FILE = DATA_DIR / "ooapi" / "ooapi-v5.json"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # In-process (eager) tasks would log every run, and kombu would warn that no
        # broker host was given, on the console.
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
        "kombu.connection": {"level": "ERROR" if CELERY_TASK_ALWAYS_EAGER else "WARNING"},
        # Every login is in the admin's access log; the console gets lockouts only.
        "axes": {"level": "WARNING"},
    },
}

# --- Logins that resist guessing (see README "Security") ---
# django-axes: after AXES_FAILURE_LIMIT failed logins for one account, or from one
# address, further attempts are refused (429) until the cool-off has passed.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "accounts.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip"
# Behind N reverse proxies that append to X-Forwarded-For, the client address is
# the N-th from the right; 0 (default) uses the connection's own address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Throttle counters (password reset, API) live in the cache (CACHE_URL above).
# Password reset: at most this many requests per hour per address and per e-mail address.
PASSWORD_RESET_LIMIT_PER_HOUR = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_HOUR", "5"))
# Two-factor authentication (TOTP) is required for national roles; set 0 only where
# an upstream identity provider already enforces a second factor.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = "Regio mbo"

# --- Content-Security-Policy (django-csp) and Permissions-Policy ---
# No inline scripts or styles anywhere: scripts and styles come from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
