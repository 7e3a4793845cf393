"""The events demo (events/demo.py): where its events are, bodies that add to the summary,
one venue per event, and events an earlier version loaded brought up to date."""

import pytest
from wagtail.models import Revision

from events import demo
from events.ical import location_text
from events.models import EventPage, prefecture_in_address
from website.dates import japan_today
from website.demo import ensure_forums

pytestmark = pytest.mark.django_db

FORMER_VENUE = next(
    spec["former_venue"] for spec in demo.upcoming_events(japan_today()) if "former_venue" in spec
)
TOKYO = [
    "upcoming-bridge-inspection-workshop",
    "upcoming-municipal-dx-seminar",
    "upcoming-infra-exploration-day",
]


def body_text(event):
    return "".join(str(block.render()) for block in event.body)


def test_the_demo_events_say_where_they_are_and_add_to_their_summary(client, home_page):
    ensure_forums()
    demo.load(home_page)
    events = EventPage.objects.live()
    with_venue = [event for event in events if event.has_venue]
    assert with_venue and all(event.prefecture_id and event.municipality for event in with_venue)
    for event in events:
        assert event.summary not in body_text(event), event.slug

    tokyo = client.get("/events/?area=13")
    assert [event.slug for event in tokyo.context["events"]] == TOKYO
    assert "場所：東京都墨田区 区民センター 第1会議室" in tokyo.content.decode()

    # A two-day event meeting at two places: one venue, the other place in its programme.
    exploration = events.get(slug="upcoming-infra-exploration-day")
    assert prefecture_in_address(exploration.venue_address) == "13"
    assert "辰巳" not in exploration.venue_address and "、" not in exploration.venue_address
    assert "辰巳駅" in body_text(exploration)
    assert exploration.map_link.endswith("%E6%A8%AA%E7%B6%B21-3-20")  # …横網1-3-20
    assert "プログラム" not in location_text(exploration)


def test_a_later_load_brings_the_events_of_an_earlier_version_up_to_date(home_page):
    ensure_forums()
    index = demo.load(home_page)
    # As the earlier version loaded them: the summary again as the body, two places in the
    # address of the exploration day, no municipality.
    for event in EventPage.objects.child_of(index).filter(slug__in=TOKYO):
        event.body = [("paragraph", f"<p>{event.summary}</p>")]
        event.municipality = ""
        if event.slug == "upcoming-infra-exploration-day":
            event.venue_name, event.venue_address = FORMER_VENUE
            event.prefecture = None
        event.save_revision().publish()
    # An event the editors changed since is theirs.
    edited = EventPage.objects.get(slug="2021-kinki-forum")
    edited.venue_address, edited.municipality = "大阪府大阪市中央区大手前2", ""
    edited.save_revision().publish()

    demo.load(home_page)
    for event in EventPage.objects.filter(slug__in=TOKYO):
        assert event.prefecture_id == "13" and event.municipality, event.slug
        assert event.summary not in body_text(event), event.slug
        assert not event.has_unpublished_changes
    exploration = EventPage.objects.get(slug="upcoming-infra-exploration-day")
    assert exploration.venue_address == "東京都墨田区横網1-3-20"
    assert "辰巳駅" in body_text(exploration)
    edited.refresh_from_db()
    assert (edited.venue_address, edited.municipality) == ("大阪府大阪市中央区大手前2", "")

    revisions = Revision.objects.count()
    demo.load(home_page)
    assert Revision.objects.count() == revisions
