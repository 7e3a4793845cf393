"""Whether a fiscal year has figures is one rule (kpi.counting.years_with_figures): the year
the dashboard opens on (an SQL summary of the activities) and the report's 「未集計」 (its
counting queries) both ask it, so a year the page opens on is never one it calls unrecorded."""

import datetime

import pytest
from django.core.cache import cache

from kpi import counting
from kpi.models import (
    ActivityKind,
    ActivityMunicipality,
    EnteredFigure,
    Indicator,
    IndicatorTarget,
)

from .factories import ActivityFactory, IndicatorFactory, KpiDashboardPageFactory

K = ActivityKind
D = datetime.date

pytestmark = pytest.mark.django_db


def entered_figure_only():
    indicator = Indicator.objects.get(code="lessons-and-workshops")
    EnteredFigure.objects.create(indicator=indicator, fiscal_year=2025, value=4)


def counted_activity_only():
    ActivityFactory(kind=K.WORKSHOP, date=D(2025, 6, 1))


def target_and_uncounted_activities_only():
    indicator = Indicator.objects.get(code="lessons-and-workshops")
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=2025, value=5)
    ActivityFactory(kind=K.SEMINAR, date=D(2025, 6, 1))  # counted by no indicator
    # A よろず相談 counts (toward 支援自治体数) only with a local government named.
    ActivityFactory(kind=K.CONSULTATION, date=D(2025, 7, 1))


def consultation_naming_a_municipality():
    consultation = ActivityFactory(kind=K.CONSULTATION, date=D(2025, 7, 1))
    ActivityMunicipality.objects.create(activity=consultation, prefecture_id="40", name="福岡市")


def a_count_without_kinds_and_a_seminar():
    # An activity count saved without its kinds (the admin form refuses it) counts nothing:
    # the year the page opened on used to take it as counting every activity, while the
    # report found nothing to count there and called the year 「未集計」.
    IndicatorFactory(method=Indicator.Method.ACTIVITY_COUNT, activity_kinds=[])
    ActivityFactory(kind=K.SEMINAR, date=D(2025, 6, 1))


@pytest.mark.parametrize(
    ("arrange", "has_figures"),
    [
        (entered_figure_only, True),
        (counted_activity_only, True),
        (target_and_uncounted_activities_only, False),
        (consultation_naming_a_municipality, True),
        (a_count_without_kinds_and_a_seminar, False),
    ],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
def test_the_year_opened_and_the_reports_verdict_follow_one_rule(
    plan, frozen_now, arrange, has_figures
):
    frozen_now(2026, 12, 3, 10, 0)
    arrange()
    counting.figures_changed()

    opened = Indicator.objects.latest_reported_year()
    report = Indicator.objects.report(2025)

    assert report.has_records is has_figures
    # Without figures in FY2025 the page opens on the plan's typed-in FY2020.
    assert opened == (2025 if has_figures else 2020)
    assert Indicator.objects.report(opened).has_records


def test_both_ask_the_same_function(plan, frozen_now, monkeypatch):
    frozen_now(2026, 12, 3, 10, 0)
    ActivityFactory(kind=K.WORKSHOP, date=D(2025, 6, 1))
    assert Indicator.objects.latest_reported_year() == 2025

    # Change the rule in its one place: both sides follow.
    monkeypatch.setattr(counting, "counts_activity", lambda *args: False)
    counting.figures_changed()

    assert Indicator.objects.latest_reported_year() == 2020
    assert not Indicator.objects.report(2025).has_records
    assert Indicator.objects.report(2020).has_records  # the plan's entered figures


@pytest.mark.parametrize(
    ("now", "day", "opened"),
    [
        # 23:59 on March 31 in Japan: FY2025 still runs; an activity of April 1 is ahead.
        ((2026, 3, 31, 23, 59), D(2026, 3, 31), 2025),
        ((2026, 3, 31, 23, 59), D(2026, 4, 1), 2020),
        # 00:00 on April 1 in Japan (still March 31 in UTC): FY2026 has begun.
        ((2026, 4, 1, 0, 0), D(2026, 3, 31), 2025),
        ((2026, 4, 1, 0, 0), D(2026, 4, 1), 2026),
    ],
)
def test_the_fiscal_year_of_an_activity_is_the_same_for_both_at_the_boundary(
    plan, frozen_now, now, day, opened
):
    frozen_now(*now)
    ActivityFactory(kind=K.WORKSHOP, date=day)

    assert Indicator.objects.latest_reported_year() == opened
    assert Indicator.objects.report(opened).has_records
    fiscal_year_of_day = 2025 if day.month == 3 else 2026
    assert Indicator.objects.report(fiscal_year_of_day).has_records
    other = 2026 if fiscal_year_of_day == 2025 else 2025
    assert not Indicator.objects.report(other).has_records


def test_the_year_opened_takes_three_queries_however_many_activities(
    plan, frozen_now, django_assert_num_queries
):
    frozen_now(2026, 12, 3, 10, 0)
    for month in range(1, 13):
        day = D(2025 if month >= 4 else 2026, month, 1)
        ActivityFactory.create_batch(3, kind=K.WORKSHOP, date=day)
        consultation = ActivityFactory(kind=K.CONSULTATION, date=day)
        ActivityMunicipality.objects.create(activity=consultation, prefecture_id="40", name="")
    cache.clear()
    counting.figures_version()

    with django_assert_num_queries(3):
        assert Indicator.objects.latest_reported_year() == 2025


def test_the_dashboards_earlier_years_say_what_they_hold(client, home_page, plan, frozen_now):
    frozen_now(2026, 12, 3, 10, 0)
    dashboard = KpiDashboardPageFactory(parent=home_page)

    fy2020 = client.get(dashboard.url, {"year": "2020"}).content.decode()
    # The plan's FY2020 results against the plan's FY2020 targets.
    assert "目標が定められておらず" not in fy2020
    assert "達成率 83%" in fy2020 and "達成率 60%" in fy2020
    assert "2020年度の数値は資料などからの入力値のため、活動の一覧はありません。" in fy2020

    fy2019 = client.get(dashboard.url, {"year": "2019"}).content.decode()
    assert "まだ登録されていません" in fy2019
    assert "資料などからの入力値のため" not in fy2019
    assert "2019年度は、このサイトで活動を数え始める前の年度のため" in fy2019
