#!/usr/bin/env python
"""Where a cold page render spends its time: no page cache, no fragment cache.

1. Builds the bench data set once (the same steps as scripts/bench.py: migrate, load_demo,
   load_bench_data) in a throw-away SQLite file, or reuses it with --workdir.
2. In this process, with the production settings (DEBUG off) and both caches off, renders
   every page type N times with Django's test Client, one request at a time, and prints the
   p50 in ms (wall clock and CPU), the SQL queries and the Python function calls of one
   render.
3. With --profile NAME (repeatable, or "all"), runs that page under cProfile and prints the
   top functions by cumulative and by own time (--top lines each).

    .venv/bin/python scripts/profile_cold.py --workdir /tmp/sankaku-cold -n 30
    .venv/bin/python scripts/profile_cold.py --workdir /tmp/sankaku-cold --profile "home page"
"""

import argparse
import cProfile
import io
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench import production_environment, run  # noqa: E402

# name → a path, or "page:<app>.<Model>" for the newest live page of that type
# ("page:<app>.<Model>|<sub-path>" for one of its own URLs).
TARGETS = [
    ("home page", "/"),
    ("news list", "page:news.NewsIndexPage"),
    ("news page", "page:news.NewsPage"),
    ("case list", "page:casestudies.CaseStudyIndexPage"),
    ("case facets", "page:casestudies.CaseStudyIndexPage|?area=kinki&model=1"),
    ("case study", "page:casestudies.CaseStudyPage"),
    ("event list", "page:events.EventIndexPage"),
    ("event calendar", "page:events.EventIndexPage|calendar/"),
    ("event page", "page:events.EventPage"),
    ("lesson list", "page:outreach.LessonIndexPage"),
    ("lesson page", "page:outreach.LessonPage"),
    ("KPI dashboard", "page:kpi.KpiDashboardPage"),
    ("forum page", "/forums/kinki/"),
    ("standard page", "page:website.StandardPage"),
    ("search", "/search/?q=" + quote("インフラ")),
]


def environment(workdir, database_url):
    return {
        **production_environment(workdir, database_url),
        "PAGE_CACHE_ENABLED": "0",
        "FRAGMENT_CACHE_ENABLED": "0",
    }


def build_data_set(env, workdir, database_url):
    # The ready mark holds the database URL, so a PostgreSQL data set is reused too.
    ready = workdir / "data-set-ready"
    if ready.exists() and ready.read_text() == database_url:
        print(f"  reusing the data set in {database_url}")
        return
    manage = [sys.executable, "manage.py"]
    run([*manage, "migrate", "--noinput"], env, "migrate")
    run([*manage, "load_demo"], env, "load_demo")
    print(run([*manage, "load_bench_data"], env, "load_bench_data").rstrip())
    run([*manage, "collectstatic", "--noinput"], env, "collectstatic")
    ready.write_text(database_url)


def resolve(spec):
    from django.apps import apps
    from django.conf import settings

    if not spec.startswith("page:"):
        return spec
    label, _, sub_path = spec[len("page:") :].partition("|")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    # The Japanese pages (the bench data), not the demo's English translations.
    page = (
        model.objects.live()
        .public()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("-last_published_at", "-pk")
        .first()
    )
    return page.url + sub_path if page else None


