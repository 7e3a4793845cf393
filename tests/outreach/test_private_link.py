import datetime
import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from outreach.bookings import change_status
from outreach.models import Booking, BookingStatus
from website.dates import format_date
from website.forms import HONEYPOT_FIELD

from .factories import BookingFactory, school_day_on_or_after

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(lesson, slot):
    return BookingFactory(lesson=lesson, slot=slot, lesson_date=None, notes="はじめのメモ")


def detail_url(token):
    return reverse("outreach:booking_detail", args=[token])


def token_made_days_ago(booking, days):
    with mock.patch("django.core.signing.time.time", return_value=time.time() - days * 86400):
        return booking.make_token()


def test_the_link_shows_the_booking_to_its_holder(client, booking):
    response = client.get(detail_url(booking.make_token()))
    html = response.content.decode()
    assert response.status_code == 200
    for shown in (booking.reference, booking.school_name, booking.teacher_name, booking.email):
        assert shown in html
    assert "申込み受付" in html
    # Never cached, indexed, or leaked as a referrer to other sites.
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_tampered_link_shows_nothing(client, booking):
    token = booking.make_token()
    other = BookingFactory(lesson=booking.lesson)
    forged = other.reference + token[len(booking.reference) :]
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), forged, "nonsense", "a:b:c"):
        response = client.get(detail_url(bad))
        assert response.status_code == 404
        assert "リンクを開けませんでした" in response.content.decode()
        assert booking.teacher_name not in response.content.decode()


def test_an_expired_link_says_so(client, booking, settings):
    settings.PRIVATE_LINK_DAYS = 400
    fresh_enough = client.get(detail_url(token_made_days_ago(booking, 399)))
    assert fresh_enough.status_code == 200
    expired = client.get(detail_url(token_made_days_ago(booking, 401)))
    assert expired.status_code == 410
    assert "有効期限が切れています" in expired.content.decode()
    assert booking.teacher_name not in expired.content.decode()


def test_a_link_to_an_anonymised_booking_shows_nothing(client, booking):
    token = booking.make_token()
    Booking.objects.filter(pk=booking.pk).anonymise(timezone.now())
    assert client.get(detail_url(token)).status_code == 404


def test_the_teacher_can_change_the_notes(client, booking, django_capture_on_commit_callbacks):
    token = booking.make_token()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("outreach:booking_notes", args=[token]), {"notes": "ｸﾞﾗｳﾝﾄﾞで実施希望"}
        )
    assert response.status_code == 302 and response["Location"].endswith("?notes=1")
    booking.refresh_from_db()
    assert booking.notes == "グラウンドで実施希望"
    assert [message.to for message in mail.outbox] == [["secretariat@example.jp"]]
    assert booking.reference in mail.outbox[0].subject
    assert "連絡事項を変更しました" in client.get(response["Location"]).content.decode()


def test_notes_form_keeps_input_when_too_long_and_ignores_bots(client, booking):
    url = reverse("outreach:booking_notes", args=[booking.make_token()])
    too_long = client.post(url, {"notes": "あ" * 1001})
    assert too_long.status_code == 200
    assert "1000文字以内で入力してください" in too_long.context["notes_form"].errors["notes"][0]
    assert "あ" * 1001 in too_long.content.decode()  # the input is kept
    client.post(url, {"notes": "bot", HONEYPOT_FIELD: "x"})
    booking.refresh_from_db()
    assert booking.notes == "はじめのメモ"


def test_notes_can_only_be_posted(client, booking):
    url = reverse("outreach:booking_notes", args=[booking.make_token()])
    assert client.get(url).status_code == 405


def test_the_teacher_can_cancel(client, booking, django_capture_on_commit_callbacks):
    token = booking.make_token()
    url = reverse("outreach:booking_cancel", args=[token])
    confirm = client.get(url)
    assert "取り消します。よろしいですか" in confirm.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"].endswith("?cancelled=1")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([booking.email, "secretariat@example.jp"])

    page = client.get(response["Location"]).content.decode()
    assert "キャンセル" in page
    assert "取り消しの手続きへ" not in page and "連絡事項を保存する" not in page
    # The place in the slot is free again.
    assert booking.slot.remaining_classes == 1
    # The slot it had is still its date.
    slot_date = f"{format_date(booking.slot.date)} {booking.slot.start_time:%H:%M}から"
    assert f"<dd>{slot_date}</dd>" in page
    for message in mail.outbox:
        assert f"日時：{slot_date}\n" in message.body


# What 日時 says once a booking by preferred dates is closed


@pytest.fixture
def requested_dates(today):
    first = school_day_on_or_after(today + datetime.timedelta(days=30))
    return first, school_day_on_or_after(first + datetime.timedelta(days=7))


@pytest.fixture
def request_booking(request_lesson, requested_dates):
    first, second = requested_dates
    return BookingFactory(
        lesson=request_lesson,
        lesson_date=first,  # as placed: the first preferred date until one is decided
        preferred_date_1=first,
        preferred_date_2=second,
        preferred_period="p2",
    )


