"""Benchmark of the Japanese site search (a measurement, not a test).

Creates a throw-away database (Django's test database: SQLite in a temporary file, or
test_<name> on the PostgreSQL server of DATABASE_URL), fills it with pages of realistic
Japanese text, and reports:

- indexing time per page, in bulk (what update_index does) and one page at a time (what
  publishing a page costs);
- query time of the public search (results page 1, count, per-section counts) over a set
  of queries, p50/p95;
- the size of the search index.

    python scripts/bench_search.py [--pages 5000] [--repeat 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sankaku_bench python scripts/bench_search.py

On PostgreSQL, the same benchmark then runs on SQLite (a child process) and the ratio of the
two is printed: on a shared machine the absolute figures move with the load, the ratio less.
The load average is printed with each run.
"""

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models.signals import post_save  # noqa: E402
from django.test import Client  # noqa: E402
from modelsearch.signal_handlers import post_save_signal_handler  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402
from wagtail.rich_text import RichText  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402
from wagtail.search.models import IndexEntry  # noqa: E402

from website.models import HomePage, StandardPage  # noqa: E402
from website.search.pages import PageSearch  # noqa: E402

PLACES = [
    "札幌市", "仙台市", "さいたま市", "千葉市", "横浜市", "川崎市", "新潟市", "富山市", "金沢市",
    "静岡市", "浜松市", "名古屋市", "京都市", "大阪市", "堺市", "神戸市", "岡山市", "広島市",
    "高松市", "松山市", "北九州市", "福岡市", "熊本市", "鹿児島市", "那覇市", "青森県", "岩手県",
    "秋田県", "山形県", "福島県", "栃木県", "群馬県", "長野県", "岐阜県", "三重県", "滋賀県",
    "奈良県", "和歌山県", "鳥取県", "島根県", "山口県", "徳島県", "高知県", "佐賀県", "長崎県",
    "大分県", "宮崎県",
]  # fmt: skip
FACILITIES = [
    "橋梁", "トンネル", "道路舗装", "上下水道", "河川堤防", "港湾施設", "公園施設", "砂防設備",
    "歩道橋", "下水道管路", "排水機場", "農業用水路", "ため池", "空港施設", "公営住宅",
]  # fmt: skip
WORKS = [
    "定期点検", "補修工事", "長寿命化計画の策定", "清掃活動", "維持管理", "点検診断", "修繕",
    "耐震補強", "予防保全の取り組み", "包括的民間委託",
]  # fmt: skip
ACTORS = [
    "地域住民", "自治体職員", "地元企業", "大学の研究者", "小学生", "NPO法人", "建設会社",
    "市民ボランティア", "高校生", "技術者",
]  # fmt: skip
ISSUES = ["劣化", "ひび割れ", "腐食", "漏水", "老朽化", "損傷", "土砂の堆積"]
MEASURES = ["予防保全", "施設の集約・再編", "新技術の導入", "計画的な修繕", "担い手の育成"]
TOPICS = [
    "インフラメンテナンスの理念", "老朽化の現状", "市民参画", "新技術の活用", "担い手の確保",
    "行政と市民の協働", "メンテナンス産業の魅力", "オープンイノベーション",
]  # fmt: skip
TECHS = [
    "ドローン", "AI", "ＡＩ画像診断", "IoTセンサー", "点群データ", "ｽﾏｰﾄﾌｫﾝアプリ", "3次元計測",
    "DX", "衛星データ", "非破壊検査",
]  # fmt: skip
EVENTS = [
    "ワークショップ", "出前授業", "現場見学会", "地方フォーラム", "シンポジウム",
    "マッチングイベント", "現場試行の説明会", "オンラインセミナー",
]  # fmt: skip
FORUMS = [
    "革新的技術フォーラム", "海外市場展開フォーラム", "自治体支援フォーラム",
    "技術者育成フォーラム", "市民参画フォーラム", "近畿ブロックインフラメンテナンス協議会",
]  # fmt: skip

TITLES = [
    "{place}で{facility}の{work}を実施しました",
    "{event}「{topic}」を開催しました",
    "{tech}による{facility}の{work}",
    "{place}の{actor}と{event}を行いました",
    "{forum}の活動報告（{year}年度）",
]
SENTENCES = [
    "{place}では、{facility}の{work}を{actor}と協力して実施しました。",
    "{work}の結果、{facility}の{issue}が確認され、{measure}を検討しています。",
    "当日は{actor}など{count}名が参加し、{topic}について意見を交換しました。",
    "{forum}は、{topic}に関する情報を会員に向けて発信しています。",
    "今後は{tech}を活用し、{facility}の{work}を効率化する予定です。",
    "小学生向けの出前授業では、{facility}の仕組みと{topic}を紹介しました。",
    "{year}年度の活動として、{place}で{event}を開催しました。",
    "高度経済成長期に整備された{facility}の{issue}が進み、{measure}が課題となっています。",
    "参加者からは「{facility}を身近に感じた」「{tech}の精度に驚いた」との声が寄せられました。",
]

