import csv
import datetime
import io
import re
from html.parser import HTMLParser

import pytest
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from kpi.models import Activity, ActivityKind, ActivityMunicipality, KpiDashboardPage
from tests.factories import ForumFactory, StandardPageFactory, make_home_page
from website.models import HomePage, StandardPage

from .factories import ActivityFactory, KpiDashboardPageFactory

D = datetime.date
K = ActivityKind

# The plan's table of FY2020 results: (code, result, national forums, regional forums).
PLAN_FY2020 = [
    ("municipalities-supported", "83自治体", "0自治体", "83自治体"),
    ("forum-meetings", "19回", "3回", "16回"),
    ("matchings", "133件", "10件", "123件"),
    ("matchings-considered", "113件", "6件", "107件"),
    ("matchings-concluded", "14件", "0件", "14件"),
    ("field-trials", "6件", "4件", "2件"),
    ("deployments", "0件", "0件", "0件"),
    ("municipal-membership-ratio", "57%", "—", "—"),
    ("lessons-and-workshops", "3回", "2回", "1回"),
    ("countries-supported", "—", "48国・地域", "—"),
]


class KpiTableParser(HTMLParser):
    """Rows of the dashboard's main table: {indicator code: [cell texts]}."""

    def __init__(self):
        super().__init__()
        self.rows, self.code, self.cells, self.in_table = {}, None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "kpi-table" in attrs.get("class", "").split():
            self.in_table = not attrs.get("class", "").endswith("--forums")
        elif self.in_table and tag == "tr" and attrs.get("id", "").startswith("kpi-"):
            self.code, self.cells = attrs["id"].removeprefix("kpi-"), []
        elif self.code and tag in ("td", "th"):
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag == "tr" and self.code:
            self.rows[self.code] = [" ".join(cell.split()) for cell in self.cells]
            self.code = None
        elif tag == "table":
            self.in_table = False

    def handle_data(self, data):
        if self.code and self.cells:
            self.cells[-1] += data


def table_rows(response):
    parser = KpiTableParser()
    parser.feed(response.content.decode())
    return parser.rows


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def dashboard(home_page):
    return KpiDashboardPageFactory(parent=home_page)


class PageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home_page()

    def setUp(self):
        self.login()

    def test_dashboard_goes_under_the_home_page_only_and_has_no_children(self):
        self.assertAllowedParentPageTypes(KpiDashboardPage, {HomePage})
        self.assertAllowedSubpageTypes(KpiDashboardPage, set())
        self.assertCanCreateAt(HomePage, KpiDashboardPage)
        self.assertCanNotCreateAt(StandardPage, KpiDashboardPage)

    def test_an_editor_places_one_dashboard(self):
        self.assertCanCreate(
            self.home,
            KpiDashboardPage,
            {"title": "KPI", "slug": "kpi", "introduction": "目標と実績です。"},
        )
        self.assertFalse(KpiDashboardPage.can_create_at(self.home))

    def test_dashboard_renders(self):
        page = KpiDashboardPageFactory(parent=self.home)
        self.assertPageIsRenderable(page)
        self.assertPageIsRenderable(page, route_path="/csv/")


@pytest.mark.django_db
def test_fy2020_reproduces_the_plans_table_figure_for_figure(client, dashboard, plan):
    response = client.get(dashboard.url, {"year": "2020"})

    assert response.status_code == 200
    rows = table_rows(response)
    assert [code for code in rows if code != "municipal-members"] == [c for c, *_ in PLAN_FY2020]
    for code, total, national, regional in PLAN_FY2020:
        # indicator, target, result, percentage, national, regional, previous year, change
        cells = rows[code]
        assert (cells[2], cells[4], cells[5]) == (total, national, regional), code
    html = response.content.decode()
    assert "2020年度（令和2年度）のKPI" in html
    assert "令和3年度 事業計画「令和2年度 KPI 結果」" in html


