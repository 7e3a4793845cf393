"""The number of SQL queries of a page does not grow with the number of events on it."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.bench import create_events
from tests.events.factories import jst
from tests.factories import ForumFactory, ImageFactory
from tests.listing_sql import listing_sql

# The home page ("/") also renders every other app's section.
BUDGET = 30
NOW = jst(2031, 6, 15, 12)


def query_count(client, url):
    client.get(url)  # the first visit creates the image renditions …
    caches["renditions"].clear()  # … which must then come from prefetching, not a cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


@pytest.fixture
def frozen_now():
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield


URLS = (
    "/events/",
    "/events/past/",
    "/events/?forum=kinki&attendance=in_person&page=2",
    "/events/?area=13",
    "/events/past/?area=kinki&attendance=in_person",
    "/events/calendar/?month=2031-06",
    "/events/calendar/?month=2031-06&area=kinki",
    "/events/feed/",
    "/events/feed/kinki/",
    "/",
    "/forums/kinki/",
)


@pytest.mark.django_db
def test_index_calendar_feeds_and_sections_from_10_to_500_events(client, event_index, frozen_now):
    ForumFactory(slug="kinki")
    image = ImageFactory()
    # Spread around NOW (half past, half upcoming), every third with an image; the
    # calendar month of NOW holds about half of them.
    create_events(event_index, 10, now=NOW, image=image, spread_days=60, first_day_offset=-30)
    small = {url: query_count(client, url)[0] for url in URLS}
    create_events(event_index, 490, now=NOW, image=image, spread_days=60, first_day_offset=-30)
    large = {url: query_count(client, url)[0] for url in URLS}

    assert large == small
    assert max(large.values()) <= BUDGET, large
    assert len(client.get("/events/").context["events"]) == 12
    assert len(client.get("/events/?area=13").context["events"]) == 12
    assert client.get("/events/calendar/?month=2031-06").context["calendar"].event_count > 200


@pytest.mark.django_db
def test_event_page_queries_do_not_depend_on_registrations_or_photos(client, event_index):
    from events.models import EventReportPhoto
    from tests.events.factories import EventPageFactory, RegistrationFactory

    def page_queries(registrations, photos):
        event = EventPageFactory(
            parent=event_index,
            registration_mode="site",
            capacity=500,
            start=jst(2021, 9, 15, 13),
            end=jst(2021, 9, 15, 15),
            held=True,
            participants=10,
            report="<p>報告</p>",
        )
        for number in range(registrations):
            RegistrationFactory(event=event, email=f"p{number}-{event.pk}@example.jp")
        for _ in range(photos):
            EventReportPhoto.objects.create(page=event, image=ImageFactory(), caption="写真")
        return query_count(client, event.url)[0]

    assert page_queries(1, 1) == page_queries(30, 8)
    assert page_queries(1, 1) <= BUDGET


@pytest.mark.django_db
def test_event_cards_read_only_the_fields_they_show(client, event_index, frozen_now):
    ForumFactory(slug="kinki")
    create_events(event_index, 5, now=NOW, image=ImageFactory(), spread_days=20, first_day_offset=1)
    listing, html = listing_sql(client, "/events/", "events_eventpage")
    assert html.count("event-card") >= 5
    assert '"venue_name"' in listing and '"registration_closes_at"' in listing
    # The place (「東京都千代田区 事務局会議室」) from the same query.
    assert '"municipality"' in listing and '"website_prefecture"."name"' in listing
    for unshown in ("report", "ask_notes", "online_url", "venue_address", "audience"):
        assert f'"{unshown}"' not in listing


@pytest.mark.django_db
def test_a_regional_forum_page_lists_its_area_in_the_same_queries_from_10_to_500_events(
    client, event_index, frozen_now
):
    from website.models import Prefecture
    from website.prefectures import REGIONS

    kinki_codes = dict((region, codes) for region, _name, codes in REGIONS)["kinki"]
    ForumFactory(
        slug="kinki", regional=True, prefectures=Prefecture.objects.filter(code__in=kinki_codes)
    )
    # The bench alternates the organisers and the venues (Osaka among them).
    ForumFactory(slug="citizen-participation", name="全国テストフォーラム")
    spread = {"now": NOW, "image": ImageFactory(), "spread_days": 60, "first_day_offset": -30}
    create_events(event_index, 10, **spread)
    small, _ = query_count(client, "/forums/kinki/")
    create_events(event_index, 490, **spread)
    large, response = query_count(client, "/forums/kinki/")

    assert large == small <= BUDGET
    section = response.content.decode().split('id="forum-events-heading"')[1]
    # A card titled with the other forum's name: held in Osaka, organised by it.
    assert '">全国テストフォーラム' in section.split("</section>")[0]
