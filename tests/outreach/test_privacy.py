import datetime
import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.search.index import class_is_indexed

from kpi import activities
from outreach.bookings import change_status
from outreach.models import PERSONAL_DATA_FIELDS, Booking, BookingStatus
from tests.factories import ForumFactory
from website.dates import JAPAN
from website.models import ForumOwnedLogEntry

from .factories import BookingFactory, LessonSlotFactory

pytestmark = pytest.mark.django_db

TEACHER = {
    "teacher_name": "秘密 太郎",
    "email": "himitsu.taro@example.jp",
    "phone": "090-9876-5432",
    "address": "秘密町9-9-9",
    "notes": "秘密のメモ",
    "accessibility_needs": "秘密の配慮",
}


@pytest.fixture
def private_booking(lesson, today):
    slot = LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=30), capacity=2)
    return BookingFactory(lesson=lesson, slot=slot, lesson_date=None, **TEACHER)


def assert_nothing_personal(html, where):
    for value in TEACHER.values():
        assert value not in html, (where, value)


def test_public_pages_never_show_personal_data(client, home_page, lesson, private_booking):
    forum = ForumFactory(slug="citizen")
    lesson.forum = forum
    lesson.save()
    change_status(private_booking, BookingStatus.CONFIRMED)
    for url in (
        home_page.url,
        lesson.get_parent().url,
        lesson.url,
        lesson.url + "book/",
        forum.get_absolute_url(),
        "/sitemap.xml",
        "/search/?q=秘密",
        "/search/?q=himitsu",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_nothing_personal(response.content.decode(), url)


def test_bookings_are_not_in_the_search_index(client, private_booking):
    assert not class_is_indexed(Booking)
    response = client.get("/search/", {"q": private_booking.school_name})
    assert private_booking.reference not in response.content.decode()


def test_admin_logs_name_the_booking_by_its_reference(private_booking, admin_user):
    change_status(private_booking, BookingStatus.CONFIRMED, user=admin_user)
    entries = ForumOwnedLogEntry.objects.all()
    assert entries
    for entry in entries:
        assert_nothing_personal(f"{entry.label} {entry.data}", "log")
    assert str(private_booking) == private_booking.reference


# The retention command


def delivered_on(lesson, day):
    booking = BookingFactory(
        lesson=lesson,
        lesson_date=day,
        status=BookingStatus.DELIVERED,
        pupils_attended=25,
        **TEACHER,
    )
    booking.refresh_from_db()
    return booking


def purge(*args, now):
    out = io.StringIO()
    with mock.patch("django.utils.timezone.now", return_value=now):
        call_command("purge_booking_personal_data", *args, stdout=out)
    return out.getvalue()


def is_anonymised(booking):
    booking.refresh_from_db()
    blanked = all(getattr(booking, name) == "" for name in PERSONAL_DATA_FIELDS)
    assert blanked == (booking.anonymised_at is not None)
    return blanked


END_OF_FY2026 = datetime.datetime(2027, 3, 31, 23, 59, tzinfo=JAPAN)
START_OF_FY2027 = datetime.datetime(2027, 4, 1, 0, 0, tzinfo=JAPAN)


def test_personal_data_is_kept_until_the_end_of_the_following_fiscal_year(lesson):
    fy2024_last_day = delivered_on(lesson, datetime.date(2025, 3, 31))
    fy2025_first_day = delivered_on(lesson, datetime.date(2025, 4, 1))

    output = purge(now=END_OF_FY2026)  # FY2026: FY2024 and before go, FY2025 stays
    assert is_anonymised(fy2024_last_day)
    assert not is_anonymised(fy2025_first_day)
    assert "2024年度以前の申込み 1 件" in output

    purge(now=START_OF_FY2027)  # one minute later, FY2025 has had its following year
    assert is_anonymised(fy2025_first_day)


def test_anonymising_keeps_what_the_kpis_count(lesson, tokyo):
    booking = delivered_on(lesson, datetime.date(2021, 10, 15))
    activity_before = activities.recorded_for(booking)
    purge(now=START_OF_FY2027)
    booking.refresh_from_db()
    assert is_anonymised(booking)
    assert booking.status == BookingStatus.DELIVERED
    assert booking.lesson_date == datetime.date(2021, 10, 15)
    assert (booking.prefecture, booking.city) == (tokyo, "千代田区")
    assert booking.pupils == 30 and booking.pupils_attended == 25
    assert booking.school_name  # an institution, not a person
    activity = activities.recorded_for(booking)
    assert activity.pk == activity_before.pk
    assert activity.participants == 25 and activity.date == datetime.date(2021, 10, 15)
    assert activity.municipalities.count() == 1


def test_a_second_run_changes_nothing(lesson):
    booking = delivered_on(lesson, datetime.date(2021, 10, 15))
    purge(now=START_OF_FY2027)
    booking.refresh_from_db()
    first_time = booking.anonymised_at
    output = purge(now=START_OF_FY2027 + datetime.timedelta(days=1))
    booking.refresh_from_db()
    assert booking.anonymised_at == first_time
    assert "0 件" in output


def test_retention_period_is_a_setting_and_an_option(lesson, settings):
    booking = delivered_on(lesson, datetime.date(2025, 10, 1))  # FY2025
    settings.OUTREACH_RETENTION_FISCAL_YEARS = 3
    purge(now=START_OF_FY2027)  # keeps FY2024 onwards
    assert not is_anonymised(booking)
    purge("--fiscal-years", "1", now=START_OF_FY2027)  # keeps FY2026 onwards
    assert is_anonymised(booking)


def test_dry_run_changes_nothing(lesson):
    booking = delivered_on(lesson, datetime.date(2021, 10, 15))
    output = purge("--dry-run", now=START_OF_FY2027)
    assert "1 件が対象です" in output
    assert not is_anonymised(booking)


def test_retention_must_be_at_least_a_year(lesson):
    with pytest.raises(CommandError):
        purge("--fiscal-years", "0", now=START_OF_FY2027)


def test_undated_bookings_count_from_when_they_were_made(lesson):
    old = BookingFactory(lesson=lesson, lesson_date=None, **TEACHER)
    Booking.objects.filter(pk=old.pk).update(
        created_at=datetime.datetime(2025, 3, 31, 23, 0, tzinfo=JAPAN)
    )
    recent = BookingFactory(lesson=lesson, lesson_date=None, **TEACHER)
    Booking.objects.filter(pk=recent.pk).update(
        created_at=datetime.datetime(2025, 4, 1, 0, 30, tzinfo=JAPAN)
    )
    purge(now=END_OF_FY2026)
    assert is_anonymised(old)
    assert not is_anonymised(recent)


def test_error_reports_would_hide_the_submitted_details(client, lesson, private_booking):
    from django.views.debug import SafeExceptionReporterFilter

    from .factories import booking_data

    response = client.post(lesson.url + "book/", booking_data(**TEACHER))
    request = response.wsgi_request
    assert request.sensitive_post_parameters == "__ALL__"
    cleaned = SafeExceptionReporterFilter().get_post_parameters(request)
    assert_nothing_personal(str(dict(cleaned)), "error report")
