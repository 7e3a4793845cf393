"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL names it."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Background tasks run at once, in the test's process (tests/website/test_worker.py runs the
# database queue and its worker).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from their sources, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# One media folder per test process (a pytest-xdist worker, or a run without workers): each
# removes its own when it finishes, and two runs in one checkout never share one.
MEDIA_ROOT = BASE_DIR / f".test-media-{os.environ.get('PYTEST_XDIST_WORKER', os.getpid())}"  # noqa: F405
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not SQLite's shared in-memory database, so that threads in the concurrency
    # tests see real locking with the IMMEDIATE transaction mode and busy timeout.
    # One file per test run (pytest-xdist adds its worker's name), so that two runs in one
    # checkout never write to the same file; SQLITE_TEST_NAME names it, e.g. for --reuse-db.
    test_name = os.environ.get("SQLITE_TEST_NAME", f".test-db-{os.getpid()}.sqlite3")
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / test_name)}  # noqa: F405

# === Production side =====================================================================
# Off for the suite as a whole, so tests that change data with QuerySet.update() or move
# "now" between two requests see fresh pages; tests/production turns each back on.
PAGE_CACHE_ENABLED = False
FRAGMENT_CACHE_ENABLED = False
# Django's test client logs in without a request, which django-axes refuses.
AXES_ENABLED = False
