"""Simultaneous requests, each on its own thread and database connection.

Run on SQLite by default and on PostgreSQL with DATABASE_URL; both must hold. Transactional
tests empty the database afterwards, so they restore the migrated data (prefectures, the
Wagtail root page) with serialized_rollback.
"""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from outreach.forms import SLOT_TAKEN_MESSAGE
from outreach.models import Booking
from tests.factories import make_home_page

from .factories import (
    LessonIndexPageFactory,
    LessonPageFactory,
    LessonSlotFactory,
    booking_data,
    school_day_on_or_after,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_at_once(count, submit):
    """Call submit(i) on `count` threads released together; returns what each returned."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def worker(i):
        try:
            barrier.wait(timeout=30)
            results[i] = submit(i)
        except Exception as error:  # recorded, so the test reports it instead of hanging
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.fixture
def lesson_index():
    return LessonIndexPageFactory(parent=make_home_page())


def post_booking(url, data, i):
    response = Client().post(url, data, REMOTE_ADDR=f"198.51.100.{i + 1}")
    return response.status_code, response.content.decode(), response.get("Location", "")


def test_twenty_simultaneous_bookings_of_one_slot_make_exactly_one(lesson_index):
    today = timezone.localdate()
    lesson = LessonPageFactory(parent=lesson_index, slug="bridge")
    slot = LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=30), capacity=1)
    other_slot = LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=44))
    url = lesson.url + "book/"

    results = run_at_once(
        20,
        lambda i: post_booking(
            url,
            booking_data(
                slot=slot.pk, school_name=f"千代田区立第{i}小学校", email=f"teacher{i}@example.jp"
            ),
            i,
        ),
    )

    assert not [result for result in results if isinstance(result, Exception)], results
    statuses = sorted(status for status, _html, _location in results)
    assert statuses == [200] * 19 + [302]
    assert Booking.objects.filter(slot=slot).count() == 1
    for status, html, _location in results:
        if status == 200:
            assert SLOT_TAKEN_MESSAGE in html
            # The teacher is offered the slot that is still open.
            assert f'value="{other_slot.pk}"' in html
            assert other_slot.label in html


def test_simultaneous_identical_submissions_make_one_booking(lesson_index):
    today = timezone.localdate()
    lesson = LessonPageFactory(parent=lesson_index, slug="river", booking_mode="request")
    day = school_day_on_or_after(today + datetime.timedelta(days=30))
    data = booking_data(preferred_date_1=day.isoformat())
    url = lesson.url + "book/"

    results = run_at_once(10, lambda i: post_booking(url, data, i))

    assert not [result for result in results if isinstance(result, Exception)], results
    assert [status for status, _html, _location in results] == [302] * 10
    booking = Booking.objects.get()
    tokens = {location.split("/")[2] for _status, _html, location in results}
    assert {Booking.objects.from_token(token) for token in tokens} == {booking}


def test_simultaneous_bookings_get_distinct_references(lesson_index):
    today = timezone.localdate()
    lesson = LessonPageFactory(parent=lesson_index, slug="town", booking_mode="request")
    url = lesson.url + "book/"
    day = school_day_on_or_after(today + datetime.timedelta(days=30)).isoformat()

    results = run_at_once(
        10,
        lambda i: post_booking(
            url, booking_data(preferred_date_1=day, school_name=f"千代田区立第{i}小学校"), i
        ),
    )

    assert [status for status, _html, _location in results] == [302] * 10
    numbers = sorted(Booking.objects.values_list("reference_number", flat=True))
    assert numbers == list(range(1, 11))
    assert Booking.objects.values("reference").distinct().count() == 10


def test_simultaneous_identical_submissions_for_the_last_place_land_on_one_booking(lesson_index):
    """A double tap on a slow connection: every copy of the form lands on the one booking,
    none is told that "another school" took the place."""
    today = timezone.localdate()
    lesson = LessonPageFactory(parent=lesson_index, slug="tunnel")
    slot = LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=30), capacity=1)
    data = booking_data(slot=slot.pk)

    results = run_at_once(8, lambda i: post_booking(lesson.url + "book/", data, i))

    assert not [result for result in results if isinstance(result, Exception)], results
    assert [status for status, _html, _location in results] == [302] * 8
    booking = Booking.objects.get()
    tokens = {location.split("/")[2] for _status, _html, location in results}
    assert {Booking.objects.from_token(token) for token in tokens} == {booking}


def test_one_school_sending_two_slots_at_once_gets_one_booking_for_the_year(lesson_index):
    """Under the one-per-school rule, two forms from one school for two slots of the same
    fiscal year (spelled 第一 and 第1) race: one booking, the other is told why."""
    today = timezone.localdate()
    lesson = LessonPageFactory(
        parent=lesson_index, slug="dam", one_booking_per_school_per_year=True
    )
    day = today + datetime.timedelta(days=30)
    slots = [
        LessonSlotFactory(lesson=lesson, date=day, capacity=3),
        LessonSlotFactory(lesson=lesson, date=day + datetime.timedelta(days=1), capacity=3),
    ]
    names = ["千代田区立第一小学校", "千代田区立第1小学校"]

    results = run_at_once(
        2,
        lambda i: post_booking(
            lesson.url + "book/",
            booking_data(slot=slots[i].pk, school_name=names[i], email=f"t{i}@example.jp"),
            i,
        ),
    )

    assert not [result for result in results if isinstance(result, Exception)], results
    assert sorted(status for status, _html, _location in results) == [200, 302]
    assert Booking.objects.count() == 1
    (refused,) = [html for status, html, _location in results if status == 200]
    assert "1校につき年度内1回まで" in refused
