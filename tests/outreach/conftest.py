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


def booking_data(**overrides):
    """A valid booking form submission (add `slot` or `preferred_date_1`)."""
    data = {
        "school_name": "千代田区立霞が関小学校",
        "school_type": "elementary",
        "prefecture": "13",
        "city": "千代田区",
        "address": "霞が関1-2-3",
        "teacher_name": "山田 花子",
        "email": "hanako.yamada@example.jp",
        "phone": "03-1234-5678",
        "grade": "e5",
        "classes": "1",
        "pupils": "32",
        "accessibility_needs": "",
        "notes": "体育館で実施したいです。",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def tokyo():
    return prefecture("13")
