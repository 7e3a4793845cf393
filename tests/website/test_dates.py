import datetime

import pytest

from website import dates, fiscal
from website.dates import JAPAN

UTC = datetime.UTC


def test_the_japan_date_turns_at_midnight_in_japan_not_in_utc():
    # 2031-06-30 15:00 UTC is 2031-07-01 00:00 in Japan.
    last_second = datetime.datetime(2031, 6, 30, 23, 59, 59, tzinfo=JAPAN)
    next_day = datetime.datetime(2031, 6, 30, 15, 0, tzinfo=UTC)
    assert dates.japan_date(last_second) == datetime.date(2031, 6, 30)
    assert dates.japan_date(next_day) == datetime.date(2031, 7, 1)
    assert dates.japan_date(next_day - datetime.timedelta(seconds=1)) == datetime.date(2031, 6, 30)


def test_a_date_is_its_own_japan_date_and_a_naive_datetime_is_refused():
    assert dates.japan_date(datetime.date(2031, 6, 30)) == datetime.date(2031, 6, 30)
    with pytest.raises(ValueError):
        dates.japan_date(datetime.datetime(2031, 6, 30, 23, 59))


def test_today_is_the_date_in_japan():
    assert dates.japan_today(datetime.datetime(2031, 6, 30, 15, 0, tzinfo=UTC)) == (
        datetime.date(2031, 7, 1)
    )


def test_fiscal_years_use_the_same_japan_date():
    assert fiscal.fiscal_year(datetime.datetime(2031, 3, 31, 14, 59, 59, tzinfo=UTC)) == 2030
    assert fiscal.fiscal_year(datetime.datetime(2031, 3, 31, 15, 0, tzinfo=UTC)) == 2031


def test_japan_midnight():
    assert dates.japan_midnight(datetime.date(2026, 12, 3)) == datetime.datetime(
        2026, 12, 2, 15, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (datetime.date(2026, 11, 30), "月"),
        (datetime.date(2026, 12, 3), "木"),
        (datetime.date(2026, 12, 5), "土"),
        (datetime.date(2026, 12, 6), "日"),
    ],
)
def test_weekday_names(day, name):
    assert dates.weekday_name(day) == name


def test_date_formats():
    day = datetime.date(2026, 12, 3)
    assert dates.format_date(day) == "2026年12月3日（木）"
    assert dates.format_date(day, with_year=False) == "12月3日（木）"


def test_time_formats_in_japan_time():
    assert dates.format_time(datetime.time(9, 5)) == "09:05"
    assert dates.format_time(datetime.datetime(2026, 12, 3, 0, 30, tzinfo=UTC)) == "09:30"


def test_a_period_over_midnight_in_japan_spans_two_days():
    start = datetime.datetime(2026, 12, 3, 14, 0, tzinfo=UTC)  # 23:00 JST
    end = datetime.datetime(2026, 12, 3, 16, 0, tzinfo=UTC)  # 01:00 JST the next day
    assert dates.format_period(start, end, all_day=False) == (
        "2026年12月3日（木） 23:00〜12月4日（金） 01:00"
    )


def test_month_label_and_value():
    assert dates.month_label(2026, 12) == "2026年12月"
    assert dates.month_value(2026, 1) == "2026-01"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12", (2026, 12)),
        ("2000-01", (2000, 1)),
        ("2100-12", (2100, 12)),
        ("1999-12", None),
        ("2101-01", None),
        ("2026-13", None),
        ("2026-00", None),
        ("2026-1", None),
        ("2026/12", None),
        ("2026-12-01", None),
        (" 2026-12", None),
        ("2026-12\n", None),
        ("２０２６-１２", None),
        ("'; DROP TABLE--", None),
        ("x" * 5000, None),
        ("", None),
        (None, None),
    ],
)
def test_month_parsing_turns_junk_into_none(value, expected):
    assert dates.parse_month(value) == expected


def test_shift_month_crosses_years():
    assert dates.shift_month(2026, 12, 1) == (2027, 1)
    assert dates.shift_month(2026, 1, -1) == (2025, 12)
    assert dates.shift_month(2026, 5, -17) == (2024, 12)


def test_month_dates_and_range():
    assert dates.month_dates(2028, 2) == (datetime.date(2028, 2, 1), datetime.date(2028, 2, 29))
    assert dates.month_range(2026, 12) == (
        datetime.datetime(2026, 12, 1, tzinfo=JAPAN),
        datetime.datetime(2027, 1, 1, tzinfo=JAPAN),
    )


def test_the_month_grid_starts_on_sunday_for_the_public():
    # 2026-12-01 is a Tuesday.
    weeks = dates.month_weeks(2026, 12)
    assert weeks[0][0] == datetime.date(2026, 11, 29)
    assert weeks[0][2] == datetime.date(2026, 12, 1)
    assert weeks[-1][-1] == datetime.date(2027, 1, 2)
    assert all(len(week) == 7 for week in weeks)
    assert [short for short, _ in dates.weekday_headers()] == list("日月火水木金土")
    assert dates.weekday_headers()[0] == ("日", "日曜日")