QUERIES = [
    "橋梁",
    "点検",
    "橋",
    "出前授業",
    "市民参画",
    "インフラメンテナンス",
    "ドローン",
    "AI",
    "ＡＩ",
    "スマートフォン",
    "排水機場",
    "橋梁 点検",
    "京都市 ワークショップ",
    "長寿命化計画",
    "授業前出",
    "存在しない語句",
]


def fill(template, rng):
    return template.format(
        place=rng.choice(PLACES),
        facility=rng.choice(FACILITIES),
        work=rng.choice(WORKS),
        actor=rng.choice(ACTORS),
        issue=rng.choice(ISSUES),
        measure=rng.choice(MEASURES),
        topic=rng.choice(TOPICS),
        tech=rng.choice(TECHS),
        event=rng.choice(EVENTS),
        forum=rng.choice(FORUMS),
        year=rng.choice([2019, 2020, 2021]),
        count=rng.randint(8, 120),
    )


def paragraph(rng):
    return "".join(fill(rng.choice(SENTENCES), rng) for _ in range(rng.randint(2, 5)))


def make_pages(count, rng):
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2, content_type__model="page").delete()  # Wagtail's welcome page
    root.refresh_from_db()
    home = root.add_child(instance=HomePage(title="ホーム", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    # As on the real site, pages sit in sections under the home page, whose own children are
    # the menu's few section pages.
    library = home.add_child(instance=StandardPage(title="資料室", slug="library"))
    for number in range(count):
        body = []
        for _ in range(rng.randint(3, 6)):
            if rng.random() < 0.3:
                body.append(("heading", {"text": fill(rng.choice(TITLES), rng), "level": "h2"}))
            body.append(("paragraph", RichText(f"<p>{paragraph(rng)}</p>")))
        library.add_child(
            instance=StandardPage(
                title=fill(rng.choice(TITLES), rng),
                slug=f"page-{number}",
                introduction=paragraph(rng),
                body=body,
            )
        )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def milliseconds(seconds):
    return f"{seconds * 1000:.1f} ms"


def index_size():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size(%s)", [IndexEntry._meta.db_table])
            return cursor.fetchone()[0]
    with connection.cursor() as cursor:  # the index table plus the FTS5 tables
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'wagtailsearch_indexentry%'")
        tables = [name for (name,) in cursor.fetchall()]
        try:
            cursor.execute(
                f"SELECT SUM(pgsize) FROM dbstat WHERE name IN ({','.join('%s' for _ in tables)})",
                tables,
            )
            return cursor.fetchone()[0]
        except Exception:
            return None


def build_pages(pages, rng, index, backend, report):
    """Create and index the pages; the indexing figures for the summary."""
    post_save.disconnect(post_save_signal_handler, sender=StandardPage)
    started = time.perf_counter()
    with transaction.atomic():
        make_pages(pages, rng)
    post_save.connect(post_save_signal_handler, sender=StandardPage)
    report.append(f"Created {pages} pages in {time.perf_counter() - started:.1f} s (not indexed)")

    specific_pages = list(StandardPage.objects.order_by("pk"))
    characters = sum(
        len(page.title) + len(page.introduction) + len(str(page.body)) for page in specific_pages
    )
    report.append(f"Average text per page: {characters // pages} characters (with markup)")

    started = time.perf_counter()
    for start in range(0, len(specific_pages), 100):
        with transaction.atomic():
            index.add_items(StandardPage, specific_pages[start : start + 100])
    bulk = time.perf_counter() - started
    report.append(
        f"Bulk indexing (update_index, 100 per batch): {bulk:.1f} s, "
        f"{milliseconds(bulk / pages)} per page"
    )

    single = []
    for page in rng.sample(specific_pages, min(200, pages)):
        started = time.perf_counter()
        with transaction.atomic():
            backend.add(page)
        single.append(time.perf_counter() - started)
    report.append(
        f"Indexing one page (on publish), {len(single)} pages: "
        f"p50 {milliseconds(percentile(single, 0.5))}, p95 {milliseconds(percentile(single, 0.95))}"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum does after bulk changes
    return {"index_bulk": bulk / pages, "index_p50": percentile(single, 0.5)}


def run(pages, repeat):
    rng = random.Random(2021)
    backend = get_search_backend()
    index = backend.get_index_for_model(StandardPage)
    report = [
        f"Database: {connection.vendor} ({connection.settings_dict['NAME']})",
        f"Backend: {type(backend).__name__}",
        "Load average at the start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
    ]
    summary = {}

    if StandardPage.objects.count() >= pages:  # --keepdb: the pages of an earlier run
        report.append(f"Reused the {StandardPage.objects.count()} pages of an earlier run")
    else:
        summary.update(build_pages(pages, rng, index, backend, report))
    size = index_size()
    if size:
        report.append(
            f"Index size: {size / 1024 / 1024:.1f} MB ({size / pages / 1024:.1f} kB per page)"
        )

    timings = []
    report.append("")
    report.append(f"Queries (the search view's work for page 1, {repeat} runs each):")
    report.append(f"  {'query':<24}{'hits':>6}{'p50':>12}{'p99':>12}")
    for query in QUERIES:
        runs = []
        for _ in range(repeat + 1):  # the first run warms caches and is not counted
            started = time.perf_counter()
            search = PageSearch(query)  # what the search view does, without the template
            search.hits(search.paginate(1, per_page=10))
            runs.append(time.perf_counter() - started)
        timings.extend(runs[1:])
        report.append(
            f"  {query:<24}{search.count:>6}{milliseconds(percentile(runs[1:], 0.5)):>12}"
            f"{milliseconds(percentile(runs[1:], 0.99)):>12}"
        )
    summary["p50"] = percentile(timings, 0.5)
    summary["p99"] = percentile(timings, 0.99)
    report.append(
        f"  {'all queries':<24}{'':>6}{milliseconds(summary['p50']):>12}"
        f"{milliseconds(summary['p99']):>12}"
    )
    summary.update(time_view(repeat, report))
    report.append("Load average at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return report, summary


def as_production_worker():
    """Run the requests as a production worker does: the database connection kept between
    requests and checked before reuse (website/settings/production.py), and what was loaded
    before the first request frozen out of the collector (website/wsgi.py). With the test
    settings' defaults, each request would open a new connection (about 1 ms on PostgreSQL)."""
    connection.settings_dict["CONN_MAX_AGE"] = 60
    connection.settings_dict["CONN_HEALTH_CHECKS"] = True
    gc.collect()
    gc.freeze()


def time_view(repeat, report):
    """The whole search view, request to rendered page, as a visitor gets it (no cache)."""
    as_production_worker()
    client = Client(HTTP_HOST="localhost")
    timings = []
    for query in QUERIES:
        runs = []
        for _ in range(repeat + 1):
            started = time.perf_counter()
            response = client.get("/search/", {"q": query})
            runs.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        timings.extend(runs[1:])
    report.append("")
    report.append(
        f"The search view, request to rendered page ({len(QUERIES)} queries, {repeat} runs each): "
        f"p50 {milliseconds(percentile(timings, 0.5))}, p99 {milliseconds(percentile(timings, 0.99))}"
    )
    return {"view_p50": percentile(timings, 0.5), "view_p99": percentile(timings, 0.99)}


def sqlite_summary(args):
    """The same benchmark on SQLite, in a child process (the settings read DATABASE_URL once)."""
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    command = [sys.executable, __file__, "--pages", str(args.pages), "--repeat", str(args.repeat)]
    output = subprocess.run(
        [*command, "--summary"], env=environment, check=True, capture_output=True, text=True
    ).stdout
    report, _, summary = output.rpartition("SUMMARY ")
    return report, json.loads(summary)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--summary", action="store_true", help="end with a JSON summary line")
    parser.add_argument(
        "--keepdb",
        action="store_true",
        help="keep the database after the run and reuse its pages next time (only the queries run)",
    )
    args = parser.parse_args()

    settings_dict = connection.settings_dict
    with tempfile.TemporaryDirectory() as directory:
        if connection.vendor == "sqlite":
            settings_dict["TEST"]["NAME"] = str(Path(directory) / "bench-search.sqlite3")
        else:
            settings_dict["TEST"]["NAME"] = f"bench_{settings_dict['NAME']}"
        old_name = settings_dict["NAME"]
        connection.creation.create_test_db(
            verbosity=0, autoclobber=not args.keepdb, serialize=False, keepdb=args.keepdb
        )
        try:
            report, summary = run(args.pages, args.repeat)
        finally:
            if not args.keepdb:
                connection.creation.destroy_test_db(old_name, verbosity=0)
    print("\n".join(report))
    if args.summary:
        print("SUMMARY " + json.dumps(summary))
    elif connection.vendor == "postgresql" and not args.keepdb:
        print("\nThe same on SQLite:", flush=True)
        sqlite_report, sqlite = sqlite_summary(args)
        print(sqlite_report.rstrip())
        print("\nPostgreSQL / SQLite (same run):")
        for name, label in [
            ("p50", "query p50"),
            ("p99", "query p99"),
            ("view_p50", "search view p50"),
            ("view_p99", "search view p99"),
            ("index_p50", "indexing one page p50"),
        ]:
            print(
                f"  {label:<24}{milliseconds(summary[name]):>10} / {milliseconds(sqlite[name]):>10}"
                f"  = {summary[name] / sqlite[name]:.2f}"
            )


if __name__ == "__main__":
    main()
