"""The dashboard as a citizen reads it: it opens on the latest year with figures, says
plainly when a year (or an indicator in it) has nothing recorded instead of showing zeros,
compares with the year before only when that means something, explains each indicator in one
sentence linked to its counting rule, shows cards on a phone, and flags an activity recorded
twice."""

import datetime
import re

import pytest

from kpi import counting
from kpi.models import ActivityKind, ActivityMunicipality, Indicator, IndicatorTarget

from .factories import ActivityFactory, EnteredFigureFactory, KpiDashboardPageFactory
from .test_dashboard import csv_rows, table_rows

K = ActivityKind


@pytest.fixture
def dashboard(home_page):
    return KpiDashboardPageFactory(parent=home_page)


@pytest.mark.django_db
def test_it_opens_on_the_latest_year_with_figures_not_one_with_targets_only(
    client, dashboard, frozen_now
):
    frozen_now(2026, 12, 3, 10, 0)
    # The plan: FY2020's figures typed in, FY2021's targets; nothing counted yet.
    html = client.get(dashboard.url).content.decode()
    assert "2020年度（令和2年度）のKPI" in html
    assert '<option value="2020" selected>' in html
    # The chooser still offers every year, from the council's first to the current one.
    assert all(f'<option value="{year}"' in html for year in range(2016, 2027))
    assert '<option value="2027"' not in html

    ActivityFactory(kind=K.WORKSHOP, date=datetime.date(2021, 9, 1))
    assert "2021年度（令和3年度）のKPI" in client.get(dashboard.url).content.decode()
    assert Indicator.objects.latest_reported_year() == 2021


@pytest.mark.django_db
def test_a_new_year_with_a_target_only_or_a_booking_ahead_does_not_open(frozen_now):
    ActivityFactory(kind=K.WORKSHOP, date=datetime.date(2026, 3, 31))  # FY2025
    ActivityFactory(kind=K.WORKSHOP, date=datetime.date(2027, 4, 1))  # FY2027, booked ahead
    indicator = Indicator.objects.get(code="lessons-and-workshops")
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=2026, value=8)
    # 2026-03-31 23:59 in Japan is 14:59 UTC: still FY2025.
    frozen_now(2026, 3, 31, 23, 59)
    assert Indicator.objects.latest_reported_year() == 2025
    # FY2026 has begun with its target set but nothing recorded: FY2025 is still shown.
    frozen_now(2026, 4, 1, 0, 0)
    assert Indicator.objects.latest_reported_year() == 2025
    assert Indicator.objects.latest_reported_year(code="lessons-and-workshops") == 2025
    # 2027-04-01 00:00 in Japan is still March 31 in UTC, but FY2027 and its booking begin.
    frozen_now(2027, 4, 1, 0, 0)
    assert Indicator.objects.latest_reported_year() == 2027


@pytest.mark.django_db
def test_a_year_with_results_but_no_targets_is_opened_when_it_is_the_latest(frozen_now):
    frozen_now(2026, 12, 3, 10, 0)
    ActivityFactory(kind=K.WORKSHOP, date=datetime.date(2025, 6, 1))
    assert Indicator.objects.latest_reported_year() == 2025
    # A future year's target does not pull the dashboard into the future.
    indicator = Indicator.objects.get(code="lessons-and-workshops")
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=2027, value=10)
    counting.figures_changed()
    assert Indicator.objects.latest_reported_year() == 2025


@pytest.mark.django_db
def test_the_home_pages_kpi_block_shows_the_latest_year_of_its_indicator(
    client, home_page, dashboard, frozen_now
):
    frozen_now(2026, 12, 3, 10, 0)
    ActivityFactory(kind=K.WORKSHOP, date=datetime.date(2021, 9, 1))
    ActivityFactory(kind=K.FORUM_MEETING, date=datetime.date(2026, 5, 1))  # another indicator
    assert Indicator.objects.latest_reported_year(code="lessons-and-workshops") == 2021
    html = client.get(home_page.url).content.decode()
    assert "2021年度（令和3年度）の「出前授業およびワークショップ開催数」" in html
    assert "実績 <strong>1回</strong> ／ 目標 5回" in html
    assert "この年度の目標はまだ設定されていません" not in html


