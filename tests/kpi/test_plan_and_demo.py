import datetime
import importlib

import pytest
from django.apps import apps

from kpi.models import (
    Activity,
    ActivityKind,
    EnteredFigure,
    Indicator,
    IndicatorTarget,
    KpiDashboardPage,
)
from kpi.plan import FIGURES, INDICATORS, load_plan

pytestmark = pytest.mark.django_db


def row_counts():
    return (
        Indicator.objects.count(),
        IndicatorTarget.objects.count(),
        EnteredFigure.objects.count(),
    )


def test_the_migration_loaded_the_plan():
    # No fixture: the test database was built by the migrations.
    assert set(Indicator.objects.values_list("code", flat=True)) >= {s["code"] for s in INDICATORS}
    assert EnteredFigure.objects.filter(fiscal_year=2020).count() == len(FIGURES)


def test_loading_the_plan_again_changes_nothing_and_keeps_editors_changes(plan):
    target = IndicatorTarget.objects.get(indicator__code="lessons-and-workshops", fiscal_year=2021)
    target.value = 6
    target.save()
    before = row_counts()

    assert load_plan(apps) == 0

    assert row_counts() == before
    target.refresh_from_db()
    assert target.value == 6


def test_the_plans_structure(plan):
    matchings = Indicator.objects.get(code="matchings")
    ratio = Indicator.objects.get(code="municipal-membership-ratio")

    assert list(matchings.children.values_list("code", flat=True)) == [
        "matchings-considered",
        "matchings-concluded",
        "field-trials",
        "deployments",
    ]
    assert matchings.children_add_up
    assert ratio.numerator.code == "municipal-members" and ratio.denominator == 1788
    assert Indicator.objects.get(code="lessons-and-workshops").activity_kinds == [
        "school_lesson",
        "workshop",
    ]
    assert dict(
        IndicatorTarget.objects.filter(fiscal_year=2021).values_list("indicator__code", "value")
    ) == {
        "municipalities-supported": 100,
        "forum-meetings": 50,
        "matchings": 150,
        "municipal-membership-ratio": 60,
        "lessons-and-workshops": 5,
    }


@pytest.mark.django_db
def test_the_demo_names_the_municipalities_of_an_event_that_records_its_activity(home_page):
    from kpi.demo import name_event_municipalities
    from tests.events.factories import EventPageFactory
    from tests.kpi.factories import ActivityFactory

    event = EventPageFactory(parent=home_page, title="実証実験：ドローンによる橋梁点検の現場試行")
    recorded = ActivityFactory(
        title=event.title,
        date=datetime.date(2021, 8, 24),
        kind=ActivityKind.FIELD_TRIAL,
        source_object_id=str(event.pk),
        participants=24,
    )

    assert name_event_municipalities() == 1
    assert name_event_municipalities() == 0  # the demo can be loaded again
    assert [m.name for m in recorded.municipalities.all()] == ["堺市"]


FY2020_TARGETS = {
    # The KPI column of the plan's 「令和2年度 KPI 結果」.
    "municipalities-supported": 100,
    "forum-meetings": 50,
    "matchings": 150,
    "municipal-membership-ratio": 60,
    "lessons-and-workshops": 5,
}


def fy2020_targets():
    return dict(
        IndicatorTarget.objects.filter(fiscal_year=2020).values_list("indicator__code", "value")
    )


def test_the_plans_fy2020_targets_are_loaded_as_the_plan_states():
    # No fixture: the migrations loaded them.
    assert fy2020_targets() == FY2020_TARGETS
    report = Indicator.objects.report(2020)
    assert report.has_targets
    # FY2020 against its own target: 83 of 100 local governments, 3 of 5 lessons and workshops.
    assert report.get("municipalities-supported").percent == 83
    assert report.get("lessons-and-workshops").percent == 60


def test_the_migration_adds_the_fy2020_targets_to_a_database_migrated_before(plan):
    migration = importlib.import_module("kpi.migrations.0006_plan_fy2020_targets")
    IndicatorTarget.objects.filter(fiscal_year=2020).delete()
    Indicator.objects.filter(code="forum-meetings").delete()  # an editor removed one
    before_2021 = IndicatorTarget.objects.filter(fiscal_year=2021).count()

    migration.load_fy2020_targets(apps, None)
    migration.load_fy2020_targets(apps, None)

    expected = {code: value for code, value in FY2020_TARGETS.items() if code != "forum-meetings"}
    assert fy2020_targets() == expected
    assert not Indicator.objects.filter(code="forum-meetings").exists()
    assert IndicatorTarget.objects.filter(fiscal_year=2021).count() == before_2021


def test_loading_the_demo_again_adds_the_fy2020_targets_and_nothing_twice(home_page, plan):
    from kpi.demo import load

    # A database loaded before the FY2020 targets were in the plan, with an editor's change.
    IndicatorTarget.objects.filter(fiscal_year=2020).delete()
    load(home_page)
    target = IndicatorTarget.objects.get(indicator__code="matchings", fiscal_year=2020)
    target.value = 140
    target.save()
    before = (*row_counts(), Activity.objects.count(), KpiDashboardPage.objects.count())

    load(home_page)

    assert (*row_counts(), Activity.objects.count(), KpiDashboardPage.objects.count()) == before
    assert fy2020_targets() == {**FY2020_TARGETS, "matchings": 140}
