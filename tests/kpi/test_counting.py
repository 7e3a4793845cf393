import datetime
from decimal import Decimal

import pytest

from kpi import activities
from kpi.counting import COUNTED, ENTERED, RATIO
from kpi.models import Activity, ActivityKind, EnteredFigure, Indicator
from tests.factories import ForumFactory, StandardPageFactory, prefecture
from website.dates import JAPAN

from .factories import (
    ActivityFactory,
    ActivityMunicipalityFactory,
    EnteredFigureFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
K = ActivityKind


@pytest.fixture
def forums():
    return {
        "national": ForumFactory(name="市民参画フォーラム", slug="citizen-participation"),
        "national_2": ForumFactory(name="技術者育成フォーラム", slug="engineer-training"),
        "kinki": ForumFactory(name="近畿本部フォーラム", slug="kinki", regional=True),
        "kyushu": ForumFactory(name="九州フォーラム", slug="kyushu", regional=True),
    }


def test_the_fiscal_year_ends_on_march_31_and_starts_on_april_1():
    indicator = IndicatorFactory(activity_kinds=[K.WORKSHOP], counted_from=2020)
    ActivityFactory(kind=K.WORKSHOP, date=D(2021, 4, 1))
    ActivityFactory(kind=K.WORKSHOP, date=D(2022, 3, 31))
    ActivityFactory(kind=K.WORKSHOP, date=D(2022, 4, 1))
    ActivityFactory(kind=K.WORKSHOP, date=D(2021, 3, 31))

    fy2021 = Indicator.objects.report(2021).get(indicator.code)
    fy2022 = Indicator.objects.report(2022).get(indicator.code)

    assert fy2021.total == 2
    assert fy2021.previous_total == 1  # 2021-03-31 is FY2020
    assert fy2022.total == 1
    assert fy2022.previous_total == 2


def test_activity_count_counts_only_the_indicators_kinds_per_scope(forums):
    indicator = IndicatorFactory(activity_kinds=[K.SCHOOL_LESSON, K.WORKSHOP])
    ActivityFactory(kind=K.SCHOOL_LESSON, forum=forums["national"])
    ActivityFactory(kind=K.SCHOOL_LESSON, forum=forums["national"])
    ActivityFactory(kind=K.WORKSHOP, forum=forums["national_2"])
    ActivityFactory(kind=K.WORKSHOP, forum=forums["kinki"])
    ActivityFactory(kind=K.SCHOOL_LESSON, forum=None)
    ActivityFactory(kind=K.CITIZEN_EVENT, forum=forums["kinki"])  # another kind
    ActivityFactory(kind=K.SEMINAR, forum=forums["kyushu"])  # another kind

    result = Indicator.objects.report(2021).get(indicator.code)

    assert result.current.source == COUNTED
    assert (result.total, result.national, result.regional) == (5, 3, 1)
    assert result.for_forum(forums["national"]) == 2
    assert result.for_forum(forums["national_2"]) == 1
    assert result.for_forum(forums["kinki"]) == 1
    assert result.for_forum(forums["kyushu"]) == 0


def test_citizen_participation_kpi_counts_lessons_and_workshops_per_scope_and_forum(plan, forums):
    for forum, kind in [
        (forums["national"], K.SCHOOL_LESSON),
        (forums["national"], K.SCHOOL_LESSON),
        (forums["national"], K.WORKSHOP),
        (forums["kinki"], K.SCHOOL_LESSON),
        (forums["kyushu"], K.WORKSHOP),
        (forums["kyushu"], K.CITIZEN_EVENT),
        (forums["kinki"], K.FORUM_MEETING),
    ]:
        ActivityFactory(kind=kind, forum=forum, date=D(2021, 11, 1))

    result = Indicator.objects.report(2021).get("lessons-and-workshops")

    assert result.target == 5
    assert (result.total, result.national, result.regional) == (5, 3, 2)
    assert [result.for_forum(f) for f in forums.values()] == [3, 0, 1, 1]
    assert result.percent == 100
    assert result.previous_total == 3  # FY2020 from the plan
    assert result.total_change == 2


def test_distinct_municipalities_same_one_twice_counts_once_same_name_elsewhere_twice(forums):
    indicator = IndicatorFactory(
        method=Indicator.Method.MUNICIPALITY_COUNT,
        activity_kinds=[K.MATCHING_CONSIDERED, K.CONSULTATION],
        unit=Indicator.Unit.MUNICIPALITIES,
    )
    osaka, hokkaido, fukushima = prefecture("27"), prefecture("01"), prefecture("07")
    first = ActivityFactory(kind=K.MATCHING_CONSIDERED, forum=forums["kinki"])
    second = ActivityFactory(kind=K.CONSULTATION, forum=forums["kinki"])
    third = ActivityFactory(kind=K.CONSULTATION, forum=forums["national"])
    ignored = ActivityFactory(kind=K.SEMINAR, forum=forums["national"])
    ActivityMunicipalityFactory(activity=first, prefecture=osaka, name="堺市")
    ActivityMunicipalityFactory(activity=second, prefecture=osaka, name=" 堺市")  # same one
    ActivityMunicipalityFactory(activity=first, prefecture=hokkaido, name="伊達市")
    ActivityMunicipalityFactory(activity=third, prefecture=fukushima, name="伊達市")  # another
    ActivityMunicipalityFactory(activity=third, prefecture=osaka, name="堺市")
    ActivityMunicipalityFactory(activity=third, prefecture=osaka, name="")  # 大阪府 itself
    ActivityMunicipalityFactory(activity=ignored, prefecture=osaka, name="岸和田市")

    result = Indicator.objects.report(2021).get(indicator.code)

    # 大阪府堺市, 北海道伊達市, 福島県伊達市, 大阪府
    assert result.total == 4
    assert result.regional == 2  # 堺市, 北海道伊達市
    assert result.national == 3  # 福島県伊達市, 堺市, 大阪府
    assert result.for_forum(forums["kinki"]) == 2


def test_municipality_count_without_kinds_counts_every_kind(forums):
    indicator = IndicatorFactory(method=Indicator.Method.MUNICIPALITY_COUNT, activity_kinds=[])
    seminar = ActivityFactory(kind=K.SEMINAR)
    lesson = ActivityFactory(kind=K.SCHOOL_LESSON)
    ActivityMunicipalityFactory(activity=seminar, prefecture=prefecture("13"), name="千代田区")
    ActivityMunicipalityFactory(activity=lesson, prefecture=prefecture("14"), name="横浜市")

    report = Indicator.objects.report(2021)

    assert report.get(indicator.code).total == 2
    assert report.counts_every_kind
    assert set(Activity.objects.counted_in(report)) == {seminar, lesson}


def test_ratio_divides_the_numerator_indicator_by_the_denominator():
    members = IndicatorFactory(method=Indicator.Method.ENTERED, activity_kinds=[])
    ratio = IndicatorFactory(
        method=Indicator.Method.RATIO,
        unit=Indicator.Unit.PERCENT,
        numerator=members,
        denominator=Decimal(1788),
        activity_kinds=[],
    )
    IndicatorTargetFactory(indicator=ratio, fiscal_year=2021, value=60)
    EnteredFigureFactory(indicator=members, fiscal_year=2021, value=1040)
    EnteredFigureFactory(indicator=members, fiscal_year=2020, value=1019)

    result = Indicator.objects.report(2021).get(ratio.code)

    assert result.current.source == RATIO
    assert result.total == Decimal("58.2")  # 1040 / 1788 = 58.17 %
    assert result.previous_total == Decimal("57.0")  # 1019 / 1788 = 56.99 %
    assert result.percent == 97  # 58.2 of the target 60
    assert result.total_change == Decimal("1.2")
    assert result.national is None  # no national figure entered for the numerator


def test_ratio_of_a_counted_numerator_follows_the_activities(forums):
    counted = IndicatorFactory(activity_kinds=[K.DEPLOYMENT])
    ratio = IndicatorFactory(
        method=Indicator.Method.RATIO, numerator=counted, denominator=Decimal(8), activity_kinds=[]
    )
    ActivityFactory(kind=K.DEPLOYMENT, forum=forums["kinki"])
    ActivityFactory(kind=K.DEPLOYMENT, forum=forums["national"])

    result = Indicator.objects.report(2021).get(ratio.code)

    assert (result.total, result.national, result.regional) == (
        Decimal("25.0"),
        Decimal("12.5"),
        Decimal("12.5"),
    )


def test_an_entered_ratio_overrides_the_calculation():
    members = IndicatorFactory(method=Indicator.Method.ENTERED, activity_kinds=[])
    ratio = IndicatorFactory(
        method=Indicator.Method.RATIO, numerator=members, denominator=1788, activity_kinds=[]
    )
    EnteredFigureFactory(indicator=members, fiscal_year=2020, value=1000)
    EnteredFigureFactory(indicator=ratio, fiscal_year=2020, value=57)

    result = Indicator.objects.report(2020).get(ratio.code)

    assert result.current.source == ENTERED
    assert result.total == 57


def test_entered_figure_indicator_shows_only_what_was_entered(forums):
    indicator = IndicatorFactory(method=Indicator.Method.ENTERED, activity_kinds=[])
    EnteredFigureFactory(
        indicator=indicator, fiscal_year=2021, scope=EnteredFigure.Scope.NATIONAL, value=48
    )
    EnteredFigureFactory(
        indicator=indicator,
        fiscal_year=2021,
        scope=EnteredFigure.Scope.FORUM,
        forum=forums["national"],
        value=30,
    )

    report = Indicator.objects.report(2021)
    result = report.get(indicator.code)

    assert (result.total, result.national, result.regional) == (None, 48, None)
    assert result.for_forum(forums["national"]) == 30
    assert result.for_forum(forums["kinki"]) is None
    assert Indicator.objects.report(2022).get(indicator.code).total is None


def test_entered_figures_replace_the_count_for_their_year_only(forums):
    indicator = IndicatorFactory(activity_kinds=[K.FIELD_TRIAL], counted_from=2019)
    ActivityFactory(kind=K.FIELD_TRIAL, date=D(2020, 6, 1), forum=forums["kinki"])
    ActivityFactory(kind=K.FIELD_TRIAL, date=D(2021, 6, 1), forum=forums["kinki"])
    EnteredFigureFactory(indicator=indicator, fiscal_year=2020, value=6)
    EnteredFigureFactory(
        indicator=indicator, fiscal_year=2020, scope=EnteredFigure.Scope.REGIONAL, value=2
    )

    fy2020 = Indicator.objects.report(2020).get(indicator.code)
    fy2021 = Indicator.objects.report(2021).get(indicator.code)

    assert (fy2020.total, fy2020.national, fy2020.regional) == (6, None, 2)
    assert fy2020.current.source == ENTERED
    assert fy2020.for_forum(forums["kinki"]) is None  # not counted in an entered year
    assert (fy2021.total, fy2021.regional) == (1, 1)
    assert fy2021.previous_total == 6
    assert fy2021.total_change == -5


def test_years_before_counting_started_have_no_figure(plan):
    indicator = IndicatorFactory(activity_kinds=[K.WORKSHOP], counted_from=2021)
    ActivityFactory(kind=K.WORKSHOP, date=D(2020, 12, 1))
    ActivityFactory(kind=K.SCHOOL_LESSON, date=D(2021, 5, 1))  # FY2021 counts activities

    fy2020 = Indicator.objects.report(2020).get(indicator.code)
    fy2021 = Indicator.objects.report(2021).get(indicator.code)

    assert fy2020.total is None and fy2020.current.source is None
    assert fy2021.total == 0
    assert fy2021.total_change is None


def test_a_year_without_counted_activities_has_no_counted_figures_not_zeros(plan, forums):
    workshops = IndicatorFactory(activity_kinds=[K.WORKSHOP], counted_from=2021)
    ActivityFactory(kind=K.SEMINAR, date=D(2025, 6, 1))  # counted by no indicator

    report = Indicator.objects.report(2025)

    assert not report.counts_activities and not report.has_records
    result = report.get(workshops.code)
    assert (result.total, result.national, result.for_forum(forums["kinki"])) == (None,) * 3
    assert not result.is_recorded and result.current.source_label == "未集計"
    assert report.get("municipalities-supported").total is None
    assert report.forum_table()[0] == []

    ActivityFactory(kind=K.FORUM_MEETING, date=D(2025, 6, 1))
    report = Indicator.objects.report(2025)

    # Now FY2025 has a counted activity: no workshop in it is a real 0.
    assert report.counts_activities and report.has_records
    assert report.get(workshops.code).total == 0 and report.get(workshops.code).is_recorded
    assert report.get("forum-meetings").total == 1


@pytest.mark.parametrize(
    ("moment", "counted_year"),
    [
        (datetime.datetime(2022, 3, 31, 23, 59, tzinfo=JAPAN), 2021),
        # Still March 31 in UTC, already FY2022 in Japan.
        (datetime.datetime(2022, 4, 1, 0, 30, tzinfo=JAPAN), 2022),
    ],
)
def test_which_year_has_counted_activities_is_decided_in_japan_time(
    plan, home_page, moment, counted_year
):
    source = StandardPageFactory(parent=home_page)
    activities.record(source, kind=K.WORKSHOP, date=moment, title="ワークショップ")

    other = 2022 if counted_year == 2021 else 2021
    assert Indicator.objects.report(counted_year).counts_activities
    assert Indicator.objects.report(counted_year).get("forum-meetings").total == 0
    assert not Indicator.objects.report(other).counts_activities
    assert Indicator.objects.report(other).get("forum-meetings").total is None


def test_how_each_figure_was_obtained_decides_whether_a_change_is_like_for_like(plan):
    ActivityFactory(kind=K.FORUM_MEETING, date=D(2021, 6, 1))
    ActivityFactory.create_batch(3, kind=K.FORUM_MEETING, date=D(2022, 6, 1))

    fy2021 = Indicator.objects.report(2021).get("forum-meetings")
    fy2022 = Indicator.objects.report(2022).get("forum-meetings")
    fy2023 = Indicator.objects.report(2023).get("forum-meetings")

    # FY2020's 19 was typed in from the plan; FY2021's 1 was counted here.
    assert (fy2021.previous.basis, fy2021.current.basis) == (ENTERED, COUNTED)
    assert fy2021.counted_differently and fy2021.total_change == -18
    assert fy2021.change_note == (
        "前年度と数え方が違うため、そのままは比べられません（2020年度は資料から入力した数値、"
        "2021年度は活動の記録から数えた数値）。"
    )
    assert not fy2022.counted_differently and fy2022.change_note == ""
    assert fy2022.total_change == 2
    # Nothing recorded in FY2023: nothing to compare.
    assert not fy2023.is_recorded and fy2023.previous_is_recorded
    assert fy2023.total_change is None and fy2023.change_note == ""


def test_a_ratio_is_obtained_the_way_its_numerator_is(plan):
    members = IndicatorFactory(method=Indicator.Method.ENTERED, activity_kinds=[])
    ratio = IndicatorFactory(
        method=Indicator.Method.RATIO, numerator=members, denominator=100, activity_kinds=[]
    )
    EnteredFigureFactory(indicator=ratio, fiscal_year=2020, value=40)
    EnteredFigureFactory(indicator=members, fiscal_year=2021, value=42)

    result = Indicator.objects.report(2021).get(ratio.code)

    assert result.current.source == RATIO and result.current.basis == ENTERED
    assert result.total_change == 2 and not result.counted_differently


def test_activities_without_a_forum_count_in_the_total_only():
    indicator = IndicatorFactory(activity_kinds=[K.SEMINAR])
    ActivityFactory(kind=K.SEMINAR, forum=None)

    result = Indicator.objects.report(2021).get(indicator.code)

    assert (result.total, result.national, result.regional) == (1, 0, 0)


def test_counted_sub_counts_add_up_to_the_matchings_indicator(plan, forums):
    kinds = [K.MATCHING_CONSIDERED] * 3 + [K.MATCHING_CONCLUDED, K.FIELD_TRIAL, K.DEPLOYMENT]
    for i, kind in enumerate(kinds):
        ActivityFactory(kind=kind, forum=forums["kinki"] if i % 2 else forums["national"])

    report = Indicator.objects.report(2021)
    parent = report.get("matchings")

    assert [child.indicator.code for child in parent.children] == [
        "matchings-considered",
        "matchings-concluded",
        "field-trials",
        "deployments",
    ]
    for scope in ("total", "national", "regional"):
        assert sum(c.current.scope(scope) for c in parent.children) == parent.current.scope(scope)
    assert parent.total == 6
    assert parent.breakdown_mismatch == []


def test_plan_fy2020_sub_counts_add_up_113_14_6_0_to_133(plan):
    parent = Indicator.objects.report(2020).get("matchings")

    assert [child.total for child in parent.children] == [113, 14, 6, 0]
    assert sum(child.total for child in parent.children) == parent.total == 133
    assert sum(child.national for child in parent.children) == parent.national == 10
    assert sum(child.regional for child in parent.children) == parent.regional == 123
    assert parent.breakdown_mismatch == []


def test_entered_sub_counts_that_do_not_add_up_are_flagged(plan):
    considered = Indicator.objects.get(code="matchings-considered")
    EnteredFigure.objects.filter(
        indicator=considered, fiscal_year=2020, scope=EnteredFigure.Scope.ALL
    ).update(value=100)

    assert Indicator.objects.report(2020).get("matchings").breakdown_mismatch == ["total"]


def test_target_and_percentage(plan):
    ActivityFactory.create_batch(2, kind=K.WORKSHOP, date=D(2021, 5, 1))

    result = Indicator.objects.report(2021).get("lessons-and-workshops")

    assert result.target == 5
    assert result.percent == 40
    assert result.meter_value == 40


def test_percentage_beyond_the_target_is_shown_but_the_bar_stops_at_100(plan):
    ActivityFactory.create_batch(8, kind=K.WORKSHOP, date=D(2021, 5, 1))

    result = Indicator.objects.report(2021).get("lessons-and-workshops")

    assert result.percent == 160
    assert result.meter_value == 100


def test_report_restricted_to_codes_still_computes_a_ratios_numerator():
    members = IndicatorFactory(method=Indicator.Method.ENTERED, activity_kinds=[])
    ratio = IndicatorFactory(
        method=Indicator.Method.RATIO, numerator=members, denominator=100, activity_kinds=[]
    )
    EnteredFigureFactory(indicator=members, fiscal_year=2021, value=42)

    report = Indicator.objects.report(2021, codes={ratio.code})

    assert [result.indicator for result in report.results] == [ratio]
    assert report.get(ratio.code).total == Decimal("42.0")


def test_report_takes_a_fixed_number_of_queries(django_assert_num_queries, plan, forums):
    for i in range(30):
        activity = ActivityFactory(
            kind=[K.MATCHING_CONSIDERED, K.SCHOOL_LESSON, K.CONSULTATION][i % 3],
            forum=list(forums.values())[i % 4],
        )
        ActivityMunicipalityFactory(activity=activity, name=f"市{i}")

    # indicators, targets, forums, entered figures, activity counts, municipalities, and the
    # membership register's count for 31 March 2022 (a computed indicator, members/kpi_sync.py)
    with django_assert_num_queries(7):
        Indicator.objects.report(2021)


def test_a_computed_indicator_fills_the_years_from_its_first_year(plan, settings):
    """The hook other apps use (kpi.activities.register_computed): entered figures win,
    years before the first one are not computed, the ratio follows its numerator."""
    from kpi import activities, computed

    before = computed.get("municipal-members")
    try:
        activities.register_computed(
            "municipal-members",
            lambda years: {year: 894 + year - 2021 for year in years},
            label="名簿",
            first_year=lambda: 2021,
        )
        report = Indicator.objects.report(2022)
        members = report.get("municipal-members")
        assert (members.total, members.previous_total) == (Decimal(895), Decimal(894))
        assert members.current.source_label == "名簿から計算"
        assert report.get("municipal-membership-ratio").total == Decimal("50.1")
        assert Indicator.objects.report(2020).get("municipal-membership-ratio").total == Decimal(57)
        assert Indicator.objects.report(2020).get("municipal-members").total is None
    finally:
        computed._registry["municipal-members"] = before