def test_the_month_grid_can_start_on_monday_with_matching_headers():
    weeks = dates.month_weeks(2026, 12, first_weekday=dates.MONDAY)
    assert weeks[0][0] == datetime.date(2026, 11, 30)
    assert [short for short, _ in dates.weekday_headers(dates.MONDAY)] == list("月火水木金土日")
    for week in weeks:
        for day, (short, _) in zip(week, dates.weekday_headers(dates.MONDAY), strict=True):
            assert dates.weekday_name(day) == short


def test_the_admins_date_and_time_are_spaced_apart():
    import datetime

    from django.utils import formats, translation

    moment = datetime.datetime(2026, 12, 5, 7, 12)
    with translation.override("ja"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "2026年12月5日 7:12"
        assert formats.date_format(moment.date()) == "2026年12月5日"


# School days


@pytest.mark.parametrize(
    ("day", "school_day"),
    [
        (datetime.date(2026, 11, 4), True),  # a plain Wednesday
        (datetime.date(2026, 11, 6), True),  # a Friday
        (datetime.date(2026, 11, 7), False),  # Saturday
        (datetime.date(2026, 11, 8), False),  # Sunday
        (datetime.date(2026, 11, 9), True),  # Monday
        (datetime.date(2026, 11, 3), False),  # 文化の日, a Tuesday
        (datetime.date(2027, 3, 22), False),  # 春分の日 振替休日, a Monday
        (datetime.date(2026, 5, 6), False),  # 憲法記念日 振替休日, a Wednesday
        (datetime.date(2026, 9, 22), False),  # 国民の休日, a Tuesday
        (datetime.date(2026, 12, 28), True),  # the Monday before 年末年始
        (datetime.date(2026, 12, 29), False),  # 年末年始 begins, a Tuesday
        (datetime.date(2026, 12, 31), False),
        (datetime.date(2027, 1, 1), False),
        (datetime.date(2028, 1, 3), False),  # 年末年始 ends, a Monday
        (datetime.date(2028, 1, 4), True),  # the Tuesday after
        (datetime.date(2027, 1, 4), True),  # a Monday
    ],
)
def test_school_days_are_weekdays_off_holidays_and_the_new_year_break(day, school_day):
    assert dates.is_school_day(day) is school_day


def test_the_new_year_break_is_december_29th_to_january_3rd_whatever_the_weekday():
    assert not dates.is_new_year_break(datetime.date(2026, 12, 28))
    assert dates.is_new_year_break(datetime.date(2026, 12, 29))
    assert dates.is_new_year_break(datetime.date(2026, 12, 31))
    assert dates.is_new_year_break(datetime.date(2027, 1, 1))
    assert dates.is_new_year_break(datetime.date(2027, 1, 3))  # a Sunday
    assert not dates.is_new_year_break(datetime.date(2027, 1, 4))


def test_a_school_day_is_the_date_in_japan():
    # 2026-11-02 15:00 UTC is 2026-11-03 00:00 in Japan: 文化の日 has begun.
    assert dates.is_school_day(datetime.datetime(2026, 11, 2, 14, 59, 59, tzinfo=UTC))
    assert not dates.is_school_day(datetime.datetime(2026, 11, 2, 15, 0, tzinfo=UTC))
    assert not dates.is_school_day(datetime.datetime(2026, 11, 3, 23, 59, 59, tzinfo=JAPAN))
    assert dates.is_school_day(datetime.datetime(2026, 11, 4, 0, 0, tzinfo=JAPAN))
    # 年末年始 likewise: 2026-12-28 15:00 UTC is December 29th in Japan.
    assert dates.is_school_day(datetime.datetime(2026, 12, 28, 14, 59, 59, tzinfo=UTC))
    assert not dates.is_school_day(datetime.datetime(2026, 12, 28, 15, 0, tzinfo=UTC))
    assert dates.is_new_year_break(datetime.datetime(2026, 12, 28, 15, 0, tzinfo=UTC))
    assert not dates.is_new_year_break(datetime.datetime(2027, 1, 3, 15, 0, tzinfo=UTC))


def test_holiday_names_for_a_sentence():
    from django.utils import translation

    assert dates.holiday_name(datetime.date(2026, 11, 3)) == "文化の日"
    assert dates.holiday_name(datetime.date(2027, 3, 22)) == "春分の日の振替休日"
    assert dates.holiday_name(datetime.date(2026, 9, 22)) == "国民の休日"
    assert dates.holiday_name(datetime.date(2026, 11, 4)) is None
    assert dates.holiday_name(datetime.date(2026, 11, 7)) is None  # a Saturday, not a holiday
    assert dates.holiday_name(datetime.datetime(2026, 11, 2, 15, 0, tzinfo=UTC)) == "文化の日"
    with translation.override("en"):
        assert dates.holiday_name(datetime.date(2026, 11, 3)) == "Culture Day"
        assert dates.holiday_name(datetime.date(2027, 3, 22)) == (
            "Substitute holiday (Vernal Equinox Day)"
        )
