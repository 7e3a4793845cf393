import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kpi import activities, counting
from kpi.models import Activity, ActivityKind, Indicator
from tests.factories import ForumFactory, StandardPageFactory, prefecture
from website.dates import JAPAN

pytestmark = pytest.mark.django_db
K = ActivityKind


@pytest.fixture
def source(home_page):
    return StandardPageFactory(parent=home_page, title="こども霞が関デーのワークショップ")


def record(source, **overrides):
    arguments = {
        "kind": K.WORKSHOP,
        "date": datetime.date(2021, 8, 4),
        "title": source.title,
        "page": source,
    }
    return activities.record(source, **(arguments | overrides))


def test_recording_twice_keeps_one_activity_and_updates_it(source, plan):
    forum = ForumFactory()
    first = record(source, participants=30)
    second = record(source, participants=45, forum=forum)

    assert first.pk == second.pk
    assert Activity.objects.count() == 1
    activity = activities.recorded_for(source)
    assert (activity.participants, activity.forum, activity.page_id) == (45, forum, source.pk)
    assert activity.is_recorded_automatically
    assert Indicator.objects.report(2021).get("lessons-and-workshops").total == 1


def test_remove_is_idempotent_and_only_touches_its_source(source, home_page):
    other = StandardPageFactory(parent=home_page)
    record(source)
    record(other)

    assert activities.remove(source) == 1
    assert activities.remove(source) == 0
    assert activities.recorded_for(source) is None
    assert activities.recorded_for(other) is not None


def test_record_remove_record_counts_once(source, plan):
    record(source)
    activities.remove(source)
    record(source)
    record(source)

    assert Indicator.objects.report(2021).get("lessons-and-workshops").total == 1


def test_changing_the_date_moves_the_activity_to_another_fiscal_year(source, plan):
    record(source, date=datetime.date(2022, 3, 31))
    assert Indicator.objects.report(2021).get("lessons-and-workshops").total == 1

    record(source, date=datetime.date(2022, 4, 1))

    # Nothing is left recorded in FY2021: no figure (「未集計」) rather than a count of 0.
    assert Indicator.objects.report(2021).get("lessons-and-workshops").total is None
    assert Indicator.objects.report(2022).get("lessons-and-workshops").total == 1


@pytest.mark.parametrize(
    ("moment", "expected_date", "expected_year"),
    [
        (
            datetime.datetime(2022, 3, 31, 23, 59, 59, tzinfo=JAPAN),
            datetime.date(2022, 3, 31),
            2021,
        ),
        (datetime.datetime(2022, 4, 1, 0, 0, tzinfo=JAPAN), datetime.date(2022, 4, 1), 2022),
        # Still March 31 in UTC, but already April 1 in Japan.
        (
            datetime.datetime(2022, 3, 31, 15, 0, tzinfo=datetime.UTC),
            datetime.date(2022, 4, 1),
            2022,
        ),
        (
            datetime.datetime(2022, 3, 31, 14, 59, 59, tzinfo=datetime.UTC),
            datetime.date(2022, 3, 31),
            2021,
        ),
    ],
)
def test_a_datetime_is_recorded_as_its_japan_date(source, moment, expected_date, expected_year):
    activity = record(source, date=moment)

    activity.refresh_from_db()
    assert activity.date == expected_date
    assert activity.fiscal_year == expected_year


def test_municipalities_are_replaced_or_left_alone(source):
    record(source, municipalities=[(prefecture("27"), "堺市"), (prefecture("26"), "舞鶴市")])
    record(source)  # None: keep them
    activity = activities.recorded_for(source)
    assert [str(m) for m in activity.municipalities.all()] == ["大阪府堺市", "京都府舞鶴市"]

    record(source, municipalities=[(prefecture("01"), "")])

    assert [str(m) for m in activity.municipalities.all()] == ["北海道"]


def writes(queries):
    """The SQL statements that changed something."""
    return [
        query["sql"]
        for query in queries
        if query["sql"].split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]


def test_recording_what_is_already_recorded_writes_nothing(source, plan):
    forum = ForumFactory()
    tokyo = prefecture("13")
    arguments = {"participants": 30, "forum": forum, "municipalities": [(tokyo, "千代田区")]}
    recorded = record(source, **arguments)
    version = counting.figures_version()

    with CaptureQueriesContext(connection) as queries:
        again = record(source, **arguments)

    assert writes(queries.captured_queries) == []
    assert again.pk == recorded.pk
    assert Activity.objects.get().updated_at == recorded.updated_at
    assert counting.figures_version() == version


def test_recording_a_change_of_municipalities_alone_rewrites_them(source, plan):
    tokyo = prefecture("13")
    record(source, municipalities=[(tokyo, "千代田区")])
    record(source, municipalities=[(tokyo, "千代田区"), (tokyo, "港区")])
    activity = activities.recorded_for(source)
    assert [m.name for m in activity.municipalities.all()] == ["千代田区", "港区"]
    record(source, municipalities=[])
    assert not activity.municipalities.exists()


def test_activity_kinds_come_from_the_front_door():
    assert activities.ActivityKind is ActivityKind
