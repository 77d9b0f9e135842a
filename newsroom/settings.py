"""
Settings for every environment, read from environment variables (or a `.env` file).

`.env.example` lists each variable with its default; README.md explains them.
"""

import hashlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)


def required_in_production(name, cast=str, development_default=None):
    """Read a variable that may only fall back to a default while DEBUG is on."""
    if name in env.ENVIRON:
        return env.get_value(name, cast=cast)
    if DEBUG:
        return development_default
    raise ImproperlyConfigured(
        f"{name} must be set when DEBUG is off. "
        "Set it in the environment or in .env (see .env.example)."
    )


def gettext_noop(text):
    """
    Marks `text` for the translation catalogue (makemessages looks for the name);
    Django's own gettext_noop cannot run before the settings exist.
    """
    return text


SECRET_KEY = required_in_production(
    "SECRET_KEY", development_default="django-insecure-development-only"
)
ALLOWED_HOSTS = required_in_production(
    "ALLOWED_HOSTS", cast=list, development_default=[]
)
# Unset, it is where `make run` and `make serve` listen, so that `make run PORT=8001`
# gives canonical links that work.
SITE_URL = env.str(
    "SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}"
).rstrip("/")
SITE_NAME = env.str("SITE_NAME", default="Newsroom")
# The site's social accounts, "Name=address" pairs separated by commas, in the order
# the story page's "Follow us" line names them; none, no line.
FOLLOW_US = list(env.dict("FOLLOW_US", default={}).items())
if not all(url.startswith(("https://", "http://")) for _name, url in FOLLOW_US):
    raise ImproperlyConfigured(
        "FOLLOW_US must be Name=https://address pairs separated by commas, such as "
        "Facebook=https://www.facebook.com/newsroom,X=https://x.com/newsroom."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_prose_editor",
    "django.contrib.postgres",
    "taggit",
    "reversion",
    "django_tasks_db",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "articles.middleware.AdminContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "articles.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Cached pages leave here, with the headers above (Content-Length included)
    # and 304s, but none of the work below.
    "articles.pagecache.pages.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "django.template.context_processors.csp",
                "articles.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while a writer commits; IMMEDIATE takes the write
    # lock at BEGIN, so concurrent writers wait (up to `timeout` seconds) instead of
    # failing with "database is locked" halfway through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# Connections are kept between requests on SQLite too: opening one runs its pragmas
# and registers Django's SQL functions, which took longer than a story page's
# queries.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A PostgreSQL replica of the default database, which reader pages read from when
# it holds every change (articles/replica.py), and a reader's requests do not for
# REPLICA_STICKY_SECONDS after they wrote.
DATABASE_ROUTERS = []
if "DATABASE_REPLICA_URL" in env.ENVIRON:
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL") | {
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
    }
    DATABASE_ROUTERS = ["articles.replica.ReplicaRouter"]
REPLICA_STICKY_SECONDS = env.int("REPLICA_STICKY_SECONDS", default=10)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs (articles/tasks.py) wait in the default database until a worker,
# `manage.py db_worker`, runs them: photo renditions, scheduled stories' CDN purges,
# the daily erasure of comment data.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def shared_cache_folder():
    """
    This project's folder in the system temp dir, for the file cache. The cache
    unpickles what it finds there, so a folder that another user owns, or that
    others may write to, is refused.
    """
    digest = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"newsroom-cache-{digest}"
    folder.mkdir(mode=0o700, exist_ok=True)
    status = folder.lstat()
    if status.st_uid != os.getuid() or status.st_mode & 0o022:
        raise ImproperlyConfigured(
            f"{folder} belongs to another user or others may write to it. "
            "Remove it, or set CACHE_URL."
        )
    return str(folder)


# The cache: reader pages, the parts they are built from, comment rate limits.
# Unset, it is a folder that every process of the site on this machine shares
# (`make serve` runs several workers), so a change made through one is seen by all
# at once. Its room is ample: culling drops entries at random, the versions that
# tell a stale page from a fresh one among them (a page whose versions are gone is
# built again).
if "CACHE_URL" in env.ENVIRON:
    CACHES = {"default": env.cache("CACHE_URL")}
