"""iCalendar (RFC 5545) for one event and for feeds of upcoming events.

Times are written with TZID=Asia/Tokyo and a VTIMEZONE; all-day events as DATE values with
an exclusive end. Each event keeps one UID for its whole life (its page's translation key),
and SEQUENCE grows whenever a published change reschedules, relocates or cancels it.
"""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from website.dates import JAPAN

PRODID = "-//インフラメンテナンス国民会議//Sankaku イベント//JA"
UID_DOMAIN = "sankaku.infra-maintenance"
STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}
TITLE_PREFIX = {"cancelled": "【中止】", "postponed": "【延期】"}


def event_uid(event):
    return f"event-{event.translation_key}@{UID_DOMAIN}"


def new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    # Every timed event says TZID=Asia/Tokyo; its definition comes first (Japan has had
    # no daylight saving since 1951, so one STANDARD rule covers every date we publish).
    calendar.add_component(Timezone.from_tzid("Asia/Tokyo", first_date=datetime.date(2000, 1, 1)))
    return calendar


def build_event(event, *, page_url, include_private=False):
    """The VEVENT of one event. `include_private` adds what only registrants may see."""
    component = Event()
    component.add("uid", event_uid(event))
    modified = event.last_published_at or event.latest_revision_created_at or timezone.now()
    component.add("dtstamp", modified.astimezone(datetime.UTC))
    component.add("last-modified", modified.astimezone(datetime.UTC))
    component.add("sequence", event.ical_sequence)
    component.add("summary", TITLE_PREFIX.get(event.status, "") + event.title)
    if event.all_day:
        component.add("dtstart", event.start_date)
        component.add("dtend", event.last_date + datetime.timedelta(days=1))
    else:
        component.add("dtstart", event.start.astimezone(JAPAN))
        component.add("dtend", event.end.astimezone(JAPAN))
    component.add("status", STATUS[event.status])
    location = location_text(event)
    if location:
        component.add("location", location)
    component.add("url", page_url)
    component.add("description", description_text(event, page_url, include_private))
    if event.kind_id:
        component.add("categories", [event.kind.name])
    return component


def location_text(event):
    parts = []
    if event.has_venue:
        parts.append(" ".join(part for part in (event.venue_name, event.venue_address) if part))
    if event.is_online:
        parts.append("オンライン")
    return "／".join(part for part in parts if part)


def description_text(event, page_url, include_private):
    lines = []
    if event.status_note:
        lines.append(f"【{event.get_status_display()}】{event.status_note}")
    lines.append(event.summary)
    if event.forum_id:
        lines.append(f"主催: {event.forum.name}")
    online_url = (
        event.online_url if include_private and event.is_online else event.public_online_url
    )
    if online_url:
        lines.append(f"オンライン参加: {online_url}")
    lines.append(f"詳細: {page_url}")
    return "\n\n".join(line for line in lines if line)


def event_calendar(event, *, page_url, include_private=False):
    calendar = new_calendar(event.title)
    calendar.add_component(build_event(event, page_url=page_url, include_private=include_private))
    return calendar.to_ical()


def feed_calendar(name, events, *, url_for):
    """A feed of many events; `url_for(event)` gives each event's absolute URL."""
    calendar = new_calendar(name)
    calendar.add("x-published-ttl", "PT6H")
    for event in events:
        calendar.add_component(build_event(event, page_url=url_for(event)))
    return calendar.to_ical()
