"""Settings of the demo server that the browser tests drive (started by tests/browser/conftest.py).

The server is a separate process on its own SQLite file, so the demo content it serves never
mixes with the pytest database of the other tests. Sent e-mails are written to files so a
journey can read them (``live_site.sent_mail()``).
"""

import os
from pathlib import Path

from website.settings.test import *  # noqa: F403

_state = Path(os.environ["BROWSER_TEST_STATE_DIR"])

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(_state / "db.sqlite3"),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }
}
MEDIA_ROOT = _state / "media"
EMAIL_BACKEND = "website.mail.QueuedEmailBackend"  # delivered at once (the test settings' tasks)
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = str(_state / "mail")
ROOT_URLCONF = "tests.browser.urls"
# Each browser context sends its own X-Forwarded-For address (see conftest.py), so per-IP
# rate limits count each test as a different visitor instead of all of them as 127.0.0.1.
TRUST_X_FORWARDED_FOR = True
# Login lockouts as in production (tests/browser/test_members.py counts five wrong passwords).
AXES_ENABLED = True
WAGTAILADMIN_BASE_URL = os.environ.get("BROWSER_TEST_BASE_URL", "http://127.0.0.1")
# As in production: the tests walk the site with its page and fragment caches on. The page
# cache and its content generation live in files shared with `live_site.shell()`, as Redis is
# shared by every worker in production, so a change made there is seen by the server at once.
PAGE_CACHE_ENABLED = True
FRAGMENT_CACHE_ENABLED = True
CACHES = {
    **CACHES,  # noqa: F405
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(_state / "cache"),
    },
}
# The background worker a journey starts beside the server (tests/browser/test_journeys.py)
# works through the database queue, as in production; the server itself keeps running tasks
# at once (its e-mails land in the mail folder straight away).
if os.environ.get("BROWSER_TEST_WORKER"):
    TASKS = {
        **TASKS,  # noqa: F405
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
