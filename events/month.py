"""A month as a calendar grid (weeks from Sunday, as Japanese calendars print them)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from website import dates


@dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    is_today: bool = False
    events: list = field(default_factory=list)
    holiday: str = ""  # the public holiday's name

    @property
    def iso(self):
        return self.date.isoformat()

    @property
    def hidden_label(self):
        """What a screen reader hears after the day's number: '日（木） 今日 イベント2件',
        in English ' Thursday, today, 2 events'."""
        count = len(self.events)
        if dates.in_english():
            parts = [
                f" {dates.ENGLISH_WEEKDAYS[self.date.weekday()]}",
                self.holiday and f"public holiday ({self.holiday})",
                self.is_today and "today",
                f"{count} event{'' if count == 1 else 's'}" if count else "no events",
            ]
            separator = ", "
        else:
            parts = [
                f"日（{dates.weekday_name(self.date)}）",
                self.holiday and f"祝日（{self.holiday}）",
                self.is_today and "今日",
                f"イベント{count}件" if count else "イベントなし",
            ]
            separator = " "
        return separator.join(part for part in parts if part)

    @property
    def weekday_suffix(self):
        """Shown after the day's number where the month is a list (on phones), which has no
        weekday columns: '日（土）', in English ' Sat'."""
        name = dates.weekday_name(self.date)
        return f" {name}" if dates.in_english() else f"日（{name}）"

    @property
    def weekday_class(self):
        if self.holiday:
            return "is-holiday"  # shown as Sundays are, as Japanese calendars print them
        return {5: "is-saturday", 6: "is-sunday"}.get(self.date.weekday(), "")


class MonthCalendar:
    def __init__(self, year, month, events, *, today):
        self.year, self.month = year, month
        weeks = dates.month_weeks(year, month)
        first_day, last_day = dates.month_dates(year, month)
        holidays = dates.holidays_in_month(year, month)
        by_day = defaultdict(list)
        for event in events:
            day = max(event.start_date, first_day)
            until = min(event.last_date, last_day)
            while day <= until:
                by_day[day].append(event)
                day += datetime.timedelta(days=1)
        self.weeks = [
            [
                CalendarDay(
                    date=day,
                    in_month=day.month == month,
                    is_today=day == today,
                    events=by_day.get(day, []) if day.month == month else [],
                    holiday=holidays.get(day, ""),
                )
                for day in week
            ]
            for week in weeks
        ]
        self.event_count = len({event.pk for day_events in by_day.values() for event in day_events})

    @property
    def weekday_headers(self):
        return dates.weekday_headers()  # in the language being read

    @property
    def label(self):
        return dates.month_label(self.year, self.month)

    @property
    def value(self):
        return dates.month_value(self.year, self.month)

    @property
    def days(self):
        return [day for week in self.weeks for day in week if day.in_month]

    def _neighbour(self, delta):
        year, month = dates.shift_month(self.year, self.month, delta)
        if not dates.FIRST_YEAR <= year <= dates.LAST_YEAR:
            return None
        return {"value": dates.month_value(year, month), "label": dates.month_label(year, month)}

    @property
    def previous(self):
        return self._neighbour(-1)

    @property
    def next(self):
        return self._neighbour(1)