@pytest.mark.django_db
def test_a_year_without_targets_or_results_says_so_plainly(client, dashboard, frozen_now):
    frozen_now(2026, 12, 3, 10, 0)
    ActivityFactory(kind=K.WORKSHOP, date=datetime.date(2021, 9, 1))
    html = client.get(dashboard.url, {"year": "2024"}).content.decode()
    assert "<strong>2024年度（令和6年度）の実績は、まだ登録されていません。</strong>" in html
    # A year that has ended has no target, not "not yet" one.
    assert (
        "目標が定められておらず、活動の記録も資料からの入力値もないため、"
        "実績を「未集計」と表示しています（0件という意味ではありません）。"
    ) in html
    assert '<a href="?year=2021">実績のある最新の年度（2021年度（令和3年度））を見る</a>' in html
    assert "終わった年度の実績です" not in html
    default = client.get(dashboard.url).content.decode()
    assert "の実績は、まだ登録されていません。</strong>" not in default
    # The year it opens on says that nothing later has been recorded.
    assert (
        '<p class="notice kpi-later-years">2022年度から今年度（2026年度）までの実績は、'
        "まだ登録されていません。</p>"
    ) in default
    html = client.get(dashboard.url, {"year": "2026"}).content.decode()
    assert "目標がまだ定められておらず、活動の記録も" in html
    assert "<strong>年度の途中</strong>です。" not in html


def kpi_cards(html):
    return {
        re.search(r'href="#kpi-method-([\w-]+)"', card).group(1): card
        for card in re.findall(r'<li class="kpi-card[^"]*">(.*?)</li>', html, re.S)
    }


def card_result(card):
    return re.search(r'<div class="kpi-card__result"><dt>実績</dt><dd>(.*?)</dd>', card).group(1)


@pytest.mark.django_db
def test_a_year_with_nothing_recorded_shows_no_large_zeros(client, dashboard, frozen_now):
    frozen_now(2026, 12, 3, 10, 0)
    ActivityFactory(kind=K.WORKSHOP, date=datetime.date(2021, 9, 1))

    html = client.get(dashboard.url, {"year": "2025"}).content.decode()

    cards = kpi_cards(html)
    counted = [
        "municipalities-supported",
        "forum-meetings",
        "matchings",
        "lessons-and-workshops",
        "countries-supported",
    ]
    assert [card_result(cards[code]) for code in counted] == ["未集計"] * len(counted)
    assert "<dt>全国／地方</dt>" not in cards["forum-meetings"]
    rows = table_rows(client.get(dashboard.url, {"year": "2025"}))
    assert rows["forum-meetings"][1:] == ["—", "未集計", "目標なし", "—", "—", "未集計", "—"]
    for code in counted:
        assert not re.search(r"\b0(回|件|自治体)", cards[code]), code
    assert "終わった年度の実績です" not in html
    # No forum table of zeros, no activity list to wait for.
    assert 'id="kpi-forums-heading"' not in html
    assert "2025年度に数えた活動は、まだ記録されていません。" in html
    row = next(
        row
        for row in csv_rows(client.get(dashboard.url + "csv/", {"year": "2025"}))
        if row["指標"] == "地方フォーラム実施数"
    )
    assert (row["実績"], row["前年度実績"], row["前年度比"], row["数値の根拠"]) == (
        "",
        "",
        "",
        "未集計",
    )


@pytest.mark.django_db
def test_a_real_zero_in_a_year_with_figures_stays_0_and_the_year_before_it_is_not_compared(
    client, dashboard, frozen_now
):
    frozen_now(2026, 12, 3, 10, 0)
    ActivityFactory(kind=K.WORKSHOP, date=datetime.date(2026, 6, 1))

    response = client.get(dashboard.url)

    html = response.content.decode()
    assert "2026年度（令和8年度）のKPI" in html and "<strong>年度の途中</strong>です。" in html
    rows = table_rows(response)
    # 1 workshop counted; no forum meeting recorded this year is a real 0.
    assert rows["lessons-and-workshops"][2] == "1回"
    assert rows["forum-meetings"][2] == "0回"
    # FY2025 has nothing recorded: no previous figure, no change.
    assert rows["forum-meetings"][6:] == ["未集計", "—"]
    cards = kpi_cards(html)
    assert card_result(cards["forum-meetings"]) == "0回"
    assert "<dt>前年度</dt><dd>未集計</dd>" in cards["forum-meetings"]
    assert "前年度と数え方が違うため" not in html


@pytest.mark.django_db
def test_a_year_without_targets_but_with_computed_figures_says_which_it_shows(
    client, dashboard, frozen_now
):
    """E.g. the membership ratio, computed from the register for every year it is in use."""
    frozen_now(2026, 12, 3, 10, 0)
    EnteredFigureFactory(
        indicator=Indicator.objects.get(code="lessons-and-workshops"), fiscal_year=2024, value=3
    )
    counting.figures_changed()
    html = client.get(dashboard.url, {"year": "2024"}).content.decode()
    assert "2024年度（令和6年度）は、目標が定められておらず、実績だけを示しています。" in html
    assert "数えた実績もありません" not in html


