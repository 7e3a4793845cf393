"""Delivered lessons and the KPIs (outreach/kpi_sync.py): written only when what counts changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kpi import activities, counting
from kpi.models import Activity
from outreach.models import BookingStatus

from .factories import BookingFactory

pytestmark = pytest.mark.django_db

S = BookingStatus


def kpi_queries(queries):
    return [query["sql"] for query in queries if "kpi_" in query["sql"]]


def writes(queries):
    return [
        sql
        for sql in kpi_queries(queries)
        if sql.split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]


def test_saving_a_delivered_booking_unchanged_writes_no_activity(delivered):
    activity = activities.recorded_for(delivered)
    version = counting.figures_version()
    delivered.refresh_from_db()
    delivered.report = "当日の様子を追記"

    with CaptureQueriesContext(connection) as queries:
        delivered.save()

    assert writes(queries.captured_queries) == []
    assert Activity.objects.get().updated_at == activity.updated_at
    assert counting.figures_version() == version


def test_a_save_of_other_fields_only_does_not_look_at_the_activity(delivered):
    delivered.notes = "駐車場は正門の横です"
    with CaptureQueriesContext(connection) as queries:
        delivered.save(update_fields=["notes", "updated_at"])
    assert kpi_queries(queries.captured_queries) == []


def test_a_new_booking_that_does_not_count_does_not_look_at_the_activities(lesson):
    with CaptureQueriesContext(connection) as queries:
        BookingFactory(lesson=lesson, status=S.REQUESTED)
    assert kpi_queries(queries.captured_queries) == []


def test_a_change_of_what_counts_updates_the_activity(delivered):
    version = counting.figures_version()
    delivered.pupils_attended = 28
    delivered.save()
    assert activities.recorded_for(delivered).participants == 28
    assert counting.figures_version() != version


def test_publishing_a_retitled_lesson_retitles_its_activities(delivered, lesson):
    lesson.title = "橋を守る仕事を知ろう"
    lesson.save_revision().publish()
    assert "橋を守る仕事を知ろう" in activities.recorded_for(delivered).title
    assert Activity.objects.count() == 1
