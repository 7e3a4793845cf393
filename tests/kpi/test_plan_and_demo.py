import datetime

import pytest
from django.apps import apps

from kpi.models import (
    ActivityKind,
    EnteredFigure,
    Indicator,
    IndicatorTarget,
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