else:
    CACHES = {
        "default": {
            "BACKEND": "articles.pagecache.backends.SharedFileCache",
            "LOCATION": shared_cache_folder(),
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis that is down or does not answer within CACHE_TIMEOUT seconds is
    # left alone for CACHE_RETRY_SECONDS: pages are built without it meanwhile.
    CACHES["default"]["BACKEND"] = "articles.pagecache.backends.ResilientRedisCache"
CACHE_TIMEOUT = env.float("CACHE_TIMEOUT", default=0.25)
CACHE_RETRY_SECONDS = env.float("CACHE_RETRY_SECONDS", default=5.0)
# With Redis, each process keeps the pages it serves in its own memory too, up to
# this many megabytes, and Redis tells it when they change (client-side caching).
CACHE_LOCAL_MB = env.int("CACHE_LOCAL_MB", default=64)
if CACHE_TIMEOUT <= 0:
    raise ImproperlyConfigured("CACHE_TIMEOUT must be a number of seconds above 0.")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# A story's page is in the story's language (articles/views/); see README.md,
# "Languages". The translations live in articles/locale/.
LANGUAGES = [("en", "English"), ("he", "Hebrew")]
LOCALE_PATHS = [BASE_DIR / "articles" / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# The story body editor's own extension (articles.richtext.EDITOR_EXTENSIONS): the
# module the editor imports for it, and no HTML beyond the paragraphs it inserts.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("articles/gallery-picker.js")],
        "extensions": {"GalleryPicker": html_tags([])},
    }
]
STATIC_ROOT = BASE_DIR / "staticfiles"


def object_storage(url, media_url):
    """
    The storage of uploaded photos in the bucket of an S3-compatible object store
    that `url` names (s3://bucket/folder?endpoint_url=…&region_name=…), served
    to readers from `media_url`, the bucket's public address or a CDN in front
    of it. Addresses are never signed: a signature would be frozen into cached
    pages and expire there. Names are never reused, so browsers keep files.
    """
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ImproperlyConfigured(
            f"MEDIA_STORAGE_URL must be s3://bucket (optionally /folder and "
            f"?endpoint_url=…&region_name=…), not {url!r}."
        )
    options = dict(parse_qsl(parts.query))
    unknown = options.keys() - {"endpoint_url", "region_name", "addressing_style"}
    if unknown:
        raise ImproperlyConfigured(
            f"MEDIA_STORAGE_URL takes endpoint_url, region_name and "
            f"addressing_style, not {', '.join(sorted(unknown))}."
        )
    media = urlsplit(media_url)
    if media.scheme not in ("http", "https") or not media.netloc:
        raise ImproperlyConfigured(
            "MEDIA_URL must be the http:// or https:// address readers fetch "
            f"photos from when MEDIA_STORAGE_URL is set, not {media_url!r}."
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": parts.netloc,
            "location": parts.path.strip("/"),
            "custom_domain": media.netloc + media.path.rstrip("/"),
            "url_protocol": f"{media.scheme}:",
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {
                "CacheControl": "public, max-age=31536000, immutable"
            },
            **options,
        },
    }


def image_sources(media_url):
    """Where pages may load images from: the site, data: URLs, the media host."""
    media = urlsplit(media_url)
    media_host = [f"{media.scheme}://{media.netloc}"] if media.netloc else []
    return [CSP.SELF, "data:", *media_host]


