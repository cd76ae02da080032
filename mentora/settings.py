"""Mentora's settings: everything that differs between machines comes from environment variables.

Every variable is listed, with its meaning, in `.env.example`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP

from mentora.config import (
    ConfigurationError,
    development_secret_key,
    env_bool,
    env_csp_sources,
    env_int,
    env_list,
    env_str,
    redis_url_for_test_worker,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
TESTING = "pytest" in sys.modules or env_bool("MENTORA_TESTING", default=False)

DEBUG = env_bool("DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "") or development_secret_key(VAR_DIR)
else:
    try:
        SECRET_KEY = env_str("SECRET_KEY")
    except ConfigurationError:
        raise ConfigurationError(
            "SECRET_KEY must be set when DEBUG is false: generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'` "
            "and put it in the environment."
        ) from None

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks_db",
    "mentora.accounts",
    "mentora.site",
    "mentora.programs",
    "mentora.profiles",
    "mentora.relationships",
    "mentora.notifications",
    "mentora.matching",
    "mentora.finding",
    "mentora.surveys",
    "mentora.reports",
    "mentora.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "mentora.lib.headers.PermissionsPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mentora.accounts.middleware.UserTimezoneMiddleware",
]

if not DEBUG:
    # Production serves the collected static files itself (`manage.py collectstatic`).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "mentora.urls"
WSGI_APPLICATION = "mentora.wsgi.application"
ASGI_APPLICATION = "mentora.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "mentora" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # `csp_nonce` for the script and style elements that carry one (htmx, admin...).
                "django.template.context_processors.csp",
                "mentora.accounts.context_processors.navigation",
                "mentora.notifications.context_processors.unread",
            ],
        },
    },
]

# Databases: SQLite under var/ by default; DATABASE_URL selects PostgreSQL in production and CI.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'mentora.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            # WAL lets the web server and the task worker read while the other writes.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth): email is the login, verified before first use.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_RATE_LIMITS = {
    # Throttle log-in attempts: after 5 failures for one account, wait 5 minutes.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Mentora] "
LOGIN_REDIRECT_URL = "home"
# Sign-up hashes the password even when the address has an account (no timing tells which).
ACCOUNT_FORMS = {"signup": "mentora.accounts.forms.SignupForm"}
LOGIN_URL = "account_login"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Mentora"

# Email: Django's mailers (the MAILERS setting of Django 6.1). In development messages are
# written as files under var/mail so that a newcomer can open the verification link.
EMAIL_BACKEND_NAME = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_email_options: dict[str, object] = {}
if EMAIL_BACKEND_NAME.endswith("filebased.EmailBackend"):
    _email_options["file_path"] = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
elif EMAIL_BACKEND_NAME.endswith("smtp.EmailBackend"):
    _email_options.update(
        host=env_str("EMAIL_HOST", "localhost"),
        port=env_int("EMAIL_PORT", default=25),
        username=env_str("EMAIL_HOST_USER", ""),
        password=env_str("EMAIL_HOST_PASSWORD", ""),
        use_tls=env_bool("EMAIL_USE_TLS", default=False),
        use_ssl=env_bool("EMAIL_USE_SSL", default=False),
    )
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_NAME, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Mentora <mentora@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "mentora" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded files are private: only a view that checked permission serves them (lib/files.py).
# django streams them itself; nginx (X-Accel-Redirect) or apache (X-Sendfile) hands the sending
# to the web server, which must map PRIVATE_FILES_INTERNAL_URL to MEDIA_ROOT as internal only.
PRIVATE_FILES_SERVER = env_str("PRIVATE_FILES_SERVER", "django")
if PRIVATE_FILES_SERVER not in {"django", "nginx", "apache"}:
    raise ConfigurationError(
        f"PRIVATE_FILES_SERVER={PRIVATE_FILES_SERVER!r} is not django, nginx or apache."
    )
PRIVATE_FILES_INTERNAL_URL = env_str("PRIVATE_FILES_INTERNAL_URL", "/protected-media/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Who may create an organisation: "staff" (site staff only, the default) or "approval" (anyone
# signed in may ask; the organisation can set nothing up until a staff member approves it in the
# admin). The page, the REST API and commands all go through programs' organisation_create.
ORGANISATION_CREATION = env_str("ORGANISATION_CREATION", "staff")
if ORGANISATION_CREATION not in {"staff", "approval"}:
    raise ConfigurationError(
        f"ORGANISATION_CREATION={ORGANISATION_CREATION!r} is not staff or approval."
    )

# Background work: Django's tasks framework with the database backend; `make run` starts a worker.
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend"
        if TESTING
        else "django_tasks_db.DatabaseBackend",
    }
}

# The daily jobs `manage.py run_daily_tasks` runs (or enqueues); each is idempotent.
MENTORA_DAILY_TASKS = [
    "mentora.relationships.tasks.relationship_health",
    "mentora.notifications.tasks.send_notification_digest",
    "mentora.finding.tasks.expire_requests",
    "mentora.surveys.tasks.survey_schedule",
    "mentora.accounts.tasks.purge_api_tokens",
]

# Seconds without a heartbeat after which the worker of a match run (or of a large publish) counts
# as lost: the run fails, or the draft is a draft again, and a new run may start at once. The
# worker beats every few seconds; keep this well under a minute (docs/match-runs.md).
MENTORA_MATCH_RUN_LOST_AFTER = env_int("MATCH_RUN_LOST_AFTER", default=20)
if not 5 <= MENTORA_MATCH_RUN_LOST_AFTER <= 600:
    raise ConfigurationError(
        f"MATCH_RUN_LOST_AFTER={MENTORA_MATCH_RUN_LOST_AFTER} must be from 5 to 600 seconds."
    )

REST_FRAMEWORK = {
    # Token first: an unauthenticated call then gets 401 with `WWW-Authenticate: Token` (with
    # the session first, DRF has no challenge to send and answers 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "mentora.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # A service's ValidationError becomes a 400 in this one place.
    "EXCEPTION_HANDLER": "mentora.lib.api.exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Mentora API",
    "DESCRIPTION": "Organisations, programs, enrollments and profiles of Mentora.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Names for choice sets that share a field name; see mentora/api/schema.py.
    "ENUM_NAME_OVERRIDES": {
        "EnrollmentRoleEnum": "mentora.programs.models.Enrollment.Role",
        "InvitationRoleEnum": "mentora.programs.models.Invitation.Role",
        "ParticipantInvitationRoleEnum": "mentora.api.schema.PARTICIPANT_INVITATION_ROLES",
        "ProgramKindEnum": "mentora.programs.models.Program.Kind",
        "ProgramStateEnum": "mentora.programs.models.Program.State",
        "QuestionKindEnum": "mentora.programs.models.Question.Kind",
        "PreferenceEnum": "mentora.profiles.choices.Preference",
    },
}

# Caches, API tokens and log-in limits (this block is the accounts' own).
# One cache that every server process shares: log-in and two-factor attempt limits and the
# two-factor codes already used live there, so they hold however many processes serve the site.
# Redis when REDIS_URL is set; otherwise a table of the database (`manage.py createcachetable`,
# run by `make setup`; Django's test databases create it themselves).
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL and TESTING and os.environ.get("PYTEST_XDIST_WORKER"):
    # Each parallel test worker empties the cache between tests: give each a database of its own.
    REDIS_URL = redis_url_for_test_worker(REDIS_URL, os.environ["PYTEST_XDIST_WORKER"])
CACHES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "mentora_cache"}
}
# Days an API token works after it is issued (a new log-in issues a new one).
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", default=90)
if not 1 <= API_TOKEN_DAYS <= 3650:
    raise ConfigurationError(f"API_TOKEN_DAYS={API_TOKEN_DAYS} must be from 1 to 3650 days.")

# Production hardening, active whenever DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response (docs/deployment.md, "Security headers"): everything
# comes from this site; a script or <style> element runs only from a file here or with the
# request's nonce; nothing inline otherwise and no eval. Violations are reported to
# /csp-report/ and logged. The API's documentation pages carry their own policy (mentora/api).
# An operator adds a host (an analytics service, say) through the CSP_*_SRC variables.
CSP_REPORT_PATH = "/csp-report/"
SECURE_CSP: dict[str, list[str] | str] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE, *env_csp_sources("CSP_SCRIPT_SRC")],
    "style-src": [CSP.SELF, CSP.NONCE, *env_csp_sources("CSP_STYLE_SRC")],
    "img-src": [CSP.SELF, "data:", *env_csp_sources("CSP_IMG_SRC")],
    "font-src": [CSP.SELF, *env_csp_sources("CSP_FONT_SRC")],
    "connect-src": [CSP.SELF, *env_csp_sources("CSP_CONNECT_SRC")],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "report-uri": CSP_REPORT_PATH,
}
# Browser features no page of Mentora uses, switched off for the site and anything it embeds.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
