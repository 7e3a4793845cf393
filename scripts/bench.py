#!/usr/bin/env python
"""`make bench`: how fast the site serves under load, with and without the page cache.

1. A fresh database (SQLite in a temporary directory, or --database-url), migrated, with
   the demo content (`load_demo`) and every app's large data set (`load_bench_data`, the
   "website_bench_data" hook: news 1,000, case studies 500, events 500, lessons 50, and
   1,000 standard pages from the foundation).
2. gunicorn on 127.0.0.1 with the production settings (DEBUG off), three times: with no cache
   at all ("cold"), with the page cache off and the fragment cache on
   ("uncached"), and with both on ("cached": Redis when --redis-url answers, else each
   worker's own memory).
3. For each URL, a bounded load (--concurrency connections for --duration seconds; from wrk
   when it is installed, as issue 21 measured, else from Python threads on the same cores),
   and the same for a static file served by whitenoise in the same server run: the ceiling.
   Cold and uncached also time each page one request at a time ("alone").

Prints requests/s and p50/p95/p99 latency, the ratios to the static file, and the targets of
issues 9 and 21. This is a measurement, not a test: it only talks to 127.0.0.1.

`--registrations` measures only the cached server, each URL first idle, then while a
registration for an event arrives every second: the page-cache hit rate and
requests/s of the pages that show no places must stay at 95 % or more and within 10 % of
the idle figure.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRK = shutil.which("wrk")

# name → a path, or "page:<app>.<Model>" for the URL of the newest live page of that type
# ("page:<app>.<Model>|<sub-path>" for one of its own URLs).
DEFAULT_TARGETS = [
    ("home page", "/"),
    ("news list", "page:news.NewsIndexPage"),
    ("case study", "page:casestudies.CaseStudyPage"),
    ("event list", "page:events.EventIndexPage"),
    ("event calendar", "page:events.EventIndexPage|calendar/"),
    ("KPI dashboard", "page:kpi.KpiDashboardPage"),
    ("search", "/search/?q=" + quote("インフラ")),
    ("forum page", "/forums/kinki/"),
    ("standard page", "page:website.StandardPage"),
]
LIST_PAGES = {"home page", "news list", "event list", "event calendar", "search", "forum page"}
# Pages that a registration refreshes (website/cache.py: the "registrations" scope).
PLACES_PAGES = {"event list", "event calendar"}
STATIC_PATH = "/static/css/site.css"

RESOLVE_TARGETS = """
import json, os
from django.apps import apps
from django.conf import settings
found = {}
for name, spec in json.loads(os.environ["BENCH_TARGETS"]):
    if not spec.startswith("page:"):
        found[name] = [spec, None]
        continue
    label, _, sub_path = spec[len("page:"):].partition("|")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        found[name] = [None, f"{label} is not installed yet"]
        continue
    # The Japanese pages (the bench data), not the demo's English translations.
    page = (
        model.objects.live()
        .public()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("-last_published_at", "-pk")
        .first()
    )
    found[name] = [page.url + sub_path, None] if page else [None, f"no live {label} page"]
