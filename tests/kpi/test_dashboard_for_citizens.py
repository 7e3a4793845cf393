"""The dashboard as a citizen reads it: it opens on a year with figures, says
plainly when a year has none, explains each indicator in one sentence linked to its counting
rule, shows cards on a phone, and flags an activity recorded twice."""

import datetime
import re

import pytest

from kpi import counting
from kpi.models import ActivityKind, ActivityMunicipality, Indicator, IndicatorTarget

from .factories import ActivityFactory, EnteredFigureFactory, KpiDashboardPageFactory

K = ActivityKind


@pytest.fixture
def dashboard(home_page):
    return KpiDashboardPageFactory(parent=home_page)


@pytest.mark.django_db
def test_it_opens_on_the_most_recent_year_with_targets_not_an_empty_current_year(
    client, dashboard, frozen_now
):
    frozen_now(2026, 12, 3, 10, 0)  # FY2026: the plan has no targets, nothing counted
    html = client.get(dashboard.url).content.decode()
    assert "2021年度（令和3年度）のKPI" in html
    assert '<option value="2021" selected>' in html
    assert Indicator.objects.latest_reported_year() == 2021


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
    ActivityFactory(kind=K.FORUM_MEETING, date=datetime.date(2026, 5, 1))  # another indicator
    assert Indicator.objects.latest_reported_year(code="lessons-and-workshops") == 2021
    html = client.get(home_page.url).content.decode()
    assert "2021年度（令和3年度）の「出前授業およびワークショップ開催数」" in html
    assert "この年度の目標はまだ設定されていません" not in html


@pytest.mark.django_db
def test_a_year_without_targets_or_results_says_so_plainly(client, dashboard, frozen_now):
    frozen_now(2026, 12, 3, 10, 0)
    html = client.get(dashboard.url, {"year": "2024"}).content.decode()
    # A year that has ended has no target, not "not yet" one.
    assert "2024年度（令和6年度）は、目標が定められておらず、数えた実績もありません。" in html
    assert '<a href="?year=2021">2021年度（令和3年度）の目標と実績を見る</a>' in html
    assert "定められておらず" not in client.get(dashboard.url).content.decode()
    html = client.get(dashboard.url, {"year": "2026"}).content.decode()
    assert "2026年度（令和8年度）は、目標がまだ定められておらず、" in html


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
    assert Indicator.objects.latest_reported_year() == 2021
    ActivityMunicipality.objects.create(activity=consultation, prefecture_id="40", name="福岡市")
    counting.figures_changed()
    assert Indicator.objects.latest_reported_year() == 2026
