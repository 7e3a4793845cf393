"""What the production settings make of the environment: Redis, S3 media, CDN purge."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DESCRIBE = """
import json
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "media_url": default_storage.url("original_images/bridge.jpg"),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "cache": type(caches["default"]).__name__,
    "renditions": type(caches["renditions"]).__name__,
    "frontend_cache": sorted(settings.WAGTAILFRONTENDCACHE),
    "frontend_cache_app": "wagtail.contrib.frontend_cache" in settings.INSTALLED_APPS,
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "redis_timeouts": [
        settings.CACHES["default"].get("OPTIONS", {}).get(name)
        for name in ("socket_connect_timeout", "socket_timeout")
    ],
}))
"""


def production(*args, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "REDIS_URL", "AWS_", "FRONTEND_CACHE", "CLOUDFLARE", "CACHE_DIR")
        )
    }
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.jp",
        **env_overrides,
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def describe(**env_overrides):
    result = production("shell", "--no-imports", "-c", DESCRIBE, **env_overrides)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_are_local_disk_and_a_cache_directory_shared_by_the_workers(tmp_path):
    found = describe(CACHE_DIR=str(tmp_path / "cache"))
    assert found["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    # Not each worker's own memory: a page changed through one worker would stay stale in
    # the others (tests/production/test_faults.py runs two servers).
    assert found["cache"] == "FileBasedCache"
    assert found["cache_location"] == str(tmp_path / "cache")
    assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o700
    assert found["renditions"] == "LocMemCache"
    assert found["frontend_cache"] == [] and not found["frontend_cache_app"]
    assert found["conn_max_age"] == 60


def test_s3_media_and_redis_from_the_environment():
    found = describe(
        REDIS_URL="redis://127.0.0.1:6379/5",
        AWS_STORAGE_BUCKET_NAME="sankaku-media",
        AWS_S3_CUSTOM_DOMAIN="media.example.jp",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
    )
    assert found["storage"] == "storages.backends.s3.S3Storage"
    assert found["media_url"] == "https://media.example.jp/media/original_images/bridge.jpg"
    assert "https://media.example.jp" in found["img_src"]
    assert found["cache"] == found["renditions"] == "RedisCache"
    assert all(0 < timeout <= 0.25 for timeout in found["redis_timeouts"])


def test_cdn_purge_is_configured_from_the_environment():
    found = describe(
        FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081/",
        CLOUDFLARE_ZONEID="zone",
        CLOUDFLARE_BEARER_TOKEN="token",
    )
    assert found["frontend_cache"] == ["cloudflare", "http"]
    assert found["frontend_cache_app"]


def test_a_cache_directory_the_workers_cannot_share_safely_refuses_to_start(tmp_path):
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("")
    result = production("check", CACHE_DIR=str(not_a_directory))
    assert result.returncode != 0
    assert f"CACHE_DIR {not_a_directory} cannot hold the cache shared by the workers" in (
        result.stderr
    )

    open_to_all = tmp_path / "shared"
    open_to_all.mkdir()
    open_to_all.chmod(0o777)
    result = production("check", CACHE_DIR=str(open_to_all))
    assert result.returncode != 0
    assert "writable by other users" in result.stderr


DATABASE_OPTIONS = """
import json
from django.conf import settings
print(json.dumps(settings.DATABASES["default"].get("OPTIONS", {})))
"""


def database_options(**env_overrides):
    result = production("shell", "--no-imports", "-c", DATABASE_OPTIONS, **env_overrides)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgresql_binds_parameters_on_the_server_so_statements_are_prepared(tmp_path):
    """psycopg prepares only statements whose parameters the server binds: without it,
    PostgreSQL plans every query of every page again (0.5–3 ms each)."""
    url = "postgres://postgres@127.0.0.1:5432/sankaku"
    cache = str(tmp_path / "cache")
    options = database_options(DATABASE_URL=url, CACHE_DIR=cache)
    assert options["server_side_binding"] is True
    # Django turns psycopg's preparing off unless a threshold is given.
    assert options["prepare_threshold"] == 5
    # Off for a connection pooler that cannot keep prepared statements.
    off = database_options(DATABASE_URL=url, CACHE_DIR=cache, DATABASE_SERVER_SIDE_BINDING="0")
    assert "server_side_binding" not in off and "prepare_threshold" not in off
    sqlite = database_options(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", CACHE_DIR=cache)
    assert "server_side_binding" not in sqlite


FROZEN_OBJECTS = """
import gc
before = gc.get_freeze_count()
from website.wsgi import application
print(before, gc.get_freeze_count())
"""


def test_the_workers_application_leaves_what_it_loaded_out_of_full_collections(tmp_path):
    """gunicorn's workers load website/wsgi.py: Django, Wagtail and the apps, loaded once,
    are frozen, so the collector's full passes do not walk them during a request."""
    result = production(
        "shell", "--no-imports", "-c", FROZEN_OBJECTS, CACHE_DIR=str(tmp_path / "cache")
    )
    assert result.returncode == 0, result.stderr
    before, after = map(int, result.stdout.split()[-2:])
    assert before == 0
    assert after > 100_000