@pytest.mark.django_db
def test_fy2020_csv_reproduces_the_plans_table(client, dashboard, plan):
    response = client.get(dashboard.url + "csv/", {"year": "2020"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="kpi-2020.csv"' in response["Content-Disposition"]
    rows = {row["指標"]: row for row in csv_rows(response)}
    names = {
        "municipalities-supported": "支援自治体数",
        "forum-meetings": "地方フォーラム実施数",
        "matchings": "マッチング・現場試行・実装実施数",
        "matchings-considered": "マッチング検討数",
        "matchings-concluded": "マッチング成立数",
        "field-trials": "現場試行数",
        "deployments": "社会実装数",
        "municipal-membership-ratio": "自治体会員数",
        "lessons-and-workshops": "出前授業およびワークショップ開催数",
        "countries-supported": "支援国（地域）数",
    }

    def plain(text):
        return text.rstrip("自治体回件%国・地域").replace("—", "")

    for code, total, national, regional in PLAN_FY2020:
        row = rows[names[code]]
        assert (row["実績"], row["全国フォーラム"], row["地方フォーラム"]) == (
            plain(total),
            plain(national),
            plain(regional),
        ), code
        assert row["数値の根拠"] == "入力値"
    assert rows["マッチング検討数"]["内訳"] == "内訳"


@pytest.mark.django_db
def test_fy2021_shows_targets_against_counted_activities(client, dashboard, plan):
    national = ForumFactory(name="市民参画フォーラム", slug="citizen-participation")
    kinki = ForumFactory(name="近畿本部フォーラム", slug="kinki", regional=True)
    ActivityFactory(kind=K.SCHOOL_LESSON, forum=national, date=D(2021, 6, 1))
    ActivityFactory(kind=K.WORKSHOP, forum=national, date=D(2021, 9, 1))
    ActivityFactory(kind=K.SCHOOL_LESSON, forum=kinki, date=D(2022, 3, 31))
    ActivityFactory(kind=K.SCHOOL_LESSON, forum=kinki, date=D(2022, 4, 1))  # FY2022

    response = client.get(dashboard.url, {"year": "2021"})

    row = table_rows(response)["lessons-and-workshops"]
    assert row[1:7] == ["5回", "3回", "達成率 60%", "2回", "1回", "3回"]
    assert row[7] == "±0回 数え方が違います※"
    assert table_rows(response)["municipalities-supported"][1] == "100自治体"
    assert table_rows(response)["municipal-membership-ratio"][1] == "60%"
    assert 'style="width: 60%"' in response.content.decode()


@pytest.mark.django_db
def test_change_from_the_previous_year(client, dashboard, plan):
    ActivityFactory.create_batch(20, kind=K.FORUM_MEETING, date=D(2021, 7, 1))

    row = table_rows(client.get(dashboard.url, {"year": "2021"}))["forum-meetings"]

    assert row[2] == "20回" and row[6] == "19回" and row[7].startswith("+1回 ")


@pytest.mark.django_db
def test_a_change_between_years_counted_alike_is_shown_bare(client, dashboard, plan):
    ActivityFactory.create_batch(3, kind=K.FORUM_MEETING, date=D(2021, 7, 1))
    ActivityFactory.create_batch(5, kind=K.FORUM_MEETING, date=D(2022, 7, 1))

    row = table_rows(client.get(dashboard.url, {"year": "2022"}))["forum-meetings"]

    assert (row[2], row[6], row[7]) == ("5回", "3回", "+2回")
    csv_row = next(
        row
        for row in csv_rows(client.get(dashboard.url + "csv/", {"year": "2022"}))
        if row["指標"] == "地方フォーラム実施数"
    )
    assert (csv_row["前年度比"], csv_row["前年度比の注意"]) == ("+2", "")


@pytest.mark.django_db
def test_a_typed_in_year_against_a_counted_one_says_so_beside_the_change(client, dashboard, plan):
    """FY2020 comes from the plan's table, FY2021 from the activities recorded here: 83 then
    32 supported municipalities is no collapse, and the page says why in words."""
    activity = ActivityFactory(kind=K.MUNICIPAL_SUPPORT, date=D(2021, 7, 1))
    ActivityMunicipality.objects.create(activity=activity, prefecture_id="27", name="堺市")

    response = client.get(dashboard.url, {"year": "2021"})

    note = (
        "前年度と数え方が違うため、そのままは比べられません（2020年度は資料から入力した数値、"
        "2021年度は活動の記録から数えた数値）。"
    )
    row = table_rows(response)["municipalities-supported"]
    assert row[2:] == [
        "1自治体",
        "達成率 1%",
        "0自治体",
        "0自治体",
        "83自治体",
        "−82自治体 数え方が違います※",
    ]
    html = response.content.decode()
    footnote = html[html.index('id="kpi-change-notes"') :]
    assert (
        "地方フォーラム実施数、マッチング・現場試行・実装実施数、マッチング検討数、マッチング成立数、"
        "現場試行数、社会実装数、出前授業およびワークショップ開催数：2020年度は資料から入力した数値、"
        "2021年度は活動の記録から数えた数値。"
    ) in footnote.replace("支援自治体数、", "", 1)
    assert (
        "自治体会員数：2020年度は資料から入力した数値、2021年度は会員名簿から計算した数値。"
        in footnote
    )
    card = next(
        card
        for card in re.findall(r'<li class="kpi-card[^"]*">(.*?)</li>', html, re.S)
        if "支援自治体数" in card
    )
    assert "83自治体（−82自治体）" in card and note in card
    assert table_rows(response)["municipal-membership-ratio"][7].endswith("数え方が違います※")
    csv_row = {
        row["指標"]: row for row in csv_rows(client.get(dashboard.url + "csv/", {"year": "2021"}))
    }
    assert csv_row["支援自治体数"]["前年度比"] == "-82"
    assert csv_row["支援自治体数"]["前年度比の注意"] == note


@pytest.mark.django_db
def test_per_forum_table_lists_the_citizen_kpi_of_each_forum(client, dashboard, plan):
    kinki = ForumFactory(name="近畿本部フォーラム", slug="kinki", regional=True)
    ForumFactory(name="九州フォーラム", slug="kyushu", regional=True)
    ActivityFactory.create_batch(2, kind=K.WORKSHOP, forum=kinki)

    html = client.get(dashboard.url, {"year": "2021"}).content.decode()
    section = html[html.index('id="kpi-forums-heading"') :]

    assert "近畿本部フォーラム" in section and "九州フォーラム" in section
    rows = {row.split("</th>")[0]: row for row in section.split("<tr>")}
    kinki_row = next(row for head, row in rows.items() if "近畿本部フォーラム" in head)
    kyushu_row = next(row for head, row in rows.items() if "九州フォーラム" in head)
    assert '<td class="kpi-num">2</td>' in kinki_row
    assert '<td class="kpi-num">2</td>' not in kyushu_row


@pytest.mark.django_db
def test_dashboard_states_when_and_how_the_figures_are_counted(client, dashboard, plan, frozen_now):
    ActivityFactory(kind=K.WORKSHOP, date=D(2021, 9, 1))
    frozen_now(2022, 3, 31, 23, 59, 59)

    html = client.get(dashboard.url).content.decode()

    assert "2021年度（令和3年度）のKPI" in html  # the current year, which has a figure
    assert (
        "2022年3月31日 23:59（日本時間）時点</strong>の数値で、年度末まで増えていきます。" in html
    )
    assert "<strong>年度の途中</strong>です。" in html


@pytest.mark.django_db
def test_a_year_that_has_ended_is_called_so_from_april_1_japan_time(
    client, dashboard, plan, frozen_now
):
    ActivityFactory(kind=K.WORKSHOP, date=D(2022, 3, 31))
    frozen_now(2022, 4, 1, 0, 0, 0)

    html = client.get(f"{dashboard.url}?year=2021").content.decode()

    assert "2021年度（令和3年度）のKPI" in html
    assert (
        "終わった年度の実績です。<strong>2022年4月1日 00:00（日本時間）時点</strong>の集計です。"
        in html
    )
    assert "年度の途中" not in html
    assert "数え方" in html
    assert "同じ年度に同じ自治体が何度関わっても1自治体と数えます。" in html
    assert "申込み中・予定・中止のものは数えません。" in html
    assert "数える活動の種類：出前授業、ワークショップ講座。2021年度から" in html


@pytest.mark.django_db
def test_default_year_turns_at_midnight_on_april_1_japan_time(client, dashboard, frozen_now):
    ActivityFactory(kind=K.SCHOOL_LESSON, date=datetime.date(2022, 3, 31))
    ActivityFactory(kind=K.SCHOOL_LESSON, date=datetime.date(2022, 4, 1))
    # 2022-03-31 15:00 UTC is already April 1 in Japan, but the moment below is still March.
    frozen_now(2022, 3, 31, 23, 59, 59)
    assert "2021年度（令和3年度）のKPI" in client.get(dashboard.url).content.decode()

    frozen_now(2022, 4, 1, 0, 0)
    html = client.get(dashboard.url).content.decode()

    assert "2022年度（令和4年度）のKPI" in html


@pytest.mark.django_db
def test_on_april_1_japan_time_the_year_just_ended_says_the_new_one_has_nothing_yet(
    client, dashboard, frozen_now
):
    ActivityFactory(kind=K.WORKSHOP, date=D(2022, 3, 31))
    frozen_now(2022, 3, 31, 23, 59, 59)
    assert "kpi-later-years" not in client.get(dashboard.url).content.decode()

    frozen_now(2022, 4, 1, 0, 0)
    html = client.get(dashboard.url).content.decode()

    assert "2021年度（令和3年度）のKPI" in html
    assert "今年度（2022年度）の実績は、まだ登録されていません。" in html
    html = client.get(dashboard.url, {"year": "2022"}).content.decode()
    assert "<strong>2022年度（令和4年度）の実績は、まだ登録されていません。</strong>" in html


@pytest.mark.django_db
def test_activities_that_counted_are_listed_with_links_to_visible_pages_only(
    client, dashboard, home_page, plan
):
    live = StandardPageFactory(parent=home_page, title="夏休み出前授業の報告")
    draft = StandardPageFactory(parent=home_page, title="下書き", live=False)
    private = StandardPageFactory(parent=home_page, title="会員限定")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    ActivityFactory(kind=K.SCHOOL_LESSON, title="出前授業：○○小学校", page=live)
    ActivityFactory(kind=K.WORKSHOP, title="下書きのワークショップ", page=draft)
    ActivityFactory(kind=K.WORKSHOP, title="会員限定のワークショップ", page=private)
    ActivityFactory(
        kind=K.SCHOOL_LESSON,
        title="連絡先を備考に持つ授業",
        notes="担当：山田花子先生 090-1234-5678 hanako@example.jp",
    )
    ActivityFactory(kind=K.OTHER, title="数えない活動")

    response = client.get(dashboard.url, {"year": "2021"})
    html = response.content.decode()

    assert f'<a href="{live.url}">出前授業：○○小学校</a>' in html
    # Counted, but without the title of a page the public may not see.
    assert "下書きのワークショップ" not in html and f'href="{draft.url}"' not in html
    assert "会員限定のワークショップ" not in html and f'href="{private.url}"' not in html
    assert "非公開の活動</th>" not in html
    assert "数えた活動は全4件です。そのうち公開している2件を新しい順に示します。" in html
    assert "ほかに非公開の活動が2件あります（ワークショップ講座2件）。" in html
    assert "数えない活動" not in html
    assert "山田花子" not in html and "090-1234-5678" not in html and "hanako@" not in html
    csv_text = client.get(dashboard.url + "csv/", {"year": "2021"}).content.decode()
    assert "山田花子" not in csv_text


@pytest.mark.django_db
def test_each_activity_row_shows_its_date_and_kind_in_japanese(client, dashboard, plan):
    ActivityFactory(kind=K.WORKSHOP, title="橋の点検ワークショップ", date=D(2021, 7, 1))

    html = client.get(dashboard.url, {"year": "2021"}).content.decode()

    assert '<time datetime="2021-07-01">2021年7月1日</time></td>' in html
    assert f"<td>{K.WORKSHOP.label}</td>" in html


@pytest.mark.django_db
def test_activity_list_is_paginated(client, dashboard, plan):
    ActivityFactory.create_batch(60, kind=K.WORKSHOP)

    first = client.get(dashboard.url, {"year": "2021"}).content.decode()
    second = client.get(dashboard.url, {"year": "2021", "page": "2"}).content.decode()

    assert "全60件" in first
    assert first.count('<time datetime="2021-10-01">') == 50
    assert second.count('<time datetime="2021-10-01">') == 10
    assert "year=2021&amp;page=2" in first


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "1999"},
        {"year": "99999999999999999999999"},
        {"year": "<script>alert(1)</script>"},
        {"year": "2021.5"},
        {"year": ["2021", "x"]},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999"},
        {"year": "2021", "page": "0"},
    ],
)
def test_junk_query_parameters_never_fail(client, dashboard, plan, query):
    response = client.get(dashboard.url, query)
    csv_response = client.get(dashboard.url + "csv/", query)

    assert response.status_code == 200
    assert csv_response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_year_falls_back_to_the_default_one_and_says_so(client, dashboard, frozen_now):
    ActivityFactory(kind=K.WORKSHOP, date=D(2021, 9, 1))
    frozen_now(2021, 10, 1, 12, 0)

    html = client.get(dashboard.url, {"year": "1999"}).content.decode()

    assert "指定された年度は表示できないため、2021年度（令和3年度）を表示しています。" in html
    assert '<option value="2021" selected>' in html


