import datetime
import re
from types import SimpleNamespace
from unittest import mock

import pytest

from events.month import MonthCalendar
from tests.events.factories import EventPageFactory, jst
from website import dates


def grid(calendar):
    """The grid as day numbers, 0 for cells outside the month."""
    return [[day.date.day if day.in_month else 0 for day in week] for week in calendar.weeks]


def fake_event(first, last, pk=1):
    return SimpleNamespace(pk=pk, start_date=first, last_date=last)


def test_a_month_starting_on_sunday_has_no_leading_blank():
    # 2021-08-01 is a Sunday.
    calendar = MonthCalendar(2021, 8, [], today=datetime.date(2021, 8, 15))
    assert grid(calendar)[0] == [1, 2, 3, 4, 5, 6, 7]
    assert grid(calendar)[-1] == [29, 30, 31, 0, 0, 0, 0]
    assert len(calendar.weeks) == 5


def test_a_month_starting_on_saturday_has_six_leading_blanks_and_six_weeks():
    # 2022-01-01 is a Saturday, and January 2022 spans six calendar weeks.
    calendar = MonthCalendar(2022, 1, [], today=datetime.date(2022, 1, 1))
    assert grid(calendar)[0] == [0, 0, 0, 0, 0, 0, 1]
    assert grid(calendar)[-1] == [30, 31, 0, 0, 0, 0, 0]
    assert len(calendar.weeks) == 6
    assert calendar.weeks[0][6].is_today


def test_february_in_a_leap_year_has_29_days():
    calendar = MonthCalendar(2024, 2, [], today=datetime.date(2024, 3, 1))
    assert [day.date.day for day in calendar.days][-1] == 29
    assert len(calendar.days) == 29
    assert grid(calendar)[0] == [0, 0, 0, 0, 1, 2, 3]  # 2024-02-01 is a Thursday


def test_february_of_a_common_year_starting_on_sunday_fills_exactly_four_weeks():
    calendar = MonthCalendar(2015, 2, [], today=datetime.date(2015, 2, 1))
    assert grid(calendar) == [
        [1, 2, 3, 4, 5, 6, 7],
        [8, 9, 10, 11, 12, 13, 14],
        [15, 16, 17, 18, 19, 20, 21],
        [22, 23, 24, 25, 26, 27, 28],
    ]


def test_events_on_the_first_and_last_day_and_spanning_months():
    events = [
        fake_event(datetime.date(2021, 6, 28), datetime.date(2021, 7, 2), pk=1),  # from June
        fake_event(datetime.date(2021, 7, 31), datetime.date(2021, 8, 3), pk=2),  # into August
        fake_event(datetime.date(2021, 7, 15), datetime.date(2021, 7, 15), pk=3),
    ]
    calendar = MonthCalendar(2021, 7, events, today=datetime.date(2021, 7, 1))
    by_day = {day.date.day: [event.pk for event in day.events] for day in calendar.days}
    assert by_day[1] == [1] and by_day[2] == [1] and by_day[3] == []
    assert by_day[15] == [3]
    assert by_day[31] == [2]
    # Cells of June and August in the grid stay empty.
    outside = [day for week in calendar.weeks for day in week if not day.in_month]
    assert outside and all(not day.events for day in outside)
    assert calendar.event_count == 3


def test_previous_and_next_month_wrap_the_year():
    assert MonthCalendar(2021, 12, [], today=datetime.date(2021, 12, 1)).next["value"] == "2022-01"
    assert (
        MonthCalendar(2022, 1, [], today=datetime.date(2022, 1, 1)).previous["value"] == "2021-12"
    )
    assert MonthCalendar(dates.LAST_YEAR, 12, [], today=datetime.date(2021, 1, 1)).next is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-07", (2021, 7)),
        ("2021-7", None),
        ("2021-00", None),
        ("2021-13", None),
        ("99999-01", None),
        ("1999-12", None),
        ("", None),
        (None, None),
        ("２０２１-０７", None),
    ],
)
def test_parse_month(value, expected):
    assert dates.parse_month(value) == expected


