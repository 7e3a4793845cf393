import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from kpi.counting import build_report
from kpi.models import (
    Activity,
    ActivityKind,
    ActivityMunicipality,
    EnteredFigure,
    Indicator,
    IndicatorTarget,
    KpiDashboardPage,
)
from kpi.plan import FIGURES, INDICATORS, load_plan

pytestmark = pytest.mark.django_db

# 支援自治体数 of FY2021 in the demo: (total, national, regional).
SUPPORTED_FY2021 = (32, 5, 27)


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


def test_demo_is_idempotent_and_fills_the_fy2021_dashboard(client):
    call_command("load_demo")
    counts = (*row_counts(), Activity.objects.count(), ActivityMunicipality.objects.count())
    call_command("load_demo")

    assert (*row_counts(), Activity.objects.count(), ActivityMunicipality.objects.count()) == (
        counts
    )
    dashboard = KpiDashboardPage.objects.get()
    assert dashboard.live and dashboard.show_in_menus
    report = build_report(2021)
    supported = report.get("municipalities-supported")
    # 五島市 and the three of the support meeting (伊達市 in two prefectures, 北海道) entered by
    # hand, 堺市 of the events demo's 実証実験, and the local governments of the matchings demo
    # (matching/demo.py), some of them through national forums.
    assert (supported.total, supported.national, supported.regional) == SUPPORTED_FY2021
    matchings = report.get("matchings")
    # The events demo records field trials too, so count what the demo data holds.
    matching_kinds = [
        ActivityKind.MATCHING_CONSIDERED,
        ActivityKind.MATCHING_CONCLUDED,
        ActivityKind.FIELD_TRIAL,
        ActivityKind.DEPLOYMENT,
    ]
    recorded = Activity.objects.in_fiscal_year(2021).of_kinds(matching_kinds).count()
    assert recorded >= 12
    assert matchings.total == sum(child.total for child in matchings.children) == recorded
    # Counted once: the matchings demo records its stages, the events demo its held 実証実験,
    # and nothing of the kind is entered by hand any more.
    from matching.funnel import funnel

    fy2021 = Activity.objects.in_fiscal_year(2021).of_kinds(matching_kinds)
    assert not fy2021.filter(source_object_id="").exists()
    stages = sum(step.count for step in funnel(2021)["all"])
    held = fy2021.filter(source_content_type__model="eventpage").count()
    assert held >= 1 and matchings.total == stages + held
    assert [child.total for child in matchings.children] == [
        Activity.objects.in_fiscal_year(2021).filter(kind=kind).count() for kind in matching_kinds
    ]
    assert report.get("municipal-membership-ratio").total == Decimal("58.2")
    # The drone field trial is one activity, recorded by its event page, not also by hand.
    from kpi.counting import recorded_twice

    assert recorded_twice(report) == {}
    drone = Activity.objects.get(title="実証実験：ドローンによる橋梁点検の現場試行")
    assert drone.source_object_id and drone.participants == 24
    assert [m.name for m in drone.municipalities.all()] == ["堺市"]

    response = client.get(dashboard.url, {"year": "2021"})
    html = response.content.decode()
    assert response.status_code == 200
    # Matchings have no page: they count, listed without their need's title and places.
    assert "非公開の活動" in html and "橋梁点検へのドローンの導入" not in html
    assert "北海道伊達市、福島県伊達市、北海道" in html


@pytest.mark.django_db
def test_a_demo_loaded_before_drops_its_hand_entered_copy_of_a_recorded_activity(home_page):
    from kpi.demo import merge_activities_recorded_twice
    from tests.events.factories import EventPageFactory
    from tests.kpi.factories import ActivityFactory, ActivityMunicipalityFactory

    event = EventPageFactory(parent=home_page, title="実証実験：ドローンによる橋梁点検の現場試行")
    recorded = ActivityFactory(
        title=event.title,
        date=datetime.date(2021, 8, 24),
        kind=ActivityKind.FIELD_TRIAL,
        source_object_id=str(event.pk),
        participants=24,
    )
    by_hand = ActivityFactory(
        title=event.title,
        date=datetime.date(2021, 8, 24),
        kind=ActivityKind.FIELD_TRIAL,
        participants=18,
    )
    ActivityMunicipalityFactory(activity=by_hand, name="堺市")

    assert merge_activities_recorded_twice() == 1
    assert list(Activity.objects.all()) == [recorded]
    assert [m.name for m in recorded.municipalities.all()] == ["堺市"]


def test_a_demo_loaded_before_drops_its_hand_entered_matchings(home_page):
    """Earlier demos entered FY2021's matchings by hand; the matchings demo records them now."""
    from kpi.demo import ENTERED_MATCHINGS_BEFORE, load
    from tests.kpi.factories import ActivityFactory

    date, title = ENTERED_MATCHINGS_BEFORE[-1]
    ActivityFactory(title=title, date=date, kind=ActivityKind.FIELD_TRIAL)
    kept = ActivityFactory(title=title, date=date, kind=ActivityKind.FIELD_TRIAL)
    kept.source_object_id = "7"
    kept.save()

    load(home_page)

    assert list(Activity.objects.filter(title=title)) == [kept]
    assert not Activity.objects.of_kinds([ActivityKind.MATCHING_CONSIDERED]).exists()
