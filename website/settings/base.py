"""Settings shared by every environment.

What differs between machines comes from environment variables; the dev, test and
production modules only choose safe defaults for their purpose.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

# The apps of this project; the others are installed packages. Every model of these is
# content (saving one clears the page cache, website/cache.py) and 広報部会's to review, but
# those the secretariat_permissions hook names: 事務局's only (website/teams.py).
PROJECT_APPS = [
    "website",
    "news",
    "casestudies",
    "events",
    "outreach",
    "kpi",
    "members",
    "matching",
    "mailings",
]

INSTALLED_APPS = [
    *PROJECT_APPS,
    # An English version: pages translated segment by segment in the admin.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    # 検索のおすすめ: pages that editors put above the results for a search term.
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "django_tasks",
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    # Only its Japanese: the admin says when a page was sent for approval with humanize's
    # words (「1分前」), which without this app stayed English ("a minute ago").
    "django.contrib.humanize",
    # runserver serves static files through WhiteNoise too, inside the guarded WSGI
    # application (website/wsgi.py), as gunicorn does, not through Django's own handler.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Django's, with select boxes rendered in Python (website/forms.py): same markup, a tenth of the time.
FORM_RENDERER = "website.forms.FormRenderer"

WSGI_APPLICATION = "website.wsgi.application"

# SQLite is the embedded default. IMMEDIATE transactions take the write lock at BEGIN, so
# concurrent form submissions wait for each other (up to the timeout) instead of failing
# half-way with "database is locked".
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
# A lock held longer than DATABASE_LOCK_TIMEOUT seconds answers 503 「混み合っています」
# (website/busy.py). On PostgreSQL it is the session's lock_timeout, below gunicorn's
# --timeout; 0 leaves it unset (e.g. behind a PgBouncer that refuses startup options).
DATABASE_LOCK_TIMEOUT = float(os.environ.get("DATABASE_LOCK_TIMEOUT", "20"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": DATABASE_LOCK_TIMEOUT,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif "postgresql" in DATABASES["default"]["ENGINE"]:
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    if DATABASE_LOCK_TIMEOUT:
        database_options["options"] = (
            f"{database_options.get('options', '')} "
            f"-c lock_timeout={int(DATABASE_LOCK_TIMEOUT * 1000)}"
        ).strip()
    # Parameters bound by the server let psycopg prepare a statement the connection has run
    # five times (Django leaves prepare_threshold unset, which never prepares), so PostgreSQL
    # stops planning the same page queries on every request: planning took 0.5–3 ms a
    # query, and the database's CPU time per cold page fell by a quarter to a third.
    if os.environ.get("DATABASE_SERVER_SIDE_BINDING", "1") != "0":
        database_options["server_side_binding"] = True
        database_options["prepare_threshold"] = 5

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
# Django's Japanese formats, one changed (website/formats/ja/formats.py).
FORMAT_MODULE_PATH = ["website.formats"]
# Japanese at the root, English under /en/ (website/urls.py, website/i18n.py).
LANGUAGES = [("ja", "日本語"), ("en", "English")]
# Our Japanese for admin strings Wagtail's catalogue lacks (scripts/admin_translations.py);
# the English of the public interface, whose source strings are Japanese (locale/en/).
# LOCALE_PATHS come before every app's own catalogue.
LOCALE_PATHS = [BASE_DIR / "website" / "locale", BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_root"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: console in development, SMTP from the environment in production. Every message is
# queued (website/mail.py) and delivered by the background worker with EMAIL_DELIVERY_BACKEND.
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_BACKEND = "website.mail.QueuedEmailBackend"

# Background work (Django's task framework, the django-tasks backport): e-mail delivery and
# scheduled publishing run on "background", a queue in the database that `manage.py
# run_worker` works through. Wagtail's own tasks (search and reference index updates) stay on
# "default", run immediately as before.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "インフラメンテナンス国民会議 <no-reply@example.jp>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where staff notifications (new bookings, registrations) go.
STAFF_NOTIFICATION_EMAILS = env_list("STAFF_NOTIFICATION_EMAILS", "secretariat@example.jp")

# === public submissions (website/submissions.py): registrations and bookings ===
# How long the private link in a registrant's or teacher's e-mail works.
PRIVATE_LINK_DAYS = int(
    os.environ.get("PRIVATE_LINK_DAYS", os.environ.get("OUTREACH_BOOKING_LINK_DAYS", "400"))
)
# Submissions per IP, per seconds, for each public form; only those that pass the form's
# checks count. Bookings and registrations allow more: the teachers of a school or an
# education board often reach the site through one shared address.
SUBMISSION_RATE_LIMITS = {
    "events.registration": (30, 60 * 60),
    "outreach.booking": (30, 60 * 60),
    "matching.needs_survey": (10, 60 * 60),
}
# Loggers that write request paths: private-link keys are redacted from their records.
REDACTED_LOGGERS = [
    "django.request",
    "django.server",
    "django.security.csrf",
    "django.security.DisallowedHost",
    "gunicorn.access",
    "gunicorn.error",
]
# === end public submissions ===

# === outreach (school visit lessons) ===
# For how many fiscal years after the lesson's fiscal year personal data of bookings is kept
# (purge_booking_personal_data).
OUTREACH_RETENTION_FISCAL_YEARS = int(os.environ.get("OUTREACH_RETENTION_FISCAL_YEARS", "2"))
# === end outreach ===

# === members ===
# The first fiscal year whose 自治体会員数 is computed from the membership register; the
# years before keep their entered figures.
MEMBERS_REGISTER_FROM_FISCAL_YEAR = int(os.environ.get("MEMBERS_REGISTER_FROM_FISCAL_YEAR", "2021"))
# Members' accounts (django-allauth): log in by e-mail address, no sign-up (the secretariat
# invites), Japanese pages in templates/account/. Login failures are counted by django-axes,
# as for the admin (the AXES_* settings below), not by allauth's own login limit.
INSTALLED_APPS += ["allauth", "allauth.account"]
MIDDLEWARE.append("allauth.account.middleware.AccountMiddleware")
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members_mypage"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
ACCOUNT_ADAPTER = "members.accounts.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "members.forms.LoginForm",
    "reset_password": "members.forms.ResetPasswordForm",
    "change_password": "members.forms.ChangePasswordForm",
    "reset_password_from_key": "members.forms.ResetPasswordKeyForm",
    "reauthenticate": "members.forms.ReauthenticateForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
# The login page, which is never cached, says 「ログアウトしました。」 (members/accounts.py).
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
# A reset asked for an unknown address sends nothing (the site has no sign-up to offer).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {"login_failed": False}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "［インフラメンテナンス国民会議］"
# Sessions end when the browser closes, and after SESSION_HOURS of the site in any case.
ACCOUNT_SESSION_REMEMBER = False
SESSION_COOKIE_AGE = int(float(os.environ.get("SESSION_HOURS", "8")) * 60 * 60)
# An optional second factor for members who want it (allauth.mfa): an authenticator app's
# codes (TOTP) and recovery codes. Wrong codes are counted as wrong passwords are
# (members.forms.CountedCodeMixin), since allauth's own count is off (login_failed above).
INSTALLED_APPS += ["allauth.mfa"]
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# The secretariat registers each login address and the invitation mailed there proves it;
# the site verifies no address itself, so allauth's check (which a password reset request
# leaves pending, for ever) would keep members from setting up a second factor.
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_TOTP_ISSUER = "インフラメンテナンス国民会議"
MFA_FORMS = {
    "authenticate": "members.forms.MfaAuthenticateForm",
    "reauthenticate": "members.forms.MfaReauthenticateForm",
    "activate_totp": "members.forms.ActivateTOTPForm",
}
# How long an invitation link works (Django's password-reset tokens: one use, then void).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("INVITATION_LINK_DAYS", "7")) * 24 * 60 * 60
# === end members ===

# === mailings: 情報発信メール ===
# How long a confirmation link works, and at most one new mail per address per interval.
MAILINGS_CONFIRM_LINK_DAYS = int(os.environ.get("MAILINGS_CONFIRM_LINK_DAYS", "7"))
MAILINGS_CONFIRMATION_INTERVAL_MINUTES = int(
    os.environ.get("MAILINGS_CONFIRMATION_INTERVAL_MINUTES", "15")
)
# Unsubscribed and never-confirmed addresses are erased after this many days (Japan dates).
MAILINGS_RETENTION_DAYS = int(os.environ.get("MAILINGS_RETENTION_DAYS", "30"))
# Sending: messages per batch, at most this many a second (0: as fast as the server takes
# them), attempts per address, first back-off in seconds (doubling), a worker's claim.
MAILINGS_BATCH_SIZE = int(os.environ.get("MAILINGS_BATCH_SIZE", "200"))
MAILINGS_RATE_PER_SECOND = float(os.environ.get("MAILINGS_RATE_PER_SECOND", "20"))
MAILINGS_MAX_ATTEMPTS = int(os.environ.get("MAILINGS_MAX_ATTEMPTS", "5"))
MAILINGS_RETRY_SECONDS = int(os.environ.get("MAILINGS_RETRY_SECONDS", "60"))
MAILINGS_LEASE_SECONDS = int(os.environ.get("MAILINGS_LEASE_SECONDS", "600"))
MAILINGS_FROM_EMAIL = os.environ.get("MAILINGS_FROM_EMAIL", "")
SUBMISSION_RATE_LIMITS["mailings.subscribe"] = (10, 60 * 60)
# Subscribers and the send log are on no public page: their writes keep the page cache.
PAGE_CACHE_IGNORED_MODELS_MAILINGS = ["mailings.Subscriber", "mailings.Delivery"]
# === end mailings ===

# Wagtail
WAGTAIL_SITE_NAME = "インフラメンテナンス国民会議"
# The one address every absolute URL the site prints is built on (website.addresses): the
# sitemap, feeds, e-mails, JSON-LD, canonical and og: links; never the request's Host header.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "") or SITE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Slugs are ASCII (never percent-encoded Japanese); a blank one is made from the date, forum
# and kind of page (website/admin_forms.py).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ja", "日本語"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# A submission is announced to 広報部会, who approve it. With superusers included, Wagtail
# mails each superuser twice (once for the workflow, once for its task).
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# Editors' avatars are Wagtail's own image, not Gravatar's: a Gravatar address carries a hash
# of the editor's e-mail address to a third party, and over plain http the admin's
# Content-Security-Policy (https: images only) showed it as a broken image.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin lives at a path operators may change, so it is not where bots look first.
WAGTAIL_ADMIN_PATH = os.environ.get("WAGTAIL_ADMIN_PATH", "admin/").strip("/") + "/"
# Search: the database backend, taught to find Japanese words (website/search/).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "website.search.backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# A description (alt text) or "decorative" for every image (website/image_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "website.image_forms.ImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp", "gif": "webp"}
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Caches: renditions get their own alias so a busy page never evicts them (Django's
# local-memory default keeps only 300 entries, which brings back one query per image).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "sankaku-default",
    },
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "sankaku-renditions",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
    # Each worker's own memory, also in production (website/fragments.py).
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "sankaku-fragments",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
}


def redis_caches(url, key_prefix):
    """The caches kept in Redis (production with REDIS_URL; tests of its failures).

    Redis only speeds the site up: past a short timeout (REDIS_TIMEOUT seconds, connecting
    or reading) it is left alone for REDIS_RETRY_SECONDS and pages come from the database
    (website/redis_cache.py)."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    # Not shorter: on a loaded 2-core server Redis answered later than 50 ms (make bench), and
    # giving it up then renders every page from the database and, when it answers again,
    # starts a new content generation: the whole site cold at the peak. A Redis that really
    # hangs costs each process this long once per REDIS_RETRY_SECONDS.
    timeout = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
    options = {
        "socket_connect_timeout": timeout,
        "socket_timeout": timeout,
        "retry": Retry(NoBackoff(), 0),  # the circuit breaker decides when to try again
        "retry_seconds": float(os.environ.get("REDIS_RETRY_SECONDS", "10")),
    }
    return {
        "default": {
            "BACKEND": "website.redis_cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": options,
        },
        # Its own alias and prefix, so pages never evict renditions.
        "renditions": {
            "BACKEND": "website.redis_cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix + "-renditions",
            "TIMEOUT": 60 * 60 * 24 * 7,
            "OPTIONS": options,
        },
    }


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "sankaku": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Wagtail's preview views allow same-origin framing themselves; nothing else may be framed.
X_FRAME_OPTIONS = "DENY"