print(json.dumps(found))
"""


@dataclass
class Result:
    name: str
    path: str
    latencies: list = field(default_factory=list)
    errors: int = 0
    hits: int = 0
    elapsed: float = 0.0
    cache_header: str = ""
    alone: "Result | None" = None  # the same URL on one connection (uncached runs only)
    answered: int = 0  # 200 responses
    wrk_percentiles: dict = field(default_factory=dict)  # {fraction: ms}, when wrk measured

    @property
    def rps(self):
        return self.answered / self.elapsed if self.elapsed else 0.0

    def percentile(self, fraction):
        if fraction in self.wrk_percentiles:
            return self.wrk_percentiles[fraction]
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] * 1000


def request_once(port, path, host="127.0.0.1"):
    """One HTTP/1.1 request on a new connection (gunicorn's sync workers close each one)."""
    with socket.create_connection((host, port), timeout=30) as connection:
        connection.sendall(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n"
            "User-Agent: sankaku-bench\r\n\r\n".encode()
        )
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    response = b"".join(chunks)
    head = response.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    status = int(head.split(" ", 2)[1])
    headers = dict(line.split(": ", 1) for line in head.split("\r\n")[1:] if ": " in line)
    return status, {key.lower(): value for key, value in headers.items()}


def drive(port, name, path, *, concurrency, duration, max_requests):
    """Keep `concurrency` connections busy for `duration` seconds (or max_requests in all):
    with wrk when it is installed, as issue 21 measured (`wrk -t1 -c8`), else with Python
    threads, which take a share of the same cores (and no max_requests for wrk)."""
    if WRK and concurrency > 1:
        return drive_with_wrk(port, name, path, concurrency=concurrency, duration=duration)
    result = Result(name, path)
    lock = threading.Lock()
    deadline = time.perf_counter() + duration
    budget = [max_requests]

    def worker():
        while time.perf_counter() < deadline:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            started = time.perf_counter()
            try:
                status, headers = request_once(port, path)
            except OSError:
                status, headers = 0, {}
            took = time.perf_counter() - started
            with lock:
                if status == 200:
                    result.latencies.append(took)
                    result.cache_header = headers.get("x-cache", result.cache_header)
                    result.hits += headers.get("x-cache") == "HIT"
                else:
                    result.errors += 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - started
    result.answered = len(result.latencies)
    return result


def drive_with_wrk(port, name, path, *, concurrency, duration):
    """One wrk thread (a C event loop: most of the cores stay the server's), its figures
    read from scripts/wrk_report.lua."""
    completed = subprocess.run(
        [WRK, "-t1", f"-c{concurrency}", f"-d{max(duration, 1):g}s", "--timeout", "30s"]
        + ["-s", str(ROOT / "scripts" / "wrk_report.lua"), f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    return Result(
        name,
        path,
        answered=report["requests"] - report["non_2xx"],
        errors=report["non_2xx"] + report["failed"],
        hits=report["hits"],
        elapsed=report["seconds"],
        cache_header=report["cache_header"],
        wrk_percentiles={0.5: report["p50"], 0.95: report["p95"], 0.99: report["p99"]},
    )


def production_environment(workdir, database_url):
    """The production settings on the loopback, over plain HTTP, with this data set's files."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "DATABASE_URL", "REDIS_URL", "PAGE_CACHE", "FRAGMENT_CACHE")
        )
    }
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on the loopback
        DATABASE_URL=database_url,
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return env


def run(command, env, label):
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.exit(f"{label} failed:\n{completed.stdout}\n{completed.stderr}")
    print(f"  {label}: {time.perf_counter() - started:.1f} s")
    return completed.stdout


def redis_answers(url):
    try:
        import redis

        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001 - any failure means "no Redis"
        return False


def start_gunicorn(env, port, workers):
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "website.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(200):
        try:
            if request_once(port, "/robots.txt")[0] == 200:
                return process
        except OSError:
            pass
        if process.poll() is not None:
            sys.exit("gunicorn did not start")
        time.sleep(0.1)
    stop_gunicorn(process)
    sys.exit("gunicorn did not answer in 20 s")


def stop_gunicorn(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def drive_alone(args, name, path):
    """How long one page takes to render, with no other request queued beside it."""
    return drive(
        args.port,
        name,
        path,
        concurrency=1,
        duration=min(args.duration, 3.0),
        max_requests=args.max_requests,
    )


def measure_cold(env, targets, args):
    """Each page with no cache at all: what the first visitor after a content change
    waits for, one request at a time, and the requests/s at --concurrency connections, against
    the static file of the same server run."""
    env = {**env, "PAGE_CACHE_ENABLED": "0", "FRAGMENT_CACHE_ENABLED": "0"}
    print(
        f"\n== cold (page and fragment caches off): gunicorn, {args.workers} workers, "
        f"{args.concurrency} connections, {args.duration:g} s per URL =="
    )
    server = start_gunicorn(env, args.port, args.workers)
    results = {}
    try:
        for name, path in [("static file", STATIC_PATH), *targets]:
            for _ in range(5):
                request_once(args.port, path)
            result = drive(
                args.port,
                name,
                path,
                concurrency=args.concurrency,
                duration=args.duration,
                max_requests=args.max_requests,
            )
            result.alone = drive_alone(args, name, path)
            results[name] = result
            print(
                f"  {name:<16} {result.rps:8.1f} req/s  alone p50 "
                f"{result.alone.percentile(0.5):6.1f} ms  errors {result.errors}"
            )
    finally:
        stop_gunicorn(server)
    return results


def measure(env, targets, args, cached):
    env = {**env, "PAGE_CACHE_ENABLED": "1" if cached else "0"}
    # "uncached": the full-page cache is off; the fragment cache (sections, menu, footer,
    # cards, routes) stays on, as it does in production for visitors the page cache cannot
    # serve (editors, visitors with a session, pages with forms).
    mode = "cached" if cached else "uncached (page cache off, fragment cache on)"
    print(
        f"\n== {mode}: gunicorn, {args.workers} workers, {args.concurrency} connections, "
        f"{args.duration:g} s per URL =="
    )
    server = start_gunicorn(env, args.port, args.workers)
    results = {}
    try:
        for name, path in [("static file", STATIC_PATH), *targets]:
            for _ in range(args.warmup):  # fills the cache in every worker, loads templates
                request_once(args.port, path)
            result = drive(
                args.port,
                name,
                path,
                concurrency=args.concurrency,
                duration=args.duration,
                max_requests=args.max_requests,
            )
            if not cached:
                result.alone = drive_alone(args, name, path)
            results[name] = result
            alone = f"  alone p50 {result.alone.percentile(0.5):6.1f} ms" if not cached else ""
            print(
                f"  {name:<16} {result.rps:8.1f} req/s  p50 {result.percentile(0.5):6.1f} ms"
                f"  p95 {result.percentile(0.95):6.1f} ms  p99 {result.percentile(0.99):6.1f} ms"
                f"{alone}  errors {result.errors}  X-Cache {result.cache_header or '-'}"
            )
    finally:
        stop_gunicorn(server)
    return results


# Run by `manage.py shell` beside the load: while the flag file exists, one registration a
# second, as the site's form would store it (post_save, so the "registrations" generation is
# replaced each time).
REGISTER_EVERY_SECOND = """
import itertools, os, secrets, time
from django.utils import timezone
from events.models import EventPage, Registration
event = EventPage.objects.live().order_by("-start").first()
run = secrets.token_hex(4)
print("ready", flush=True)
for number in itertools.count():
    while not os.path.exists(os.environ["BENCH_REGISTER_FLAG"]):
        time.sleep(0.05)
    Registration.objects.create(
        event=event, name="ベンチ 太郎", email=f"bench-{run}-{number}@example.jp",
        participant_type=Registration.ParticipantType.CITIZEN, consented_at=timezone.now(),
    )
    print(number + 1, flush=True)
    time.sleep(1)
"""


def measure_under_registrations(env, targets, args, workdir):
    """Each URL cached: idle, while a registration arrives every second, idle again (the
    phases alternate, so that the load of the machine weighs on both alike)."""
    flag = workdir / "register-now"
    flag.unlink(missing_ok=True)
    env = {**env, "PAGE_CACHE_ENABLED": "1", "BENCH_REGISTER_FLAG": str(flag)}
    print(
        f"\n== cached, idle and with a registration a second: gunicorn, {args.workers} workers, "
        f"{args.concurrency} connections, {args.duration:g} s per URL and phase =="
    )
    server = start_gunicorn(env, args.port, args.workers)
    feeder = subprocess.Popen(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", REGISTER_EVERY_SECOND],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    feeder.stdout.readline()  # "ready"
    stored = threading.Semaphore(0)  # released for each registration stored

    def count_registrations():
        for _ in feeder.stdout:
            stored.release()

    threading.Thread(target=count_registrations, daemon=True).start()
    registrations = 0
    results = {}

    def load(name, path):
        return drive(
            args.port,
            name,
            path,
            concurrency=args.concurrency,
            duration=args.duration,
            max_requests=args.max_requests,
        )

    try:
        for name, path in [("static file", STATIC_PATH), *targets]:
            for _ in range(args.warmup):
                request_once(args.port, path)
            idle = load(name, path)
            flag.touch()
            stored.acquire()  # the first registration of this phase is stored
            busy = load(name, path)
            flag.unlink()
            registrations += 1
            while stored.acquire(timeout=1.5):  # the last one may be under way
                registrations += 1
            idle_again = load(name, path)
            results[name] = (idle, busy, idle_again)
    finally:
        flag.unlink(missing_ok=True)
        stop_gunicorn(feeder)  # the same: its whole process group
        stop_gunicorn(server)

    print(
        f"\n{'URL':<16} {'idle r/s':>9} {'busy r/s':>9} {'hits':>6} {'idle r/s':>9} "
        f"{'busy/idle':>9}"
    )
    verdicts = []
    for name, (idle, busy, idle_again) in results.items():
        hit_rate = busy.hits / busy.answered if busy.answered else 0.0
        idle_rps = (idle.rps + idle_again.rps) / 2
        ratio = busy.rps / idle_rps if idle_rps else 0.0
        shows = "  (shows places)" if name in PLACES_PAGES else ""
        print(
            f"{name:<16} {idle.rps:9.1f} {busy.rps:9.1f} {hit_rate:6.1%} {idle_again.rps:9.1f} "
            f"{ratio:9.0%}{shows}"
        )
        if name not in PLACES_PAGES and name != "static file":
            verdicts.append((f"{name}: hit rate ≥ 95 % under registrations", hit_rate >= 0.95))
            verdicts.append((f"{name}: req/s within 10 % of idle", ratio >= 0.90))
    others = [
        phases for name, phases in results.items() if name not in {*PLACES_PAGES, "static file"}
    ]
    busy_rps = sum(busy.rps for _, busy, _ in others)
    idle_rps = sum((idle.rps + again.rps) / 2 for idle, _, again in others)
    ratio = busy_rps / idle_rps if idle_rps else 0.0
    print(
        f"{'other pages':<16} {idle_rps:9.1f} {busy_rps:9.1f} {'':>6} {'':>9} {ratio:9.0%}"
        f"  (sum; {registrations} registrations in all; the static file shows the noise)"
    )
    verdicts.append(("other pages together: req/s within 10 % of idle", ratio >= 0.90))
    print("\n== Targets of issue 21 ==")
    for label, ok in verdicts:
        print(f"  {'PASS' if ok else 'MISS'}  {label}")


def report(targets, uncached, cached, cold, concurrency):
    print("\n== Summary (ratios against the static file of the same server run) ==")
    print(
        "cold: page and fragment caches off (r/s at the connections, p50 ms one at a time); "
        "alone: uncached, one connection (ms, p50)"
    )
    header = (
        f"{'URL':<16} {'cold':>6} {'cold r/s':>9} {'uncached r/s':>12} {'alone':>6} {'p50':>7} "
        f"{'p95':>7} {'p99':>7} {'cached r/s':>11} {'p50':>6} {'p95':>6} {'p99':>6} "
        f"{'cold/static':>11} {'unc/static':>10} {'cac/static':>10}"
    )
    print(header)
    print("-" * len(header))
    static_u, static_c, static_cold = (
        uncached["static file"],
        cached["static file"],
        cold["static file"],
    )
    verdicts = []
    cold_ratios = {}
    for name, _ in [("static file", STATIC_PATH), *targets]:
        u, c, k = uncached[name], cached[name], cold[name]
        u_ratio = u.rps / static_u.rps if static_u.rps else 0
        c_ratio = c.rps / static_c.rps if static_c.rps else 0
        k_ratio = k.rps / static_cold.rps if static_cold.rps else 0
        cold_p50 = k.alone.percentile(0.5) if name != "static file" else float("nan")
        print(
            f"{name:<16} {cold_p50:6.1f} {k.rps:9.1f} {u.rps:12.1f} {u.alone.percentile(0.5):6.1f} "
            f"{u.percentile(0.5):7.1f} "
            f"{u.percentile(0.95):7.1f} "
            f"{u.percentile(0.99):7.1f} {c.rps:11.1f} {c.percentile(0.5):6.1f} "
            f"{c.percentile(0.95):6.1f} {c.percentile(0.99):6.1f} {k_ratio:11.1%} {u_ratio:10.0%} "
            f"{c_ratio:10.0%}"
        )
        if name == "static file":
            continue
        cold_ratios[name] = k_ratio
        verdicts.append((f"{name}: cached ≥ 75 % of static", c_ratio >= 0.75))
        verdicts.append((f"{name}: uncached ≥ 10 % of static", u_ratio >= 0.10))
        verdicts.append(
            (
                f"{name}: uncached p99 < 100 ms at {concurrency} connections",
                u.percentile(0.99) < 100,
            )
        )
        if name in LIST_PAGES:
            verdicts.append(
                (f"{name}: uncached render p50 < 50 ms (alone)", u.alone.percentile(0.5) < 50)
            )
            verdicts.append(
                (
                    f"{name}: uncached p50 < 50 ms at {concurrency} connections",
                    u.percentile(0.5) < 50,
                )
            )
    print("\n== Targets of issue 21 (caches off unless said) ==")
    if cold_ratios:
        median = statistics.median(cold_ratios.values())
        lowest = min(cold_ratios, key=cold_ratios.get)
        issue_21 = [
            (f"median page ≥ 3 % of static (is {median:.1%})", median >= 0.03),
            (
                f"no page below 2 % of static (lowest: {lowest}, {cold_ratios[lowest]:.1%})",
                cold_ratios[lowest] >= 0.02,
            ),
        ]
        for name, _ in targets:
            issue_21.append(
                (
                    f"{name}: cold render p50 < 30 ms (is {cold[name].alone.percentile(0.5):.1f})",
                    cold[name].alone.percentile(0.5) < 30,
                )
            )
            c_ratio = cached[name].rps / static_c.rps if static_c.rps else 0
            issue_21.append(
                (f"{name}: cached ≥ 85 % of static (is {c_ratio:.0%})", c_ratio >= 0.85)
            )
        for label, ok in issue_21:
            print(f"  {'PASS' if ok else 'MISS'}  {label}")
    print("\n== Targets of issue 9 ==")
    for label, ok in verdicts:
        print(f"  {'PASS' if ok else 'MISS'}  {label}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8107)))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", 3)))
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=8.0, help="seconds per URL and mode")
    parser.add_argument("--max-requests", type=int, default=50_000, help="cap per URL and mode")
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="default: a new SQLite file in a temporary directory",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        help="used when it answers; otherwise each worker caches in memory",
    )
    parser.add_argument(
        "--url",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="measure this URL too (or instead of a default of the same name)",
    )
    parser.add_argument(
        "--workdir", type=Path, help="keep the data set here and reuse it next time"
    )
    parser.add_argument(
        "--registrations",
        action="store_true",
        help="only the cached server, idle and with a registration a second",
    )
    args = parser.parse_args()

    keep = args.workdir is not None
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="sankaku-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    ready = workdir / "data-set-ready"
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = production_environment(workdir, database_url)
    env["CACHE_KEY_PREFIX"] = f"bench-{secrets.token_hex(4)}"
    if redis_answers(args.redis_url):
        env["REDIS_URL"] = args.redis_url
        cache_note = f"Redis at {args.redis_url}"
    else:
        cache_note = "no Redis answering: each gunicorn worker caches in its own memory"

    try:
        load_note = f"load from wrk -t1 -c{args.concurrency}" if WRK else "load from Python threads"
        print(f"== Data set ({database_url.split('://')[0]}, {cache_note}; {load_note}) ==")
        manage = [PYTHON, "manage.py"]
        if ready.exists() and not args.database_url:
            print(f"  reusing the data set in {workdir}")
        else:
            run([*manage, "migrate", "--noinput"], env, "migrate")
            run([*manage, "load_demo"], env, "load_demo")
            print(run([*manage, "load_bench_data"], env, "load_bench_data").rstrip())
            ready.touch()
        run([*manage, "collectstatic", "--noinput"], env, "collectstatic")

        wanted = dict(DEFAULT_TARGETS)
        for item in args.url:
            name, _, path = item.partition("=")
            wanted[name.strip()] = path.strip()
        output = run(
            [*manage, "shell", "--no-imports", "-c", RESOLVE_TARGETS],
            {**env, "BENCH_TARGETS": json.dumps(list(wanted.items()))},
            "resolve URLs",
        )
        resolved = json.loads(output.strip().splitlines()[-1])
        targets = []
        for name, (path, reason) in resolved.items():
            if path is None:
                print(f"  SKIP {name}: {reason}")
        server = start_gunicorn({**env, "PAGE_CACHE_ENABLED": "0"}, args.port, args.workers)
        try:
            for name, (path, _) in resolved.items():
                if path is None:
                    continue
                status, _ = request_once(args.port, path)
                if status == 200:
                    targets.append((name, path))
                    print(f"  {name}: {path}")
                else:
                    print(f"  SKIP {name}: {path} answered {status}")
        finally:
            stop_gunicorn(server)

        if args.registrations:
            measure_under_registrations(env, targets, args, workdir)
            return
        cold = measure_cold(env, targets, args)
        uncached = measure(env, targets, args, cached=False)
        cached = measure(env, targets, args, cached=True)
        report(targets, uncached, cached, cold, args.concurrency)
    finally:
        if env.get("REDIS_URL"):
            try:
                import redis

                client = redis.Redis.from_url(env["REDIS_URL"])
                for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}*"):
                    client.delete(key)
            except Exception:  # noqa: BLE001
                pass
        if keep:
            print(f"\ndata set kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
