"""SQL queries of a lesson page stay the same whatever its photos, open dates and bookings."""

import datetime

import pytest

from outreach.models import BookingStatus, LessonPagePhoto, LessonSlot
from tests.factories import ImageFactory
from tests.listing_sql import listing_sql

from .factories import BookingFactory, LessonSlotFactory

pytestmark = pytest.mark.django_db


def grow(lesson, today, count):
    images = ImageFactory.create_batch(2)
    start = lesson.photos.count()
    for number in range(start, start + count):
        LessonPagePhoto.objects.create(
            page=lesson, image=images[number % 2], caption=f"授業の様子{number}", sort_order=number
        )
    slots = LessonSlot.objects.bulk_create(
        LessonSlot(
            lesson=lesson,
            date=today + datetime.timedelta(days=20 + number % 60),
            start_time=datetime.time(9 + number % 6, 0),
            capacity=2,
        )
        for number in range(start, start + count)
    )
    for slot in slots[::2]:
        BookingFactory(
            lesson=lesson, slot=slot, lesson_date=slot.date, status=BookingStatus.CONFIRMED
        )


def test_lesson_page_queries_do_not_grow_with_photos_dates_or_bookings(
    client, lesson, today, django_assert_max_num_queries
):
    LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=30))
    grow(lesson, today, 2)
    client.get(lesson.url)  # renditions are made once, as for the first visitor
    with django_assert_max_num_queries(30) as small:
        client.get(lesson.url)
    small_count = len(small.captured_queries)  # now: the query log is a bounded deque
    grow(lesson, today, 60)
    client.get(lesson.url)
    with django_assert_max_num_queries(small_count):
        response = client.get(lesson.url)
    html = response.content.decode()
    assert html.count('class="slot-list__label"') == 63
    assert html.count("<figure>") == 62
    assert html.count("fill-400x267.format-webp") == 62 * 2  # src and srcset


def test_lesson_cards_read_only_the_fields_they_show(client, lesson, lesson_index, today):
    LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=30))
    listing, html = listing_sql(client, lesson_index.url, "outreach_lessonpage")
    assert "橋の点検を体験しよう" in html and "受付中" in html
    assert '"min_notice_days"' in listing and '"target_grades"' in listing
    for unshown in ("preparations", "preparation_note", "fee_note", "max_pupils"):
        assert f'"{unshown}"' not in listing
    assert '"website_forum"."short_description"' not in listing


def test_home_lessons_are_read_from_the_lesson_index_branch_only(client, lesson, lesson_index):
    """PostgreSQL walked every page of the site in tree order until it met three lessons;
    bounded to the index's branch, it reads that range of the path index."""
    listing, html = listing_sql(client, "/", "outreach_lessonpage")
    assert "橋の点検を体験しよう" in html
    assert f"{lesson_index.path}%" in listing
