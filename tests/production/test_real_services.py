"""The production settings against the machine's real PostgreSQL and Redis, and backups.

Each step runs `manage.py` in a subprocess, as an app server would, on a scratch database.
A missing PostgreSQL or Redis is a failure, never a skip. TEST_POSTGRES_URL and
TEST_REDIS_URL point elsewhere if needed.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import redis

from tests.migrated import copy_migrated_database

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")

# One worker builds the production set-up (migrate, collectstatic, demo) for the whole module.
pytestmark = [pytest.mark.real_services, pytest.mark.xdist_group("real_services")]


def manage(*args, env, timeout=600):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def probe(code, env):
    """Run Python inside Django (a new process, like another app server) and read its JSON."""
    output = manage("shell", "--no-imports", "-c", code, env=env)
    return json.loads(output.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def redis_prefix():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis is unreachable at {REDIS_URL}: {error}")
    prefix = f"sankaku-test-{secrets.token_hex(4)}"
    yield prefix
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


@pytest.fixture(scope="module")
def scratch_database():
    name = f"sankaku_prodcheck_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=5)
    except psycopg.Error as error:
        pytest.fail(f"PostgreSQL is unreachable at {POSTGRES_URL}: {error}")
    admin.execute(f'CREATE DATABASE "{name}"')
    yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


# The site's own demo and the news with their pictures: pages, forums and media files, a
# fifth of the whole demo's loading time (tests/website/test_demo.py checks the whole demo).
LOAD_SITE_AND_NEWS_DEMO = """
from news.demo import load as load_news
from website import demo
load_news(demo.load(), None)
"""


@pytest.fixture(scope="module")
def production_env(scratch_database, redis_prefix, tmp_path_factory):
    """A migrated production setup with demo content and collected static files."""
    files = tmp_path_factory.mktemp("production")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "AWS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver,localhost",
        DATABASE_URL=scratch_database,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=redis_prefix,
        STATIC_ROOT=str(files / "static"),
        MEDIA_ROOT=str(files / "media"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)
    manage("shell", "--no-imports", "-c", LOAD_SITE_AND_NEWS_DEMO, env=env)
    return env


FETCH_HOME = """
import json
from django.core.cache import caches
from django.test import Client
response = Client().get("/", secure=True)
print(json.dumps({
    "status": response.status_code,
    "x_cache": response.get("X-Cache"),
    "title_shown": "インフラメンテナンス" in response.content.decode(),
    "cache_backend": type(caches["default"]).__name__,
    "renditions_backend": type(caches["renditions"]).__name__,
    "hsts": response.get("Strict-Transport-Security"),
    "nosniff": response.get("X-Content-Type-Options"),
    "referrer": response.get("Referrer-Policy"),
    "csp": response.get("Content-Security-Policy"),
}))
"""


def test_production_settings_serve_from_postgresql_and_share_the_cache_in_redis(
    production_env, redis_prefix
):
    first = probe(FETCH_HOME, production_env)
    assert first["status"] == 200 and first["title_shown"]
    assert first["x_cache"] == "MISS"
    assert first["cache_backend"] == first["renditions_backend"] == "RedisCache"

    # Another process (another worker or app server) finds the page in Redis.
    second = probe(FETCH_HOME, production_env)
    assert second["x_cache"] == "HIT"
    assert second["hsts"].startswith("max-age=31536000")
    assert second["nosniff"] == "nosniff"
    assert second["referrer"] == "strict-origin-when-cross-origin"
    assert "script-src 'self'" in second["csp"] and "frame-ancestors 'none'" in second["csp"]
    keys = redis.Redis.from_url(REDIS_URL).keys(f"{redis_prefix}:*pagecache*")
    assert keys, "the page cache is not in Redis"

    # An editor's change in yet another process is seen by everyone on the next request.
    probe(
        "from website.models import Forum; f = Forum.objects.get(slug='kinki'); "
        "f.name = '近畿本部フォーラム（改称）'; f.save(); print('{}')",
        production_env,
    )
    third = probe(
        FETCH_HOME.replace('"インフラメンテナンス"', '"近畿本部フォーラム（改称）"'), production_env
    )
    assert third["x_cache"] == "MISS" and third["title_shown"]


def test_rate_limit_counters_are_shared_between_processes(production_env):
    count = """