@pytest.mark.django_db
def test_unknown_subpaths_are_not_found(client, dashboard):
    assert client.get(dashboard.url + "csv/extra/").status_code == 404


def make_activities(count, forums, pages):
    kinds = list(K.values)
    activities = Activity.objects.bulk_create(
        Activity(
            kind=kinds[i % len(kinds)],
            title=f"活動{i}",
            date=D(2021, 4, 1) + datetime.timedelta(days=i % 365),
            forum=forums[i % len(forums)],
            participants=i % 50,
            page=pages[i // 3 % len(pages)] if i % 3 == 0 else None,
        )
        for i in range(count)
    )
    ActivityMunicipality.objects.bulk_create(
        ActivityMunicipality(
            activity=activity, prefecture_id=f"{i % 47 + 1:02d}", name=f"市{i % 300}", sort_order=0
        )
        for i, activity in enumerate(activities)
    )


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_from_10_to_5000_activities(
    client, dashboard, home_page, plan, django_assert_max_num_queries
):
    forums = [ForumFactory(), ForumFactory(regional=True), ForumFactory(regional=True)]
    pages = [
        StandardPageFactory(parent=home_page),
        StandardPageFactory(parent=home_page, live=False),
        StandardPageFactory(parent=home_page),
    ]
    PageViewRestriction.objects.create(page=pages[2], restriction_type="login")
    make_activities(10, forums, pages)
    client.get(dashboard.url, {"year": "2021"})  # warm the site and settings caches
    with django_assert_max_num_queries(21) as small:
        client.get(dashboard.url, {"year": "2021"})
    budget = len(small.captured_queries)

    make_activities(4990, forums, pages)
    assert Activity.objects.count() == 5000
    with django_assert_max_num_queries(budget):
        response = client.get(dashboard.url, {"year": "2021"})
    html = response.content.decode()
    assert "数えた活動は全" in html and "ほかに非公開の活動が" in html
    with django_assert_max_num_queries(budget):
        client.get(dashboard.url, {"year": "2021", "page": "40"})
    with django_assert_max_num_queries(budget):
        client.get(dashboard.url + "csv/", {"year": "2021"})


def test_a_kept_dashboard_follows_new_activities(client, dashboard, plan, settings, frozen_now):
    """With the fragment cache on, the report is kept per content generation: a new activity
    is counted on the next request, for the year and page it belongs to."""
    settings.FRAGMENT_CACHE_ENABLED = True
    # The page states the minute it was counted at: two requests must not straddle one.
    frozen_now(2022, 5, 10, 12, 0)
    national = ForumFactory(name="市民参画フォーラム", slug="citizen-participation")
    ActivityFactory(kind=K.SCHOOL_LESSON, forum=national, date=D(2021, 6, 1))
    first = client.get(dashboard.url, {"year": "2021"})
    assert table_rows(first)["lessons-and-workshops"][2] == "1回"
    assert client.get(dashboard.url, {"year": "2021"}).content == first.content

    ActivityFactory(kind=K.WORKSHOP, forum=national, date=D(2021, 9, 1), title="橋の点検教室")
    response = client.get(dashboard.url, {"year": "2021"})
    assert table_rows(response)["lessons-and-workshops"][2] == "2回"
    assert "橋の点検教室" in response.content.decode()
    assert (
        table_rows(client.get(dashboard.url, {"year": "2020"}))["lessons-and-workshops"][2] == "3回"
    )
