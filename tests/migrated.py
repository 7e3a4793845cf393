"""A migrated SQLite database for the tests that run `manage.py` in processes of their own.

Wagtail's migrations take about a minute on the CI machine, and the live site of the browser
tests, the SQLite backup test and the two-server fault test each need a fresh database. The
first of them migrates one, kept under artifacts/ for this set of migration files; the others,
in any pytest-xdist worker, wait for it and copy it.
"""

import fcntl
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "artifacts" / ".migrated"


def migrations_fingerprint():
    import django
    import wagtail

    digest = hashlib.sha256(f"{django.__version__} {wagtail.__version__}".encode())
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def copy_migrated_database(target):
    """Write a migrated, empty SQLite database to `target`."""
    CACHE.mkdir(parents=True, exist_ok=True)
    migrated = CACHE / f"{migrations_fingerprint()}.sqlite3"
    with open(CACHE / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not migrated.exists():
            for old in CACHE.glob("*.sqlite3"):
                old.unlink()
            partial = migrated.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            _migrate(partial)
            partial.rename(migrated)
    source, copy = sqlite3.connect(migrated), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def _migrate(database):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="website.settings.dev", DATABASE_URL=f"sqlite:///{database}")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=900,
    )
