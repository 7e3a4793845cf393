"""Japanese fiscal years (年度): April 1 to March 31, Japan time.

Every part of the site that groups by fiscal year calls these helpers.
"""

import datetime

from django.utils import timezone

from website.dates import ENGLISH_MONTHS, in_english, japan_date

# (first day of the era, era name); FY labels use the era in force on April 1 of that
# year, except that FY2019 is called 令和元年度 as the government does.
ERAS = [
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
    (datetime.date(1926, 12, 25), "昭和"),
]


def fiscal_year(value):
    """The fiscal year that a date or aware datetime falls in: 2022-03-31 → 2021."""
    day = japan_date(value)
    return day.year if day.month >= 4 else day.year - 1


def current_fiscal_year(now=None):
    return fiscal_year(now or timezone.now())


def fiscal_year_dates(year):
    """First and last calendar day of a fiscal year."""
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def era_year(year, month=4, day=1):
    """('令和', 3) for 2021-04-01; year 1 is 元 in labels."""
    date = datetime.date(year, month, day)
    for start, name in ERAS:
        if date >= start:
            return name, year - start.year + 1
    raise ValueError(f"no era for {date}")


def fiscal_year_label(year):
    """'2021年度' ('FY2021' in English)."""
    if in_english():
        return f"FY{year}"
    return f"{year}年度"


def fiscal_year_era_label(year):
    """'令和3年度'; FY2019 is 令和元年度."""
    if year == 2019:
        return "令和元年度"
    name, number = era_year(year)
    return f"{name}{'元' if number == 1 else number}年度"


def fiscal_year_full_label(year):
    """'2021年度（令和3年度）'; in English 'FY2021 (April 2021 – March 2022)'."""
    if in_english():
        return f"FY{year} ({ENGLISH_MONTHS[3]} {year} – {ENGLISH_MONTHS[2]} {year + 1})"
    return f"{fiscal_year_label(year)}（{fiscal_year_era_label(year)}）"


def fiscal_year_choices(years):
    return [(str(year), fiscal_year_full_label(year)) for year in years]