def test_month_range_is_in_japan_time():
    start, end = dates.month_range(2021, 12)
    assert start == jst(2021, 12, 1)
    assert end == jst(2022, 1, 1)


@pytest.mark.django_db
def test_calendar_page_puts_events_on_their_japan_days(client, event_index):
    # 2021-06-30 15:30 UTC is July 1st 00:30 in Japan.
    EventPageFactory(
        parent=event_index,
        title="深夜に始まる会",
        start=datetime.datetime(2021, 6, 30, 15, 30, tzinfo=datetime.UTC),
        end=datetime.datetime(2021, 6, 30, 17, 0, tzinfo=datetime.UTC),
    )
    EventPageFactory(
        parent=event_index,
        title="月末から翌月の展示",
        all_day=True,
        start=jst(2021, 7, 30),
        end=jst(2021, 8, 2),
    )
    EventPageFactory(
        parent=event_index,
        title="中止の会",
        status="cancelled",
        start=jst(2021, 7, 15, 10),
        end=jst(2021, 7, 15, 12),
    )
    html = client.get("/events/calendar/?month=2021-07").content.decode()
    cells = dict(re.findall(r'data-date="(\d{4}-\d{2}-\d{2})"[^>]*>(.*?)</td>', html, re.S))
    assert "深夜に始まる会" in cells["2021-07-01"]
    assert "00:30 深夜に始まる会" in cells["2021-07-01"]
    assert "深夜に始まる会" not in html.split('data-date="2021-07-02"')[1]
    assert (
        "月末から翌月の展示" in cells["2021-07-30"] and "月末から翌月の展示" in cells["2021-07-31"]
    )
    assert "【中止】中止の会" in cells["2021-07-15"]
    assert "2021年7月" in html
    assert 'href="?month=2021-06" rel="prev"' in html
    assert 'href="?month=2021-08" rel="next"' in html

    august = client.get("/events/calendar/?month=2021-08").content.decode()
    august_cells = dict(
        re.findall(r'data-date="(\d{4}-\d{2}-\d{2})"[^>]*>(.*?)</td>', august, re.S)
    )
    assert "月末から翌月の展示" in august_cells["2021-08-01"]
    assert "月末から翌月の展示" in august_cells["2021-08-02"]
    assert "月末から翌月の展示" not in august_cells["2021-08-03"]


@pytest.mark.django_db
def test_calendar_is_an_accessible_table_with_keyboard_enhancement(client, event_index):
    EventPageFactory(
        parent=event_index, title="七夕の会", start=jst(2021, 7, 7, 10), end=jst(2021, 7, 7, 12)
    )
    html = client.get("/events/calendar/?month=2021-07").content.decode()
    assert '<th scope="col"><abbr title="日曜日">日</abbr></th>' in html
    # Heard: the number, then the weekday and the events; the weekday shown on phones (where
    # the month is a list) is hidden from screen readers, which hear it already.
    shown = '<span class="event-calendar__weekday" aria-hidden="true">{}</span>'
    assert (
        '<time datetime="2021-07-07">7</time>'
        + shown.format("日（水）")
        + '<span class="visually-hidden">日（水） イベント1件</span>'
    ) in html
    assert (
        '<time datetime="2021-07-08">8</time>'
        + shown.format("日（木）")
        + '<span class="visually-hidden">日（木） イベントなし</span>'
    ) in html
    assert "js/events-calendar.js" in html
    assert 'aria-labelledby="calendar-heading"' in html


