"""schema.org Event as JSON-LD, so search engines show the date, place and status."""

from website import images
from website.addresses import absolute_url
from website.dates import JAPAN
from website.structured_data import forum_organisation

SCHEMA = "https://schema.org/"
ATTENDANCE_MODES = {
    "in_person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
EVENT_STATUSES = {
    "scheduled": "EventScheduled",
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
}


def event_data(event, request):
    page_url = absolute_url(event.get_url(request))
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": page_url,
        "eventStatus": SCHEMA + EVENT_STATUSES[event.status],
        "eventAttendanceMode": SCHEMA + ATTENDANCE_MODES[event.attendance],
        "location": locations(event, page_url),
        "isAccessibleForFree": event.is_free,
    }
    if event.all_day:
        data["startDate"] = event.start_date.isoformat()
        data["endDate"] = event.last_date.isoformat()
    else:
        data["startDate"] = event.start.astimezone(JAPAN).isoformat()
        data["endDate"] = event.end.astimezone(JAPAN).isoformat()
    if event.forum_id:
        data["organizer"] = forum_organisation(event.forum)
    if event.audience:
        data["audience"] = {"@type": "Audience", "audienceType": event.audience}
    if event.is_free:
        data["offers"] = {
            "@type": "Offer",
            "price": 0,
            "priceCurrency": "JPY",
            "url": page_url,
        }
    if event.image_id:
        rendition = images.sharing_rendition(event.image)
        data["image"] = [absolute_url(rendition.url)]
    return data


def locations(event, page_url):
    places = []
    if event.has_venue:
        place = {"@type": "Place", "name": event.venue_name or event.venue_address}
        if event.venue_address:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": event.venue_address,
                "addressCountry": "JP",
            }
            if event.prefecture_id:
                place["address"]["addressRegion"] = event.prefecture.name
            if event.municipality:
                place["address"]["addressLocality"] = event.municipality
        places.append(place)
    if event.is_online:
        # The meeting URL itself may be for registrants only; the page stands in for it.
        places.append({"@type": "VirtualLocation", "url": event.public_online_url or page_url})
    return places[0] if len(places) == 1 else places
