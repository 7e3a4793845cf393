"""The day-before e-mail of online and hybrid (WEB併用) events: sent by the background worker
from 9:00 Japan time on the day before, once per confirmed registrant, never twice, in
Japanese, with the online URL and materials."""

import datetime

import pytest
from django.core import mail

from events import reminders
from events.models import EventPage, Registration
from tests.events.factories import EventPageFactory, RegistrationFactory, jst
from website import tasks

pytestmark = pytest.mark.django_db

URL = "https://meet.example.jp/j/98765"
MATERIALS = "ミーティングID 987 65、パスコード mamoru"
UTC = datetime.UTC


@pytest.fixture
def hybrid(event_index):
    """A hybrid event on Thursday 10 December 2026 at 10:00 Japan time."""
    return EventPageFactory(
        parent=event_index,
        title="橋梁点検セミナー（WEB併用）",
        start=jst(2026, 12, 10, 10, 0),
        end=jst(2026, 12, 10, 12, 0),
        attendance=EventPage.Attendance.HYBRID,
        online_url=URL,
        online_materials=MATERIALS,
        registration_mode=EventPage.RegistrationMode.SITE,
    )


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """send_due_reminders(now), with the e-mails it queues for after the commit sent."""

    def run(now, job=reminders.send_due_reminders):
        with django_capture_on_commit_callbacks(execute=True):
            return job(now)

    return run


def sent_to():
    return sorted(address for message in mail.outbox for address in message.to)


def test_sent_from_nine_on_the_day_before_in_japan_time(hybrid, send):
    registration = RegistrationFactory(event=hybrid, email="taro@example.jp")
    # 8:59:59 in Japan is 23:59:59 UTC the day before that.
    assert send(datetime.datetime(2026, 12, 8, 23, 59, 59, tzinfo=UTC)) == 0
    assert mail.outbox == []

    assert send(datetime.datetime(2026, 12, 9, 0, 0, tzinfo=UTC)) == 1
    (message,) = mail.outbox
    assert message.to == ["taro@example.jp"]
    assert message.subject == "【明日開催】橋梁点検セミナー（WEB併用）（オンライン参加のご案内）"
    assert "明日の開催です" in message.body
    assert URL in message.body and MATERIALS in message.body
    assert registration.reference in message.body
    assert "/event-registrations/" in message.body  # their own page, to cancel
    registration.refresh_from_db()
    assert registration.reminded_at == datetime.datetime(2026, 12, 9, 0, 0, tzinfo=UTC)


def test_never_twice_and_late_registrants_get_it_until_the_day_ends(hybrid, send):
    RegistrationFactory(event=hybrid, email="early@example.jp")
    assert send(jst(2026, 12, 9, 9, 0)) == 1
    assert send(jst(2026, 12, 9, 9, 1)) == 0
    RegistrationFactory(event=hybrid, email="late@example.jp")
    assert send(jst(2026, 12, 9, 23, 59, 59)) == 1
    RegistrationFactory(event=hybrid, email="on-the-day@example.jp")
    assert send(jst(2026, 12, 10, 0, 0)) == 0  # the event's own day
    assert sent_to() == ["early@example.jp", "late@example.jp"]


def test_only_confirmed_registrants_of_online_events_of_tomorrow(hybrid, event_index, send):
    RegistrationFactory(event=hybrid, email="confirmed@example.jp")
    RegistrationFactory(
        event=hybrid, email="waiting@example.jp", status=Registration.Status.WAITING
    )
    RegistrationFactory(
        event=hybrid, email="cancelled@example.jp", status=Registration.Status.CANCELLED
    )
    in_person = EventPageFactory(
        parent=event_index, start=jst(2026, 12, 10, 10, 0), end=jst(2026, 12, 10, 12, 0)
    )
    RegistrationFactory(event=in_person, email="venue@example.jp")
    later = EventPageFactory(
        parent=event_index,
        start=jst(2026, 12, 11, 10, 0),
        end=jst(2026, 12, 11, 12, 0),
        attendance=EventPage.Attendance.ONLINE,
        online_url=URL,
    )
    RegistrationFactory(event=later, email="friday@example.jp")
    cancelled = EventPageFactory(
        parent=event_index,
        start=jst(2026, 12, 10, 10, 0),
        end=jst(2026, 12, 10, 12, 0),
        attendance=EventPage.Attendance.ONLINE,
        online_url=URL,
        status=EventPage.Status.CANCELLED,
    )
    RegistrationFactory(event=cancelled, email="called-off@example.jp")

    send(jst(2026, 12, 9, 12, 0))
    assert sent_to() == ["confirmed@example.jp"]
    send(jst(2026, 12, 10, 12, 0))
    assert sent_to() == ["confirmed@example.jp", "friday@example.jp"]


def test_the_background_worker_sends_them(hybrid, send):
    RegistrationFactory(event=hybrid, email="taro@example.jp")
    send(jst(2026, 12, 9, 8, 59), tasks.run_periodic_jobs)
    assert mail.outbox == []
    send(jst(2026, 12, 9, 9, 0), tasks.run_periodic_jobs)
    send(jst(2026, 12, 9, 9, 1), tasks.run_periodic_jobs)
    assert sent_to() == ["taro@example.jp"]