def measure(client, path, repeat, show_sql=False):
    from django.db import connection

    for _ in range(3):  # templates loaded, per-process caches (Site root paths…) warm
        response = client.get(path)
        if response.status_code != 200:
            return response.status_code, None, None, None, None
    # Counted by a wrapper: Django empties connection.queries when each request starts.
    queries = []

    def count(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((sql, (time.perf_counter() - started) * 1000))

    with connection.execute_wrapper(count):
        client.get(path)
    if show_sql:
        for sql, ms in queries:
            print(f"    {ms:5.2f} ms  {sql[:60]} … {sql[-260:]}")
    # Function calls of one render: the steadiest measure of the Python work when the
    # machine is busy and the clocks are not.
    profiler = cProfile.Profile()
    profiler.runcall(client.get, path)
    calls = pstats.Stats(profiler).total_calls
    timings, cpu_timings = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        cpu_timings.append((time.process_time() - cpu_started) * 1000)
    return 200, statistics.median(timings), statistics.median(cpu_timings), len(queries), calls


def package_of(filename):
    """'django/db/models/sql' for a file of Django's SQL compiler, 'builtins' for C code."""
    if filename.startswith(("~", "<")):
        return "builtins"
    parts = Path(filename).parts
    for anchor in ("site-packages", "main", "python3.11"):
        if anchor in parts:
            parts = parts[parts.index(anchor) + 1 :]
            break
    return "/".join(parts[: 4 if parts[:1] == ("django",) else 2][:-1] or parts[-1:])


def print_time_by_package(profiler, name, path, repeat):
    own_time = {}
    for (filename, _, _), (_, _, tottime, _, _) in pstats.Stats(profiler).stats.items():
        package = package_of(filename)
        own_time[package] = own_time.get(package, 0) + tottime
    total = sum(own_time.values())
    print(f"\n== {name} ({path}), {repeat} renders, own time by package ==")
    for package, seconds in sorted(own_time.items(), key=lambda item: -item[1])[:20]:
        print(f"  {seconds / total:6.1%}  {seconds * 1000 / repeat:6.2f} ms  {package}")


def profile(client, name, path, repeat, top):
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(path)
    profiler.disable()
    print_time_by_package(profiler, name, path, repeat)
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(top)
        print(f"\n== {name} ({path}), {repeat} renders, by {order} ==")
        print(out.getvalue().split("\n", 4)[-1].rstrip())


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--repeat", type=int, default=20, help="renders per page")
    parser.add_argument("--workdir", type=Path, help="keep the data set here and reuse it")
    parser.add_argument("--database-url", default="", help="default: SQLite in the workdir")
    parser.add_argument("--page", action="append", default=[], help="only these page types")
    parser.add_argument("--profile", action="append", default=[], metavar="NAME")
    parser.add_argument("--sql", action="store_true", help="print each page's queries")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()

    keep = args.workdir is not None
    workdir = (args.workdir or Path(tempfile.mkdtemp(prefix="sankaku-cold-"))).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = environment(workdir, database_url)
    try:
        print(f"== Data set ({database_url.split('://')[0]}) ==")
        build_data_set(env, workdir, database_url)

        os.environ.clear()
        os.environ.update(env)
        os.chdir(ROOT)
        import django

        django.setup()
        from django.conf import settings
        from django.test import Client

        assert not settings.DEBUG
        assert not settings.PAGE_CACHE_ENABLED and not settings.FRAGMENT_CACHE_ENABLED

        client = Client()
        wanted = [t for t in TARGETS if not args.page or t[0] in args.page]
        print(f"\n== cold renders, in process, p50 of {args.repeat} ==")
        # CPU time too: on a busy machine the wall clock also counts other processes' turns.
        print(f"{'page':<16} {'p50 ms':>7} {'CPU ms':>7} {'queries':>7} {'calls':>7}  path")
        resolved = []
        for name, spec in wanted:
            path = resolve(spec)
            if path is None:
                print(f"{name:<16} {'-':>7} {'-':>7} {'-':>7} {'-':>7}  no live page")
                continue
            status, p50, cpu, count, calls = measure(client, path, args.repeat, args.sql)
            if status != 200:
                print(f"{name:<16} {'-':>7} {'-':>7} {'-':>7} {'-':>7}  {path} answered {status}")
                continue
            resolved.append((name, path))
            print(f"{name:<16} {p50:7.1f} {cpu:7.1f} {count:7d} {calls:7d}  {path}")
        for name, path in resolved:
            if name in args.profile or "all" in args.profile:
                profile(client, name, path, args.repeat, args.top)
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
