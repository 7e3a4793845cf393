"""Dates of events as people in Japan read them, and the months the index and calendar use.

Every date here is a calendar date in Japan time: an event at 2021-07-01 00:30 JST is on
July 1st even though it is still June 30th in UTC.
"""

import datetime
import re

from website.fiscal import JAPAN

WEEKDAYS = "月火水木金土日"
MONTH_PATTERN = re.compile(r"^([0-9]{4})-([0-9]{2})$")
# Months outside this range are junk from a URL, not something anyone means to look at.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def japan_date(value):
    return value.astimezone(JAPAN).date()


def japan_midnight(day):
    """The aware datetime at which `day` begins in Japan."""
    return datetime.datetime(day.year, day.month, day.day, tzinfo=JAPAN)


def format_date(day, *, with_year=True):
    """'2021年7月1日（木）'."""
    text = f"{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）"
    return f"{day.year}年{text}" if with_year else text


def format_time(value):
    return value.astimezone(JAPAN).strftime("%H:%M")


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


def month_label(year, month):
    return f"{year}年{month}月"


def parse_month(value):
    """(year, month) from 'YYYY-MM', or None for anything else."""
    match = MONTH_PATTERN.match(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        return None
    return year, month


def month_value(year, month):
    return f"{year:04d}-{month:02d}"


def month_range(year, month):
    """Aware datetimes [start, end) of a month in Japan time."""
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return (
        datetime.datetime(year, month, 1, tzinfo=JAPAN),
        datetime.datetime(*following, 1, tzinfo=JAPAN),
    )


def shift_month(year, month, delta):
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1
