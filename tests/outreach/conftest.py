import datetime

import pytest
from django.utils import timezone

from tests.factories import prefecture

from .factories import LessonIndexPageFactory, LessonPageFactory, LessonSlotFactory


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