# Uploaded photos and their renditions: on this server's disk (MEDIA_ROOT), served
# at /media/, unless MEDIA_STORAGE_URL names a bucket in an object store.
MEDIA_STORAGE_URL = env.str("MEDIA_STORAGE_URL", default="")
MEDIA_URL = env.str("MEDIA_URL", default="media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Let Django serve MEDIA_ROOT at MEDIA_URL, for when no web server in front does.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG) and not MEDIA_STORAGE_URL
STORAGES = {
    "default": (
        object_storage(MEDIA_STORAGE_URL, MEDIA_URL)
        if MEDIA_STORAGE_URL
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# HTTPS is on in production unless the site is explicitly served over plain HTTP.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads it: the comment form's token comes from /comments/form-tokens/.
CSRF_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Readers never need a session: messages travel in a signed cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
CSRF_FAILURE_VIEW = "articles.views.comments.csrf_failure"

# No inline script or style anywhere; the admin's own scripts carry the nonce.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": image_sources(MEDIA_URL),
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CSP_ADMIN = SECURE_CSP | {"style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}

# Admin login throttling: after AXES_FAILURE_LIMIT wrong attempts for one username
# from one address, that pair waits AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "errors/lockout.html"
AXES_CLIENT_IP_CALLABLE = "articles.abuse.client_address"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

LOGIN_URL = "admin:login"

TAGGIT_CASE_INSENSITIVE = True

ARTICLES_PER_PAGE = env.int("ARTICLES_PER_PAGE", default=20)

# Reader pages: how long the server keeps a page (also the CDN's s-maxage), and how
# long a browser may reuse one without asking again.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
BROWSER_CACHE_SECONDS = env.int("BROWSER_CACHE_SECONDS", default=60)
# The parts pages are built from (articles.pagecache.remember): their keys change
# with the content, so this only bounds how long an unused one takes up room.
PART_CACHE_SECONDS = env.int("PART_CACHE_SECONDS", default=3600)
# Search pages kept in the page cache: at most this many each PAGE_CACHE_SECONDS,
# and only the first SEARCH_PAGES_KEPT pages of a search (articles.views.search).
SEARCH_CACHE_PAGES = env.int("SEARCH_CACHE_PAGES", default=1000)
SEARCH_PAGES_KEPT = env.int("SEARCH_PAGES_KEPT", default=3)

# How often a live story's open page asks for new updates (articles/static/articles/
# live.js); a CDN may keep the answer half as long.
LIVE_POLL_SECONDS = env.int("LIVE_POLL_SECONDS", default=10)
if LIVE_POLL_SECONDS < 1:
    raise ImproperlyConfigured("LIVE_POLL_SECONDS must be a whole number from 1 up.")

# The CDN in front, told which pages a write made stale (articles.pagecache.purge):
# "none", "varnish" (PURGE with xkey-purge, newsroom/varnish.vcl) or "http"
# (POST {"tags": [...]}, as Cloudflare's purge by tag takes it).
CDN_PURGER = env.str("CDN_PURGER", default="none")
CDN_PURGE_URL = env.str("CDN_PURGE_URL", default="")
CDN_PURGE_TOKEN = env.str("CDN_PURGE_TOKEN", default="")
CDN_PURGE_TIMEOUT = env.float("CDN_PURGE_TIMEOUT", default=2.0)
if CDN_PURGER not in ("none", "varnish", "http"):
    raise ImproperlyConfigured(
        f"CDN_PURGER must be none, varnish or http, not {CDN_PURGER!r}."
    )
if CDN_PURGER != "none" and not CDN_PURGE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"CDN_PURGE_URL must be an http:// or https:// address when CDN_PURGER "
        f"is {CDN_PURGER}."
    )
if CDN_PURGE_TIMEOUT <= 0:
    raise ImproperlyConfigured("CDN_PURGE_TIMEOUT must be a number of seconds above 0.")

# Set by `make bench` only: adds the minimal view pages are measured against.
BENCHMARK = env.bool("BENCHMARK", default=False)

# Uploaded photos: larger files, or images with more pixels (all frames counted),
# are refused before they are decoded.
PHOTO_MAX_UPLOAD_BYTES = env.int("PHOTO_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=50_000_000)
# Files one bulk upload may hold; a larger upload is refused with a form error.
# Django's own limit, above it, answers 400 to anything beyond reason.
PHOTO_MAX_FILES_PER_UPLOAD = env.int("PHOTO_MAX_FILES_PER_UPLOAD", default=100)
DATA_UPLOAD_MAX_NUMBER_FILES = max(1000, 2 * PHOTO_MAX_FILES_PER_UPLOAD)

# Reader comments: README.md explains each of these.
COMMENT_POLICY_VERSION = env.str("COMMENT_POLICY_VERSION", default="2026-11")


# The default is translated on pages in other languages; a text of the site's own
# is shown as written.
COMMENT_POLICY_TEXT = env.str(
    "COMMENT_POLICY_TEXT",
    default=gettext_noop(
        "I agree to the privacy policy and the terms of use, and I will not post "
        "incitement, libel or anything beyond the accepted norms of debate."
    ),
)
COMMENT_MAX_LENGTH = env.int("COMMENT_MAX_LENGTH", default=2000)
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=14)
COMMENT_LINKS_TO_FLAG = env.int("COMMENT_LINKS_TO_FLAG", default=2)
COMMENT_MIN_SECONDS = env.int("COMMENT_MIN_SECONDS", default=3)
COMMENT_FORM_MAX_AGE = env.int("COMMENT_FORM_MAX_AGE", default=12 * 60 * 60)
COMMENT_RATE_LIMIT = env.int("COMMENT_RATE_LIMIT", default=5)
COMMENT_RATE_PERIOD = env.int("COMMENT_RATE_PERIOD", default=60)
COMMENT_DATA_RETENTION_DAYS = env.int("COMMENT_DATA_RETENTION_DAYS", default=90)
# Automatic approval: a commenter with this many comments approved, and none rejected
# or spammed, in the last COMMENT_AUTO_APPROVE_DAYS days. 0 turns it off.
COMMENT_AUTO_APPROVE_AFTER = env.int("COMMENT_AUTO_APPROVE_AFTER", default=0)
COMMENT_AUTO_APPROVE_DAYS = env.int("COMMENT_AUTO_APPROVE_DAYS", default=90)
# Readers' reports of a comment: a reader's reports per period (seconds), and the
# readers whose reports hide a comment until a moderator decides.
COMMENT_REPORT_RATE_LIMIT = env.int("COMMENT_REPORT_RATE_LIMIT", default=5)
COMMENT_REPORT_RATE_PERIOD = env.int("COMMENT_REPORT_RATE_PERIOD", default=3600)
COMMENT_REPORTS_TO_HIDE = env.int("COMMENT_REPORTS_TO_HIDE", default=3)
# Domains shared by many people: banning one needs a moderator's confirmation.
COMMENT_FREE_MAIL_DOMAINS = env.list(
    "COMMENT_FREE_MAIL_DOMAINS",
    default=[
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.net",
        "mail.ru",
        "yandex.ru",
        "walla.co.il",
        "walla.com",
    ],
)
# How many proxies in front of the site append to X-Forwarded-For. With 0 the
# header is ignored, so a reader cannot pick the address rate limits count.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Most read: reads counted per client address per minute, and how often the list
# is ranked again.
READ_RATE_LIMIT = env.int("READ_RATE_LIMIT", default=30)
MOST_READ_SECONDS = env.int("MOST_READ_SECONDS", default=300)
if MOST_READ_SECONDS <= 0:
    raise ImproperlyConfigured("MOST_READ_SECONDS must be a number of seconds above 0.")
