"""自治体会員数 computed from the register: members on 31 March (Japan date) ÷ 1,788."""

import datetime
from decimal import Decimal

import pytest
from django.test import override_settings

from kpi.models import Indicator
from members.models import (
    MemberOrganisation,
    local_government_members_on,
    local_government_members_on_days,
)
from tests.members.factories import MemberOrganisationFactory, government_member
from website.dates import JAPAN

pytestmark = pytest.mark.django_db

D = datetime.date
RATIO = "municipal-membership-ratio"
COUNT = "municipal-members"


@pytest.fixture
def register(governments, plan):
    government_member("131016", joined_on=D(2018, 4, 1))  # member throughout
    government_member("011002", joined_on=D(2021, 10, 1))  # joined mid-year
    government_member("271004", joined_on=D(2019, 4, 1), left_on=D(2022, 1, 15))  # left mid-year
    government_member("141003", joined_on=D(2022, 3, 31))  # joined on the last day
    government_member("231002", joined_on=D(2019, 4, 1), left_on=D(2022, 3, 31))  # left on it
    government_member("401307", joined_on=D(2022, 4, 1))  # next fiscal year
    MemberOrganisationFactory(joined_on=D(2015, 4, 1))  # a company: never counted


def test_members_on_a_day_include_joining_day_and_exclude_leaving_day(register):
    # 30 March 2022: Chiyoda, Sapporo, Nagoya (Osaka left in January).
    assert local_government_members_on(D(2022, 3, 30)) == 3
    # 31 March 2022: Chiyoda, Sapporo, Yokohama (joined that day); Nagoya left that day.
    assert local_government_members_on(D(2022, 3, 31)) == 3
    assert local_government_members_on(D(2022, 4, 1)) == 4


def test_the_day_is_read_in_japan_time(register):
    # 2022-03-31 15:30 UTC is already 1 April in Japan: Fukuoka is a member.
    late = datetime.datetime(2022, 3, 31, 15, 30, tzinfo=datetime.UTC)
    assert local_government_members_on(late) == 4
    early = datetime.datetime(2022, 3, 31, 23, 59, tzinfo=JAPAN)
    assert local_government_members_on(early) == 3


def test_several_days_are_counted_in_one_query(register, django_assert_num_queries):
    days = [D(2022, 3, 30), D(2022, 3, 31), D(2022, 4, 1), D(2021, 3, 31)]
    with django_assert_num_queries(1):
        counts = local_government_members_on_days(days)
    assert counts == {day: local_government_members_on(day) for day in days}
    assert list(counts.values()) == [3, 3, 4, 3]


@override_settings(MEMBERS_REGISTER_FROM_FISCAL_YEAR=2021)
def test_a_report_counts_its_year_and_the_one_before_in_one_query(
    register, django_assert_num_queries
):
    # Both years computed (none entered): one query of the register for the two of them,
    # besides the indicators, targets, forums, entered figures, activities, municipalities.
    with django_assert_num_queries(7):
        report = Indicator.objects.report(2022)
    assert (report.get(COUNT).total, report.get(COUNT).previous_total) == (Decimal(4), Decimal(3))


def test_the_fiscal_year_figure_is_the_members_on_31_march_over_1788(register):
    report = Indicator.objects.report(2021)
    assert report.get(COUNT).total == Decimal(3)
    ratio = report.get(RATIO)
    assert ratio.total == (Decimal(3) / 1788 * 100).quantize(Decimal("0.1"))
    assert ratio.current.source_label == "会員名簿から計算"
    assert report.get(COUNT).current.source_label == "会員名簿から計算"


def test_fy2020_keeps_its_entered_57_percent(register):
    report = Indicator.objects.report(2021)
    assert report.get(RATIO).previous_total == Decimal(57)
    assert report.get(RATIO).previous.source == "entered"
    assert Indicator.objects.report(2020).get(RATIO).total == Decimal(57)


@override_settings(MEMBERS_REGISTER_FROM_FISCAL_YEAR=2022)
def test_years_before_the_register_is_in_use_are_not_computed(register):
    assert Indicator.objects.report(2021).get(COUNT).total is None
    assert Indicator.objects.report(2022).get(COUNT).total == Decimal(4)


def test_a_change_to_the_register_refreshes_the_cached_figure(register):
    before, _ = Indicator.objects.cached_result(COUNT, 2021)
    MemberOrganisation.objects.get(local_government="271004").delete()
    government_member("261009", joined_on=D(2021, 4, 1))
    after, _ = Indicator.objects.cached_result(COUNT, 2021)
    assert (before.total, after.total) == (Decimal(3), Decimal(4))


def test_the_dashboard_says_which_years_are_computed(register, client, home_page):
    from kpi.models import KpiDashboardPage

    dashboard = home_page.add_child(instance=KpiDashboardPage(title="KPI", slug="kpi"))
    html = client.get(dashboard.url, {"year": 2021}).content.decode()
    assert "会員名簿から計算" in html
    assert "の数値は会員名簿から計算しています（年度末3月31日の時点）" in html
    html = client.get(dashboard.url, {"year": 2020}).content.decode()
    assert "の数値は会員名簿から計算しています" not in html
    assert "の数値は入力値です" in html


def test_counting_takes_the_same_queries_however_many_members(
    register, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12) as captured:
        Indicator.objects.report(2021)
    for code in ("012025", "012033", "012041"):
        government_member(code, joined_on=D(2020, 4, 1))
    with django_assert_max_num_queries(len(captured)):
        Indicator.objects.report(2021)