# === Production side: page cache, security headers, login protection ====================
# Kept in one block so it merges cleanly; see README "Deployment" for the environment.
INSTALLED_APPS += ["csp", "axes"]
# First of all: a hit skips every other middleware. The stored page already carries the
# headers they add (security headers, CSP); static files and media pass straight through.
MIDDLEWARE.insert(0, "website.cache.PageCacheMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.clickjacking.XFrameOptionsMiddleware"),
    "website.security.ContentSecurityPolicyMiddleware",
)
# The view restrictions read at most once per request (website/visibility.py).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.common.CommonMiddleware") + 1,
    "website.visibility.ViewRestrictionsMiddleware",
)
# A database lock held past its timeout: a 503 that re-offers the form (website/busy.py).
MIDDLEWARE.append("website.busy.DatabaseBusyMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # turns a locked-out login into a 429 page

# Full-page cache of anonymous GET responses (website/cache.py); invalidated on every change.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_ALIAS = "default"
# Sections and the menu, shared by every visitor (website/fragments.py).
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", default=True)
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "60"))
FRAGMENT_CACHE_ALIAS = "fragments"
# Visitors carrying the session cookie or one of these see pages made for them (logins,
# page passwords, flash messages): they always get a fresh page.
PAGE_CACHE_BYPASS_COOKIES = ["messages"]
ADMIN_URL_PREFIXES = [WAGTAIL_ADMIN_PATH, "django-admin/"]
PAGE_CACHE_EXCLUDED_PATHS = [f"/{prefix}" for prefix in ADMIN_URL_PREFIXES] + ["/_util/"]
# Models of the project's apps that change nothing public (e.g. "outreach.MailLog").
PAGE_CACHE_IGNORED_MODELS = [*PAGE_CACHE_IGNORED_MODELS_MAILINGS]

