"""Dates as people in Japan read them, and the months that lists and calendars show.

Every date here is a calendar date in Japan time: something at 2021-07-01 00:30 JST is on
July 1st even though it is still June 30th in UTC. Every app formats, parses and lays out
dates through this module; fiscal years are in website/fiscal.py.
"""

import calendar
import datetime
import re
import zoneinfo

import jpholiday
from django.utils import timezone

JAPAN = zoneinfo.ZoneInfo("Asia/Tokyo")

# In the order of date.weekday(): Monday first.
WEEKDAYS = "月火水木金土日"
SUNDAY, MONDAY = calendar.SUNDAY, calendar.MONDAY

MONTH_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})")
# Months outside this range are junk from a URL, not something anyone means to look at.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def japan_date(value):
    """The calendar date in Japan of an aware datetime; a date is returned as it is."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime: the date in Japan needs an aware datetime")
        return value.astimezone(JAPAN).date()
    return value


def japan_today(now=None):
    return japan_date(now or timezone.now())


def japan_midnight(day):
    """The aware datetime at which `day` begins in Japan."""
    return datetime.datetime(day.year, day.month, day.day, tzinfo=JAPAN)


def weekday_name(day):
    """'木' for a Thursday."""
    return WEEKDAYS[day.weekday()]


def format_date(day, *, with_year=True):
    """'2021年7月1日（木）', or '7月1日（木）' without the year."""
    text = f"{day.month}月{day.day}日（{weekday_name(day)}）"
    return f"{day.year}年{text}" if with_year else text


def format_time(value):
    """'09:30' of a time, or of an aware datetime in Japan time."""
    if isinstance(value, datetime.datetime):
        value = value.astimezone(JAPAN)
    return value.strftime("%H:%M")


def format_period(start, end, *, all_day):
    """The period of an event: '2021年7月1日（木）13:00〜17:00', '7月1日（木）〜2日（金）'…"""
    first, last = japan_date(start), japan_date(end)
    if all_day:
        if first == last:
            return format_date(first)
        return f"{format_date(first)}〜{format_date(last, with_year=last.year != first.year)}"
    if first == last:
        return f"{format_date(first)} {format_time(start)}〜{format_time(end)}"
    return (
        f"{format_date(first)} {format_time(start)}〜"
        f"{format_date(last, with_year=last.year != first.year)} {format_time(end)}"
    )


# Months


def month_label(year, month):
    """'2021年7月'."""
    return f"{year}年{month}月"


def month_value(year, month):
    """'2021-07', as in ?month=2021-07."""
    return f"{year:04d}-{month:02d}"


def parse_month(value):
    """(year, month) from 'YYYY-MM', or None for anything else."""
    match = MONTH_PATTERN.fullmatch(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        return None
    return year, month


def shift_month(year, month, delta):
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_dates(year, month):
    """The first and the last day of a month."""
    return (
        datetime.date(year, month, 1),
        datetime.date(year, month, calendar.monthrange(year, month)[1]),
    )


def month_range(year, month):
    """Aware datetimes [start, end) of a month in Japan time, for datetime fields."""
    return (
        datetime.datetime(year, month, 1, tzinfo=JAPAN),
        datetime.datetime(*shift_month(year, month, 1), 1, tzinfo=JAPAN),
    )


def month_weeks(year, month, *, first_weekday=SUNDAY):
    """The weeks of a month's calendar grid, seven dates each, with the days of the months
    before and after that fill the first and the last week. Japanese calendars for the
    public start on Sunday."""
    return calendar.Calendar(firstweekday=first_weekday).monthdatescalendar(year, month)


def weekday_headers(first_weekday=SUNDAY):
    """[('日', '日曜日'), ('月', '月曜日'), …] in the order of month_weeks()."""
    names = [WEEKDAYS[(first_weekday + i) % 7] for i in range(7)]
    return [(name, f"{name}曜日") for name in names]


def holidays_in_month(year, month):
    """{date: name} of Japan's public holidays in a month (国民の祝日, 振替休日 and 国民の休日,
    from the maintained jpholiday package)."""
    return dict(jpholiday.month_holidays(year, month))


def holiday_name(day):
    """'文化の日' when `day` is a public holiday in Japan, else ''."""
    return jpholiday.is_holiday_name(day) or ""
