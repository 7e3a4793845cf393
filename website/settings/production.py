"""Production: everything comes from the environment, and an unsafe setup refuses to start."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from website.addresses import clean_site_url

from .base import *  # noqa: F403
from .base import env_bool, redis_caches

DEBUG = False

if not SECRET_KEY or SECRET_KEY.startswith("django-insecure"):  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set to a long random value in production.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names in production.")

# The public address: SITE_URL, else https:// and the first of ALLOWED_HOSTS when that is
# one host name (not a wildcard).
if not os.environ.get("SITE_URL"):
    first_host = ALLOWED_HOSTS[0]  # noqa: F405
    if first_host.startswith(".") or "*" in first_host:
        raise ImproperlyConfigured(
            "SITE_URL must be set (e.g. https://www.example.jp) when ALLOWED_HOSTS starts "
            "with a wildcard."
        )
    SITE_URL = f"https://{first_host}"
try:
    SITE_URL = clean_site_url(SITE_URL)  # noqa: F405
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from error
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "") or SITE_URL

CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS]  # noqa: F405

# HTTPS is terminated at the proxy in front of the app servers.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"


EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")

LOGGING["root"]["level"] = "INFO"  # noqa: F405

# === Production side: shared cache, media storage, CDN purge =============================
# Keep database connections open between requests (and check them before reuse).
for database in DATABASES.values():  # noqa: F405
    if "CONN_MAX_AGE" not in os.environ:
        database["CONN_MAX_AGE"] = 60
    database["CONN_HEALTH_CHECKS"] = True

# Redis holds the page cache, its content generation and rate-limit counters for every app
# server; renditions get their own alias (and key prefix) so pages never evict them. Redis
# only speeds the site up: past a short timeout it is skipped for REDIS_RETRY_SECONDS and
# pages are rendered from the database (website/redis_cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "sankaku")
if REDIS_URL:
    CACHES = {
        **redis_caches(REDIS_URL, CACHE_KEY_PREFIX),
        "fragments": CACHES["fragments"],  # noqa: F405
    }
else:
    # Every worker of this server must see the same content generation (and rate-limit
    # counters), or a page changed through one worker is served stale by the others: a
    # directory they all share, readable by this user only (its files are unpickled).
    CACHE_DIR = Path(os.environ.get("CACHE_DIR", BASE_DIR / "cache"))  # noqa: F405
    try:
        CACHE_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not os.access(CACHE_DIR, os.W_OK):
            raise PermissionError("not writable")
        if CACHE_DIR.stat().st_mode & 0o022:
            raise PermissionError("writable by other users; chmod 700 it")
    except OSError as error:
        raise ImproperlyConfigured(
            f"CACHE_DIR {CACHE_DIR} cannot hold the cache shared by the workers ({error}). "
            "Set CACHE_DIR to a directory of this user's own, or set REDIS_URL."
        ) from error
    CACHES = {
        **CACHES,  # noqa: F405
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

# Uploaded media on S3-compatible object storage, so several app servers share it
# (pip install ".[s3]"). Off unless AWS_STORAGE_BUCKET_NAME is set.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "media")
    AWS_DEFAULT_ACL = None  # the bucket's policy decides
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", default=False)
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "max-age=86400"}
    STORAGES = {**STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}  # noqa: F405
    media_origin = (
        f"https://{AWS_S3_CUSTOM_DOMAIN}"
        if AWS_S3_CUSTOM_DOMAIN
        else (AWS_S3_ENDPOINT_URL or "https://*.amazonaws.com")
    )
    for policy in (CONTENT_SECURITY_POLICY, ADMIN_CONTENT_SECURITY_POLICY):  # noqa: F405
        for directive in ("img-src", "media-src"):
            policy["DIRECTIVES"][directive] = [*policy["DIRECTIVES"][directive], media_origin]

# Optional CDN in front of the site: Wagtail purges a page's URLs when it is published.
# FRONTEND_CACHE_PURGE_URL (Varnish/nginx-style PURGE endpoint) or Cloudflare credentials.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS += ["wagtail.contrib.frontend_cache"]  # noqa: F405
# === end production side =================================================================