# Content-Security-Policy (django-csp 4). The public site runs only our own script files;
# JSON-LD (<script type="application/ld+json">) is data, not script, so it needs nothing.
# Inline style attributes stay allowed for Wagtail's responsive video embeds.
CSP_VIDEO_FRAMES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'", *CSP_VIDEO_FRAMES],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin uses inline scripts and styles, and previews of embeds and images.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "frame-src": ["'self'", *CSP_VIDEO_FRAMES],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login brute-force protection (django-axes): 5 failures for one user name from one address
# lock that pair out for 30 minutes, with a Japanese page (templates/axes/lockout.html).
AUTHENTICATION_BACKENDS = [
    # AxesBackend is a ModelBackend too, so sessions made by force_login (tests, admin tools) resolve.
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Members log in with their e-mail address (members.accounts).
    "allauth.account.auth_backends.AuthenticationBackend",
]
# The admin's form sends "username", the members' login form (allauth) an "email".
AXES_USERNAME_CALLABLE = "members.accounts.login_name"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_CLIENT_IP_CALLABLE = "website.ratelimit.client_ip"
AXES_VERBOSE = False
# Page and document passwords (Wagtail's password view restrictions) get the same allowance: after this
# many wrong guesses from one address for one restriction, every guess (the right one too)
# is refused for the rest of the period (website.views.authenticate_with_password).
PAGE_PASSWORD_RATE_LIMIT = (AXES_FAILURE_LIMIT, int(AXES_COOLOFF_TIME * 60 * 60))
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "website/password_required.html"
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = "website/password_required.html"

# Behind a reverse proxy, client addresses (rate limits, login lockouts) come from
# X-Forwarded-For: set TRUST_X_FORWARDED_FOR=1 only when every request passes through
# TRUSTED_PROXY_COUNT proxies that append to that header, or visitors could forge it.
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

# Uploads in the admin: only images and office documents, with size limits (above), and no
# decompression bombs.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# === end production side ================================================================
