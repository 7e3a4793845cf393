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
}))
"""


def describe(**env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_URL", "AWS_", "FRONTEND_CACHE", "CLOUDFLARE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.jp",
        **env_overrides,
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", DESCRIBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_are_local_disk_and_memory():
    found = describe()
    assert found["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["cache"] == found["renditions"] == "LocMemCache"
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


def test_cdn_purge_is_configured_from_the_environment():
    found = describe(
        FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081/",
        CLOUDFLARE_ZONEID="zone",
        CLOUDFLARE_BEARER_TOKEN="token",
    )
    assert found["frontend_cache"] == ["cloudflare", "http"]
    assert found["frontend_cache_app"]