import json
from django.test import RequestFactory
from website import ratelimit
request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.44")
print(json.dumps([ratelimit.hit(request, "shared-test", limit=3, period=60) for _ in range(2)]))
"""
    assert probe(count, production_env) == [False, False]
    assert probe(count, production_env) == [False, True]


def test_deploy_check_is_clean_with_redis_and_postgresql(production_env):
    output = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env)
    assert "no issues" in output


COUNT_CONTENT = """
import json
from pathlib import Path
from django.conf import settings
from wagtail.images.models import Image
from wagtail.models import Page
from website.models import Forum
print(json.dumps({
    "pages": sorted(Page.objects.values_list("url_path", flat=True)),
    "forums": Forum.objects.count(),
    "images": Image.objects.count(),
    "media_files": sum(1 for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()),
}))
"""

DAMAGE = """
from pathlib import Path
import shutil
from django.conf import settings
from wagtail.models import Page
from website.models import Forum
from matching.models import Matching, Need, NeedsSurvey, OperationalStory
# Pages and the matching platform's records first: they protect the forum they name.
for page in Page.objects.filter(depth=3):
    page.delete()
for model in (Matching, Need, NeedsSurvey, OperationalStory):
    model.objects.all().delete()
Forum.objects.all().delete()
shutil.rmtree(Path(settings.MEDIA_ROOT) / "original_images")
print("{}")
"""


def backup_and_restore(env, backups):
    before = probe(COUNT_CONTENT, env)
    assert before["forums"] == 15 and before["images"] > 0 and before["media_files"] > 0
    manage("backup_site", "--output-dir", str(backups), env=env)
    (backup,) = backups.iterdir()
    probe(DAMAGE, env)
    damaged = probe(COUNT_CONTENT, env)
    assert damaged["forums"] == 0 and len(damaged["pages"]) < len(before["pages"])
    manage("restore_site", "--noinput", str(backup), env=env)
    assert probe(COUNT_CONTENT, env) == before


def test_backup_and_restore_of_the_demo_database_on_postgresql(production_env, tmp_path):
    backup_and_restore(production_env, tmp_path / "backups")


def test_backup_and_restore_of_the_demo_database_on_sqlite(tmp_path):
    """SQLite's online backup, in processes of their own like `make run` and an operator."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "MEDIA_ROOT"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    copy_migrated_database(tmp_path / "site.sqlite3")
    manage("shell", "--no-imports", "-c", LOAD_SITE_AND_NEWS_DEMO, env=env)
    backup_and_restore(env, tmp_path / "backups")


def test_restore_refuses_something_that_is_not_a_backup(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.dev", DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "restore_site", "--noinput", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "バックアップではありません" in result.stderr


def test_the_redis_cache_keeps_one_client_instead_of_building_one_per_call(redis_prefix):
    from website.redis_cache import RedisCache

    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": redis_prefix})
    cache.set("page", {"generation": "a1", "content": "本文"}, 30)
    assert cache.get("page") == {"generation": "a1", "content": "本文"}
    assert cache.add("counter", 1) and cache.incr("counter") == 2
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.delete_many(["page", "counter"])
    assert cache.get("page") is None


def test_the_generations_are_read_from_the_server_every_time(redis_prefix):
    from website import cache as page_cache_module
    from website.redis_cache import RedisCache

    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": redis_prefix})
    other_worker = RedisCache(REDIS_URL, {"KEY_PREFIX": redis_prefix})
    generations = page_cache_module.current_generations(cache)
    assert page_cache_module.current_generations(other_worker) == generations
    other_worker.set(page_cache_module.GENERATION_KEY, "changed", None)
    assert page_cache_module.current_generations(cache)["content"] == "changed"


def test_a_page_cache_hit_reads_the_generations_and_the_page_in_one_round_trip(redis_prefix):
    from website import cache as page_cache_module
    from website.redis_cache import RedisCache

    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": redis_prefix})
    generations = page_cache_module.current_generations(cache)
    assert set(generations) == {"content", "registrations", "bookings", "kpi"}
    cache.set("page", "kept", None)
    client = cache._cache.get_client()
    sent = []
    execute = client.execute_command
    client.execute_command = lambda *args, **kwargs: sent.append(args) or execute(*args, **kwargs)
    assert page_cache_module.generations_and(cache, "page") == (generations, {"page": "kept"})
    assert [command for command, *_ in sent] == ["MGET"]
    assert len(sent[0]) == 6  # the four generations' keys and the page's
