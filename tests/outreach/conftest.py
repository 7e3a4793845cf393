import datetime

import pytest
from django.utils import timezone

from outreach.bookings import change_status
from outreach.models import BookingStatus
from tests.factories import ForumFactory, prefecture

from .factories import (
    BookingFactory,
    LessonIndexPageFactory,
    LessonPageFactory,
    LessonSlotFactory,
)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def lesson_index(home_page):
    return LessonIndexPageFactory(parent=home_page)


@pytest.fixture
def lesson(lesson_index):
    return LessonPageFactory(parent=lesson_index, title="橋の点検を体験しよう", slug="bridge")


@pytest.fixture
def slot(lesson, today):
    return LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=30))


@pytest.fixture
def request_lesson(lesson_index):
    """A lesson booked by preferred dates, visiting Tokyo or online."""
    return LessonPageFactory(
        parent=lesson_index,
        title="川と堤防のしくみ",
        slug="river",
        booking_mode="request",
        online_available=True,
        min_notice_days=14,
    )


@pytest.fixture
def tokyo():
    return prefecture("13")


@pytest.fixture
def delivered(lesson, tokyo):
    """A lesson of the 市民参画フォーラム delivered to 31 pupils in Chiyoda on 2021-10-15."""
    lesson.forum = ForumFactory(name="市民参画フォーラム")
    lesson.save()
    booking = BookingFactory(
        lesson=lesson,
        prefecture=tokyo,
        city="千代田区",
        lesson_date=datetime.date(2021, 10, 15),
        status=BookingStatus.CONFIRMED,
        pupils=32,
    )
    return change_status(booking, BookingStatus.DELIVERED, pupils_attended=31)