def cancel_by_link(client, booking, django_capture_on_commit_callbacks):
    """Cancel from the private link; the page then shown."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("outreach:booking_cancel", args=[booking.make_token()]))
    assert response["Location"].endswith("?cancelled=1")
    return client.get(response["Location"]).content.decode()


def test_a_cancelled_booking_by_preferred_dates_still_shows_all_of_them(
    client, request_booking, requested_dates, django_capture_on_commit_callbacks
):
    first, second = requested_dates
    preferred = f"第1希望 {format_date(first)}、第2希望 {format_date(second)}（2校時から）"
    before = client.get(detail_url(request_booking.make_token())).content.decode()
    assert f"<dd>{preferred}</dd>" in before

    page = cancel_by_link(client, request_booking, django_capture_on_commit_callbacks)

    assert "お申込みを取り消しました。" in page
    assert f"<dd>{preferred}</dd>" in page
    assert len(mail.outbox) == 2  # the teacher's and the secretariat's
    for message in mail.outbox:
        assert f"日時：{preferred}\n" in message.body


def test_a_declined_booking_by_preferred_dates_still_shows_them(
    client, request_booking, requested_dates, django_capture_on_commit_callbacks
):
    first, second = requested_dates
    preferred = f"第1希望 {format_date(first)}、第2希望 {format_date(second)}（2校時から）"
    with django_capture_on_commit_callbacks(execute=True):
        change_status(request_booking, BookingStatus.DECLINED, decline_reason="講師の都合")
    page = client.get(detail_url(request_booking.make_token())).content.decode()
    assert f"<dd>{preferred}</dd>" in page
    [message] = mail.outbox
    assert f"日時：{preferred}\n" in message.body


def test_a_booking_cancelled_after_its_date_was_decided_shows_that_date(
    client, request_booking, requested_dates, django_capture_on_commit_callbacks
):
    decided = requested_dates[1]
    change_status(
        request_booking,
        BookingStatus.CONFIRMED,
        lesson_date=decided,
        start_time=datetime.time(10, 40),
    )
    page = cancel_by_link(client, request_booking, django_capture_on_commit_callbacks)

    shown = f"{format_date(decided)} 10:40から"
    assert f"<dd>{shown}</dd>" in page and "第1希望" not in page
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert f"日時：{shown}\n" in message.body


@pytest.mark.parametrize(
    ("status", "days_ahead"),
    [
        (BookingStatus.DELIVERED, -3),
        (BookingStatus.REPORTED, -3),
        (BookingStatus.DECLINED, 10),
        (BookingStatus.CANCELLED, 10),
        (BookingStatus.CONFIRMED, 0),  # on the day: call the secretariat instead
    ],
)
def test_the_teacher_cannot_change_a_closed_booking(client, lesson, today, status, days_ahead):
    booking = BookingFactory(
        lesson=lesson,
        status=status,
        lesson_date=today + datetime.timedelta(days=days_ahead),
        notes="元のメモ",
    )
    token = booking.make_token()
    client.post(reverse("outreach:booking_cancel", args=[token]))
    client.post(reverse("outreach:booking_notes", args=[token]), {"notes": "変更"})
    booking.refresh_from_db()
    assert booking.status == status and booking.notes == "元のメモ"
    page = client.get(reverse("outreach:booking_cancel", args=[token])).content.decode()
    if status == BookingStatus.CANCELLED:
        # Not 「取り消せません…お問い合わせください」 about a booking that is already cancelled.
        assert "このお申込みは、すでに取り消されています。" in page
        assert "取り消せません" not in page
    else:
        assert "ここからは取り消せません" in page


# The pages' forms work in a real browser: no "no-referrer", which makes browsers send
# "Origin: null" with the POST, and Django's CSRF check refuse it.


def assert_private(response):
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_teachers_pages_do_not_ask_browsers_for_no_referrer(client, booking):
    token = booking.make_token()
    for url in (detail_url(token), reverse("outreach:booking_cancel", args=[token])):
        response = client.get(url)
        assert_private(response)
        assert 'name="referrer"' not in response.content.decode()
        assert "no-referrer" not in response.content.decode()


def csrf_token_of(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def test_notes_and_cancellation_pass_the_csrf_check_from_the_same_origin(booking):
    browser = Client(enforce_csrf_checks=True)
    token = booking.make_token()
    origin = {"HTTP_ORIGIN": "http://testserver"}

    page = browser.get(detail_url(token))
    saved = browser.post(
        reverse("outreach:booking_notes", args=[token]),
        {"notes": "体育館で実施します", "csrfmiddlewaretoken": csrf_token_of(page)},
        **origin,
    )
    assert saved.status_code == 302
    assert_private(saved)
    booking.refresh_from_db()
    assert booking.notes == "体育館で実施します"

    cancel_url = reverse("outreach:booking_cancel", args=[token])
    page = browser.get(cancel_url)
    cancelled = browser.post(cancel_url, {"csrfmiddlewaretoken": csrf_token_of(page)}, **origin)
    assert cancelled.status_code == 302
    assert_private(cancelled)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_a_notes_form_with_a_mistake_is_private_too(client, booking):
    response = client.post(
        reverse("outreach:booking_notes", args=[booking.make_token()]), {"notes": "x" * 1001}
    )
    assert response.status_code == 200
    assert_private(response)
