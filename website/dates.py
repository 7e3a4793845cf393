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
from django.utils.translation import get_language

JAPAN = zoneinfo.ZoneInfo("Asia/Tokyo")

# In the order of date.weekday(): Monday first.
WEEKDAYS = "月火水木金土日"
# The English version: dates as English readers write them, times marked JST.
ENGLISH_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
TIME_ZONE_NAME = "JST"


def in_english():
    """Whether the page being rendered is English (website/i18n.py); Japanese otherwise."""
    return (get_language() or "").startswith("en")


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
    """'木' for a Thursday ('Thu' in English)."""
    if in_english():
        return ENGLISH_WEEKDAYS[day.weekday()][:3]
    return WEEKDAYS[day.weekday()]


def format_date(day, *, with_year=True):
    """'2021年7月1日（木）', or '7月1日（木）' without the year; in English 'Thu 1 July 2021'."""
    if in_english():
        text = f"{weekday_name(day)} {day.day} {ENGLISH_MONTHS[day.month - 1]}"
        return f"{text} {day.year}" if with_year else text
    text = f"{day.month}月{day.day}日（{weekday_name(day)}）"
    return f"{day.year}年{text}" if with_year else text


def format_day(value):
    """A date (or the Japan date of a datetime) without the weekday: '2021年7月1日', in
    English '1 July 2021'."""
    day = japan_date(value)
    if in_english():
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def format_moment(value):
    """An aware datetime in Japan time: '2021年7月1日 13:00', in English '1 July 2021, 13:00 JST'."""
    if in_english():
        return f"{format_day(value)}, {format_time(value)} {TIME_ZONE_NAME}"
    return f"{format_day(value)} {format_time(value)}"


def format_time(value):
    """'09:30' of a time, or of an aware datetime in Japan time."""
    if isinstance(value, datetime.datetime):
        value = value.astimezone(JAPAN)
    return value.strftime("%H:%M")


def format_period(start, end, *, all_day):
    """The period of an event: '2021年7月1日（木）13:00〜17:00', '7月1日（木）〜2日（金）'…
    In English: 'Thu 1 July 2021, 13:00–17:00 JST', 'Thu 1 July – Fri 2 July 2021'…"""
    first, last = japan_date(start), japan_date(end)
    if in_english():
        return _english_period(start, end, first, last, all_day=all_day)
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


def _english_period(start, end, first, last, *, all_day):
    if all_day:
        if first == last:
            return format_date(first)
        return f"{format_date(first, with_year=last.year != first.year)} – {format_date(last)}"
    if first == last:
        return f"{format_date(first)}, {format_time(start)}–{format_time(end)} {TIME_ZONE_NAME}"
    return (
        f"{format_date(first)}, {format_time(start)} – "
        f"{format_date(last)}, {format_time(end)} {TIME_ZONE_NAME}"
    )


# Months


def month_label(year, month):
    """'2021年7月' ('July 2021' in English)."""
    if in_english():
        return f"{ENGLISH_MONTHS[month - 1]} {year}"
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
    if in_english():
        names = [ENGLISH_WEEKDAYS[(first_weekday + i) % 7] for i in range(7)]
        return [(name[:3], name) for name in names]
    names = [WEEKDAYS[(first_weekday + i) % 7] for i in range(7)]
    return [(name, f"{name}曜日") for name in names]


# jpholiday names the holidays in Japanese only.
ENGLISH_HOLIDAYS = {
    "元日": "New Year's Day",
    "成人の日": "Coming of Age Day",
    "建国記念の日": "National Foundation Day",
    "天皇誕生日": "The Emperor's Birthday",
    "春分の日": "Vernal Equinox Day",
    "昭和の日": "Showa Day",
    "憲法記念日": "Constitution Memorial Day",
    "みどりの日": "Greenery Day",
    "こどもの日": "Children's Day",
    "海の日": "Marine Day",
    "山の日": "Mountain Day",
    "敬老の日": "Respect for the Aged Day",
    "秋分の日": "Autumnal Equinox Day",
    "スポーツの日": "Sports Day",
    "体育の日": "Health and Sports Day",
    "文化の日": "Culture Day",
    "勤労感謝の日": "Labour Thanksgiving Day",
    "国民の休日": "Citizens' Holiday",
    "天皇の即位の日": "Enthronement Day",
    "即位礼正殿の儀": "Enthronement Ceremony",
}
SUBSTITUTE_HOLIDAY = " 振替休日"


def _holiday_in_language(name):
    """'文化の日', in English 'Culture Day'; '文化の日 振替休日' in English 'Substitute holiday
    (Culture Day)'. A name jpholiday adds later stays as jpholiday writes it."""
    if not name or not in_english():
        return name
    if name.endswith(SUBSTITUTE_HOLIDAY):
        holiday = name.removesuffix(SUBSTITUTE_HOLIDAY)
        return f"Substitute holiday ({ENGLISH_HOLIDAYS.get(holiday, holiday)})"
    return ENGLISH_HOLIDAYS.get(name, name)


def holidays_in_month(year, month):
    """{date: name} of Japan's public holidays in a month (国民の祝日, 振替休日 and 国民の休日,
    from the maintained jpholiday package), named in the language being read."""
    return {day: _holiday_in_language(name) for day, name in jpholiday.month_holidays(year, month)}


def holiday_name(day):
    """The name of Japan's public holiday on `day` (a date, or the Japan date of a datetime)
    for a sentence, in the language being read: '文化の日', '文化の日の振替休日' (in English
    'Culture Day', 'Substitute holiday (Culture Day)'); None on any other day."""
    name = jpholiday.is_holiday_name(japan_date(day))
    if name and not in_english() and name.endswith(SUBSTITUTE_HOLIDAY):
        return f"{name.removesuffix(SUBSTITUTE_HOLIDAY)}の振替休日"
    return _holiday_in_language(name)


# School days

# 年末年始, (month, day) to (month, day): the days off of schools and public offices
# (行政機関の休日に関する法律) whatever the weekday.
NEW_YEAR_BREAK = ((12, 29), (1, 3))


def is_new_year_break(day):
    """Whether `day` (a date, or the Japan date of a datetime) is in 年末年始, from December
    29th to January 3rd."""
    day = japan_date(day)
    first, last = NEW_YEAR_BREAK
    return not last < (day.month, day.day) < first


def is_school_day(day):
    """Whether schools in Japan can have lessons on `day` (a date, or the Japan date of a
    datetime): a weekday that is neither a public holiday (国民の祝日, 振替休日, 国民の休日) nor
    in 年末年始. A school's own days off (the summer holidays, its anniversary) vary by
    school: the school knows them, not this."""
    day = japan_date(day)
    return day.weekday() < 5 and not is_new_year_break(day) and not jpholiday.is_holiday(day)