@pytest.mark.django_db
def test_each_indicator_is_a_card_with_a_plain_sentence_linking_to_how_it_is_counted(
    client, dashboard, frozen_now
):
    frozen_now(2022, 3, 1, 10, 0)
    html = client.get(dashboard.url, {"year": "2021"}).content.decode()
    cards = re.findall(r'<li class="kpi-card[^"]*">(.*?)</li>', html, re.S)
    assert len(cards) == Indicator.objects.count()
    lessons = next(card for card in cards if "出前授業およびワークショップ開催数" in card)
    assert "小学校への出前授業と、市民向けのワークショップ講座を開いた回数です。" in lessons
    assert '<a href="#kpi-method-lessons-and-workshops">' in lessons
    assert "<dt>目標</dt>" in lessons and "<dt>実績</dt>" in lessons
    assert 'id="kpi-method-lessons-and-workshops"' in html
    # Every indicator of the plan has its sentence, ending 「。」.
    assert all(i.plain_summary.endswith("。") for i in Indicator.objects.all())


@pytest.mark.django_db
def test_one_activity_recorded_twice_is_flagged(client, dashboard, frozen_now):
    frozen_now(2022, 3, 1, 10, 0)
    title = "実証実験：ドローンによる橋梁点検の現場試行"
    ActivityFactory(kind=K.FIELD_TRIAL, title=title, date=datetime.date(2021, 8, 24))
    ActivityFactory(kind=K.FIELD_TRIAL, title=title, date=datetime.date(2021, 8, 24))
    ActivityFactory(kind=K.FIELD_TRIAL, title="別の現場試行", date=datetime.date(2021, 9, 1))
    html = client.get(dashboard.url, {"year": "2021"}).content.decode()
    assert "同じ日に同じ名前の活動が2件以上記録されているものが、1組あります。" in html
    assert html.count("重複の可能性（2件の記録）") == 2


@pytest.mark.django_db
def test_the_activity_list_shows_places_and_links_from_two_queries(
    client, dashboard, home_page, frozen_now
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import StandardPageFactory
    from website.models import Prefecture

    from .factories import ActivityMunicipalityFactory

    frozen_now(2022, 3, 1, 10, 0)
    report_page = StandardPageFactory(parent=home_page, title="橋の点検の報告")
    activity = ActivityFactory(
        kind=K.FIELD_TRIAL, title="橋の点検", date=datetime.date(2021, 8, 24), page=report_page
    )
    ActivityMunicipalityFactory(activity=activity, name="堺市")
    kyoto = Prefecture.objects.get(code="26")
    ActivityMunicipalityFactory(activity=activity, prefecture=kyoto, name="舞鶴市")
    with CaptureQueriesContext(connection) as captured:
        html = client.get(dashboard.url, {"year": "2021"}).content.decode()
    assert f'<a href="{report_page.url}">橋の点検</a>' in html
    assert "大阪府堺市、京都府舞鶴市" in html
    # The activities come without their pages; the linked page's URL comes with the check
    # that the public may see it (its path, not its whole row).
    listed = [
        q["sql"] for q in captured if 'FROM "kpi_activity"' in q["sql"] and "LIMIT" in q["sql"]
    ]
    assert len(listed) == 1
    assert '"wagtailcore_page"' not in listed[0]
    linked = [
        q["sql"]
        for q in captured
        if q["sql"].startswith(
            'SELECT "wagtailcore_page"."id" AS "pk", "wagtailcore_page"."url_path"'
        )
    ]
    assert len(linked) == 1
    assert '"draft_title"' not in linked[0]


@pytest.mark.django_db
def test_an_activity_no_indicator_counts_does_not_open_its_year(frozen_now):
    frozen_now(2026, 12, 3, 10, 0)
    # よろず相談 counts toward 支援自治体数 only with a local government recorded.
    consultation = ActivityFactory(kind=K.CONSULTATION, date=datetime.date(2026, 12, 1))
    assert Indicator.objects.latest_reported_year() == 2020  # the plan's typed-in figures
    assert not Indicator.objects.report(2026).has_records
    ActivityMunicipality.objects.create(activity=consultation, prefecture_id="40", name="福岡市")
    counting.figures_changed()
    assert Indicator.objects.latest_reported_year() == 2026
    assert Indicator.objects.report(2026).has_records