@pytest.mark.django_db
def test_calendar_defaults_to_this_month_in_japan_and_marks_today(client, event_index):
    # 2022-03-31 16:00 UTC is already April 1st in Japan.
    with mock.patch(
        "django.utils.timezone.now",
        return_value=datetime.datetime(2022, 3, 31, 16, 0, tzinfo=datetime.UTC),
    ):
        html = client.get("/events/calendar/").content.decode()
    assert "2022年4月" in html
    assert 'data-date="2022-04-01"' in html
    today_cell = html.split('data-date="2022-04-01"')[1].split(">")[0]
    assert 'aria-current="date"' in today_cell


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["2027-13", "1999-12", "junk"])
def test_a_month_that_cannot_be_shown_is_said_as_the_filters_say_it(client, event_index, month):
    notice = "指定の開催月が見つからないため、この条件を外して表示しています。"
    with mock.patch("django.utils.timezone.now", return_value=jst(2026, 12, 5, 12)):
        html = client.get(f"/events/calendar/?month={month}").content.decode()
        assert notice in html and "2026年12月" in html  # this month, as without ?month=
        assert notice not in client.get("/events/calendar/?month=2027-01").content.decode()
        assert notice not in client.get("/events/calendar/?month=").content.decode()
        # The list offers the months it has events in: another is said the same way.
        assert notice in client.get(f"/events/?month={month}").content.decode()
        assert notice in client.get("/events/?month=2030-01").content.decode()


@pytest.mark.django_db
def test_calendar_keeps_filters_when_changing_month(client, event_index):
    html = client.get("/events/calendar/?month=2021-07&forum=kinki").content.decode()
    assert 'href="?month=2021-08&amp;forum=kinki" rel="next"' in html
    assert '<input type="hidden" name="month" value="2021-07">' in html


@pytest.mark.parametrize(
    ("start", "end", "all_day", "expected"),
    [
        (jst(2021, 7, 1, 13), jst(2021, 7, 1, 17), False, "2021年7月1日（木） 13:00〜17:00"),
        (jst(2021, 8, 4), jst(2021, 8, 4), True, "2021年8月4日（水）"),
        (jst(2021, 12, 30), jst(2022, 1, 2), True, "2021年12月30日（木）〜2022年1月2日（日）"),
        (
            jst(2021, 12, 31, 22, 0),
            jst(2022, 1, 1, 1, 0),
            False,
            "2021年12月31日（金） 22:00〜2022年1月1日（土） 01:00",
        ),
    ],
)
def test_periods_read_naturally_in_japanese(start, end, all_day, expected):
    assert dates.format_period(start, end, all_day=all_day) == expected


def test_public_holidays_are_marked_by_name():
    """jpholiday knows 国民の祝日 and 振替休日: 2021-11-03 文化の日, 2024-02-12 建国記念の日 振替休日."""
    calendar = MonthCalendar(2021, 11, [], today=datetime.date(2021, 11, 1))
    days = {day.date: day for week in calendar.weeks for day in week}
    culture_day = days[datetime.date(2021, 11, 3)]
    assert culture_day.holiday == "文化の日"
    assert culture_day.weekday_class == "is-holiday"
    assert "祝日（文化の日）" in culture_day.hidden_label
    assert days[datetime.date(2021, 11, 4)].holiday == ""
    february = dates.holidays_in_month(2024, 2)
    assert february[datetime.date(2024, 2, 12)] == "建国記念の日 振替休日"
    assert datetime.date(2024, 2, 13) not in february


@pytest.mark.django_db
def test_the_calendar_page_shows_holidays_and_keeps_the_arrow_key_hint_for_keyboards(
    client, event_index
):
    html = client.get("/events/calendar/?month=2021-11").content.decode()
    assert re.search(r'<td class="event-calendar__day is-holiday"[^>]*data-date="2021-11-03"', html)
    assert '<span class="event-calendar__holiday" aria-hidden="true">文化の日</span>' in html
    # The hint is wrapped so that the style sheet shows it only with a fine pointer.
    assert '<span class="event-calendar__keys-hint">キーボードの矢印キーで' in html
