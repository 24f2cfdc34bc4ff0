"""Settings for kldigital, read from the environment (see .env.example).

Development, CI and production differ only in their environment variables.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from js_asset import Script

from kldigital import services

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "KL.digital Nachrichten"
# The organisation behind the portal: publisher in structured data, feeds and PDF metadata.
SITE_PUBLISHER = {
    "name": env.str("SITE_PUBLISHER_NAME", default="KL.digital GmbH"),
    "logo": "img/publisher-logo.png",  # a static file, square, at least 112 px
}
# Shown and shared for articles without an image of their own.
SITE_DEFAULT_IMAGE = "img/default-article.png"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    "reversion",
    "kldigital.apps.AxesConfig",  # axes under a German name in the admin menu
    "csp",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "people",
    "news",
    "kldigital",  # project-wide management commands: backup, restore
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "news.printing.fastpath.StoredPdfMiddleware",  # stored PDFs, before sessions and the rest
    "news.caching.PageCacheMiddleware",
    "kldigital.routers.PinToPrimaryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kldigital.i18n.LocaleMiddleware",  # the language comes from the path alone
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kldigital.urls"
WSGI_APPLICATION = "kldigital.wsgi.application"

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
                "news.context_processors.site",
            ],
            "libraries": {"kldigital_i18n": "kldigital.i18n"},
            # {% url %} reversing each address once per language (kldigital/templatetags).
            "builtins": ["kldigital.templatetags.reversing"],
        },
    },
]

# The backing services come from the environment (kldigital/services.py says how and why):
# DATABASE_URL (+ replicas, timeouts), REDIS_URL or the embedded cache, the task queue.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=3)
DATABASE_STATEMENT_TIMEOUT = env.int("DATABASE_STATEMENT_TIMEOUT", default=10)  # 0: none
DATABASES = services.databases(
    env,
    BASE_DIR,
    connect_timeout=DATABASE_CONNECT_TIMEOUT,
    statement_timeout=DATABASE_STATEMENT_TIMEOUT,
)
DATABASE_ROUTERS = ["kldigital.routers.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
CACHES = services.caches(env, BASE_DIR, REDIS_URL)

TASKS_BACKEND = env.str("DJANGO_TASKS_BACKEND", default="") or ("rq" if REDIS_URL else "database")
TASKS = services.tasks(TASKS_BACKEND, REDIS_URL)
# RQ shares REDIS_URL with the cache (its keys start with "rq:"); a job may run 5 minutes.
# The queues' state is not an editorial matter; PDF failures show on the article itself.
RQ_SHOW_ADMIN_LINK = False
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 300}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins before checking
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "DJANGO_PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    ],
)

LANGUAGE_CODE = "de"
# The public interface's languages, named in their own language for the switcher; German is
# the source (unprefixed URLs), the others live under /en/, /ar/, /uk/ (kldigital/i18n.py).
LANGUAGES = [("de", "Deutsch"), ("en", "English"), ("ar", "العربية"), ("uk", "Українська")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["kldigital.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible object storage (pip install ".[s3]"); credentials come from the
# standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables.
MEDIA_S3_BUCKET = env.str("DJANGO_MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env.str("DJANGO_MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("DJANGO_MEDIA_S3_REGION", default="") or None,
            "custom_domain": env.str("DJANGO_MEDIA_S3_CUSTOM_DOMAIN", default="") or None,
            "querystring_auth": False,  # public article images, cacheable by any proxy
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }
# Behind deploy/nginx/ with local media: a stored PDF is answered with X-Accel-Redirect to
# this internal prefix and nginx sends the file (off: Django streams it itself).
MEDIA_X_ACCEL_REDIRECT = env.bool("DJANGO_X_ACCEL_REDIRECT", default=False) and not MEDIA_S3_BUCKET
MEDIA_X_ACCEL_PREFIX = "/_kldigital/media/"
WHITENOISE_MAX_AGE = 60 * 60  # unfingerprinted files; fingerprinted ones are cached forever

EMAIL_HOST = env.str("EMAIL_HOST", default="")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env.int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    # The port says how a server speaks: 587 submission with STARTTLS, 465 TLS from the first
    # byte (SMTPS), 25 and others plain. Either variable overrides; Django refuses both on.
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
    EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="KL.digital <redaktion@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: safe defaults outside debug; a TLS proxy in front sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the app append to X-Forwarded-For; 0 trusts REMOTE_ADDR only.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXIES", default=0)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Cookies only over https; 0 only for a plain-http set-up such as a loopback test.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "kldigital.errors.csrf_failure"  # German, and says what the reader can do
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy: everything from our own origin; inline scripts only with a nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Admin logins: after 5 wrong passwords for one account from one address, a pause of an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# The same client address as every other limit (behind DJANGO_TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "kldigital.abuse.client_address"
AXES_VERBOSE = False

TAGGIT_CASE_INSENSITIVE = True

# The admin's body editor: django-prose-editor's editor, started by our German preset.
DJANGO_PROSE_EDITOR_PRESETS = {
    "kldigital": [
        Script("django_prose_editor/editor.js", type="module"),
        Script("admin/js/prose_editor.js", type="module"),
    ]
}

from kldigital.portal_settings import *  # noqa: E402, F403 (NEWS_*: the portal's own knobs)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"omit_traceback": {"()": "kldigital.errors.OmitTraceback"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # One line, not a traceback, for a foreign Host header or a database outage.
        "django.security.DisallowedHost": {"filters": ["omit_traceback"]},
        "django.request": {"filters": ["omit_traceback"]},
        # WeasyPrint narrates every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
