import datetime
from unittest import mock

import pytest
from icalendar import Calendar

from events.ical import event_uid
from tests.events.factories import EventPageFactory, jst
from tests.factories import ForumFactory


def parse(response):
    return Calendar.from_ical(response.content)


def vevents(calendar):
    return calendar.walk("VEVENT")


@pytest.mark.django_db
def test_event_ics_download(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        title="橋の点検ワークショップ",
        start=jst(2031, 9, 15, 13, 0),
        end=jst(2031, 9, 15, 17, 0),
        venue_name="区民センター",
        venue_address="東京都墨田区吾妻橋1-23-20",
    )
    event.save_revision().publish()
    response = client.get(f"/events/{event.slug}/ical/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
    raw = response.content.decode()
    assert "DTSTART;TZID=Asia/Tokyo:20310915T130000" in raw
    assert "DTEND;TZID=Asia/Tokyo:20310915T170000" in raw

    calendar = parse(response)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert "PRODID" in calendar
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Asia/Tokyo"
    (vevent,) = vevents(calendar)
    assert str(vevent["UID"]) == event_uid(event)
    assert str(vevent["SUMMARY"]) == "橋の点検ワークショップ"
    assert vevent.decoded("DTSTART") == jst(2031, 9, 15, 13, 0)
    assert vevent.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=9)
    assert str(vevent["LOCATION"]) == "区民センター 東京都墨田区吾妻橋1-23-20"
    assert str(vevent["URL"]) == f"http://testserver/events/{event.slug}/"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert vevent.decoded("SEQUENCE") == 0
    event.refresh_from_db()
    assert vevent.decoded("LAST-MODIFIED") == event.last_published_at.replace(microsecond=0)
    assert "DTSTAMP" in vevent


@pytest.mark.django_db
def test_all_day_events_use_dates_with_an_exclusive_end(client, event_index):
    event = EventPageFactory(
        parent=event_index, all_day=True, start=jst(2031, 11, 3), end=jst(2031, 11, 7)
    )
    (vevent,) = vevents(parse(client.get(f"/events/{event.slug}/ical/")))
    assert vevent.decoded("DTSTART") == datetime.date(2031, 11, 3)
    assert vevent.decoded("DTEND") == datetime.date(2031, 11, 8)


@pytest.mark.django_db
def test_uid_is_stable_and_sequence_grows_only_when_a_published_change_reschedules(
    client, event_index
):
    event = EventPageFactory(
        parent=event_index, start=jst(2031, 9, 15, 13), end=jst(2031, 9, 15, 15)
    )
    event.save_revision().publish()

    def current():
        (vevent,) = vevents(parse(client.get(f"/events/{event.slug}/ical/")))
        return str(vevent["UID"]), vevent.decoded("SEQUENCE"), vevent.decoded("LAST-MODIFIED")

    uid, sequence, modified = current()
    assert sequence == 0

    # A new title is not a rescheduling: same UID and SEQUENCE.
    event.title = "新しい名前"
    event.save_revision().publish()
    assert current()[:2] == (uid, 0)

    # A draft with a new date changes nothing until it is published.
    event.start, event.end = jst(2031, 9, 22, 13), jst(2031, 9, 22, 15)
    event.save_revision()
    assert current()[:2] == (uid, 0)

    with mock.patch(
        "django.utils.timezone.now",
        return_value=datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=5),
    ):
        event.get_latest_revision().publish()
    assert current()[:2] == (uid, 1)
    assert current()[2] > modified

    event.status = "cancelled"
    event.save_revision().publish()
    uid_after, sequence_after, _ = current()
    assert (uid_after, sequence_after) == (uid, 2)


@pytest.mark.django_db
def test_cancelled_and_postponed_events_in_ics(client, event_index):
    cancelled = EventPageFactory(
        parent=event_index, title="中止の会", status="cancelled", status_note="台風のため"
    )
    postponed = EventPageFactory(parent=event_index, title="延期の会", status="postponed")
    (vevent,) = vevents(parse(client.get(f"/events/{cancelled.slug}/ical/")))
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["SUMMARY"]) == "【中止】中止の会"
    assert "台風のため" in str(vevent["DESCRIPTION"])
    (vevent,) = vevents(parse(client.get(f"/events/{postponed.slug}/ical/")))
    assert str(vevent["STATUS"]) == "TENTATIVE"
    assert str(vevent["SUMMARY"]) == "【延期】延期の会"


@pytest.mark.django_db
def test_online_url_for_registrants_only_stays_out_of_ics(client, event_index):
    private = EventPageFactory(
        parent=event_index,
        attendance="online",
        online_url="https://example.jp/secret/",
        online_url_visibility="participants",
    )
    public = EventPageFactory(
        parent=event_index,
        attendance="online",
        online_url="https://example.jp/open/",
        online_url_visibility="public",
    )
    assert "example.jp/secret" not in client.get(f"/events/{private.slug}/ical/").content.decode()
    (vevent,) = vevents(parse(client.get(f"/events/{public.slug}/ical/")))
    assert "https://example.jp/open/" in str(vevent["DESCRIPTION"])
    assert str(vevent["LOCATION"]) == "オンライン"


@pytest.mark.django_db
def test_feed_lists_upcoming_visible_events_including_cancelled(client, event_index):
    now = jst(2031, 6, 1, 12)
    EventPageFactory(
        parent=event_index, title="過去の会", start=jst(2031, 5, 1, 13), end=jst(2031, 5, 1, 15)
    )
    EventPageFactory(
        parent=event_index, title="次の会", start=jst(2031, 6, 10, 13), end=jst(2031, 6, 10, 15)
    )
    EventPageFactory(
        parent=event_index,
        title="中止の会",
        status="cancelled",
        start=jst(2031, 6, 5, 13),
        end=jst(2031, 6, 5, 15),
    )
    EventPageFactory(
        parent=event_index,
        title="下書きの会",
        live=False,
        start=jst(2031, 6, 6, 13),
        end=jst(2031, 6, 6, 15),
    )
    with mock.patch("django.utils.timezone.now", return_value=now):
        response = client.get("/events/feed/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = parse(response)
    assert str(calendar["X-WR-CALNAME"]) == "インフラメンテナンス国民会議のイベント"
    assert [str(vevent["SUMMARY"]) for vevent in vevents(calendar)] == [
        "【中止】中止の会",
        "次の会",
    ]
    assert [str(vevent["STATUS"]) for vevent in vevents(calendar)] == ["CANCELLED", "CONFIRMED"]
    assert len({str(vevent["UID"]) for vevent in vevents(calendar)}) == 2
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Tokyo"


@pytest.mark.django_db
def test_forum_feed_has_only_that_forums_events(client, event_index):
    kinki = ForumFactory(slug="kinki", name="近畿本部フォーラム")
    EventPageFactory(parent=event_index, title="近畿の会", forum=kinki)
    EventPageFactory(parent=event_index, title="ほかの会")
    calendar = parse(client.get("/events/feed/kinki/"))
    assert str(calendar["X-WR-CALNAME"]) == "近畿本部フォーラムのイベント"
    assert [str(vevent["SUMMARY"]) for vevent in vevents(calendar)] == ["近畿の会"]
    assert client.get("/events/feed/no-such-forum/").status_code == 404


@pytest.mark.django_db
def test_an_empty_feed_is_still_valid_icalendar(client, event_index):
    calendar = parse(client.get("/events/feed/"))
    assert vevents(calendar) == []
    assert str(calendar["VERSION"]) == "2.0"
