"""Where an event is held: its prefecture and municipality, the index's filter by area
(a region, a prefecture or オンライン), and the cards that say the place."""

import importlib
import re
from unittest import mock

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from events.models import EventPage, prefecture_in_address
from tests.events.factories import EventPageFactory, jst
from tests.factories import ForumFactory, prefecture
from website.filters import area_choices
from website.prefectures import REGIONS, place_label

NOW = jst(2030, 6, 1, 9)


def frozen():
    return mock.patch("django.utils.timezone.now", return_value=NOW)


def titles(response):
    return [event.title for event in response.context["events"]]


def upcoming(event_index, day, **fields):
    return EventPageFactory(
        parent=event_index, start=jst(2030, 7, day, 13), end=jst(2030, 7, day, 15), **fields
    )


@pytest.fixture
def places(event_index):
    """Upcoming events in Tokyo, Saitama and Osaka and online, by several forums."""
    kanto = ForumFactory(slug="kanto", name="関東フォーラム", regional=True)
    citizens = ForumFactory(slug="citizen-participation", name="市民参画フォーラム")
    kinki = ForumFactory(slug="kinki", name="近畿本部フォーラム", regional=True)
    upcoming(
        event_index,
        1,
        title="墨田区の点検体験",
        forum=citizens,
        venue_name="区民センター 第1会議室",
        venue_address="東京都墨田区吾妻橋1-23-20",
        municipality="墨田区",
    )
    upcoming(
        event_index,
        2,
        title="霞が関のWEB併用セミナー",
        forum=citizens,
        attendance="hybrid",
        venue_name="事務局会議室",
        venue_address="東京都千代田区霞が関2-1-3",
        municipality="千代田区",
    )
    upcoming(
        event_index,
        3,
        title="大宮の技術セミナー",
        forum=kanto,
        venue_name="大宮ソニックシティ",
        venue_address="埼玉県さいたま市大宮区桜木町1-7-5",
        municipality="さいたま市大宮区",
    )
    upcoming(
        event_index,
        4,
        title="大阪のピッチ",
        forum=kinki,
        venue_name="大阪市中央公会堂",
        venue_address="大阪府大阪市北区中之島1-1-27",
    )
    # Organised from Tokyo, but held online only: not an event "in" Tokyo.
    upcoming(
        event_index,
        5,
        title="オンライン講座",
        forum=kanto,
        attendance="online",
        venue_name="",
        venue_address="",
        prefecture=prefecture("13"),
    )


@pytest.mark.django_db
def test_the_area_finds_the_events_held_there_whoever_organises_them(client, places):
    with frozen():
        assert titles(client.get("/events/?area=13")) == [
            "墨田区の点検体験",
            "霞が関のWEB併用セミナー",
        ]
        assert titles(client.get("/events/?area=kanto")) == [
            "墨田区の点検体験",
            "霞が関のWEB併用セミナー",
            "大宮の技術セミナー",
        ]
        assert titles(client.get("/events/?area=online")) == [
            "霞が関のWEB併用セミナー",
            "オンライン講座",
        ]
        assert titles(client.get("/events/?area=27&forum=kinki")) == ["大阪のピッチ"]
        assert titles(client.get("/events/?area=13&attendance=online")) == [
            "霞が関のWEB併用セミナー"
        ]
        html = client.get("/events/?area=13").content.decode()
    assert "地域：東京都" in html  # the chip
    assert '<option value="13" selected>東京都</option>' in html
    assert '<optgroup label="関東">' in html and '<option value="kanto">関東全域</option>' in html
    assert '<option value="online">オンライン</option>' in html


@pytest.mark.django_db
def test_an_unknown_area_is_said_and_left_out(client, places):
    with frozen():
        response = client.get("/events/?area=99")
    assert len(titles(response)) == 5
    assert (
        "指定の地域が見つからないため、この条件を外して表示しています。"
        in response.content.decode()
    )


@pytest.mark.django_db
def test_the_calendar_honours_the_area(client, places):
    with frozen():
        response = client.get("/events/calendar/?month=2030-07&area=13")
    listed = {event.title for day in response.context["calendar"].days for event in day.events}
    assert listed == {"墨田区の点検体験", "霞が関のWEB併用セミナー"}
    html = response.content.decode()
    assert 'href="?month=2030-08&amp;area=13" rel="next"' in html
    assert "地域：東京都" in html


@pytest.mark.django_db
def test_cards_say_the_prefecture_and_municipality(client, places):
    with frozen():
        html = client.get("/events/").content.decode()
    assert "場所：東京都墨田区 区民センター 第1会議室<" in html
    assert "場所：東京都千代田区 事務局会議室＋オンライン<" in html
    assert "場所：大阪府 大阪市中央公会堂<" in html  # no municipality given
    assert "場所：オンライン<" in html


@pytest.mark.django_db
def test_a_regional_forum_with_no_events_points_to_the_events_held_in_its_region(
    client, event_index
):
    ForumFactory(slug="kanto", name="関東フォーラム", regional=True)
    upcoming(event_index, 1, title="墨田区の点検体験", forum=ForumFactory(slug="citizens"))
    with frozen():
        html = client.get("/events/?forum=kanto&kind=workshop").content.decode()
        assert "条件に合う開催予定のイベントはありません。" in html
        assert (
            '<a href="/events/?kind=workshop&amp;area=kanto">'
            "関東全域で開かれるイベントを見る（主催を問わず）</a>"
        ) in html
        assert titles(client.get("/events/?kind=workshop&area=kanto")) == ["墨田区の点検体験"]
        # A national forum has no region.
        ForumFactory(slug="citizen-participation")
        html = client.get("/events/?forum=citizen-participation").content.decode()
    assert "主催を問わず" not in html


@pytest.mark.django_db
def test_the_prefecture_is_the_addresses_unless_the_editor_chose_it(event_index):
    event = upcoming(event_index, 1, venue_address="〒130-0001 東京都墨田区吾妻橋1-23-20")
    assert event.prefecture_id == "13"
    assert prefecture_in_address("京都府京都市中京区") == "26"
    assert prefecture_in_address("墨田区吾妻橋1-23-20") is None

    event.prefecture = prefecture("27")
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict["prefecture"] == [
        "会場の住所は東京都ですが、都道府県が大阪府になっています。どちらかを直してください。"
    ]
    # Online only: there is no venue to check.
    event.attendance = EventPage.Attendance.ONLINE
    event.full_clean()


@pytest.mark.django_db
def test_the_migration_gives_existing_events_their_addresses_prefecture(event_index):
    held_somewhere = upcoming(event_index, 1, venue_address="福岡県福岡市博多区石城町2-1")
    online = upcoming(
        event_index, 2, attendance="online", venue_address="東京都千代田区霞が関2-1-3"
    )
    EventPage.objects.update(prefecture=None)
    migration = importlib.import_module("events.migrations.0006_event_prefecture")
    migration.prefectures_from_addresses(apps, None)
    held_somewhere.refresh_from_db()
    online.refresh_from_db()
    assert held_somewhere.prefecture_id == "40"
    assert online.prefecture_id is None


@pytest.mark.django_db
def test_editors_choose_the_prefecture_beside_the_venue(admin_client, event_index):
    event = upcoming(event_index, 1)
    html = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    venue, prefecture_field, municipality, address = (
        html.index('name="venue_name"'),
        html.index('name="prefecture"'),
        html.index('name="municipality"'),
        html.index('name="venue_address"'),
    )
    assert venue < prefecture_field < municipality < address
    assert '<option value="13" selected>東京都</option>' in html
    labels = [" ".join(label.split()) for label in re.findall(r'id="id_\w+-label">([^<]*)<', html)]
    assert "都道府県" in labels and "市区町村" in labels


def test_area_options_are_built_from_any_regions_the_rest_under_other_prefectures():
    regions = [("setouchi", "瀬戸内", ["37", "34"]), ("kinki", "近畿", ["27"])]
    groups, codes = area_choices(regions)
    assert groups[:2] == [
        ("瀬戸内", [("setouchi", "瀬戸内全域"), ("34", "広島県"), ("37", "香川県")]),
        ("近畿", [("kinki", "近畿全域"), ("27", "大阪府")]),
    ]
    other, options = groups[2]
    assert other == "その他の都道府県" and len(options) == 44 and ("01", "北海道") in options
    assert codes["setouchi"] == ["34", "37"] and codes["13"] == ["13"] and len(codes) == 49
    with translation.override("en"):
        groups, _codes = area_choices(regions)
    assert groups[0] == (
        "Setouchi",
        [("setouchi", "All of Setouchi"), ("34", "Hiroshima"), ("37", "Kagawa")],
    )


def test_the_fixed_regions_cover_every_prefecture_once_north_to_south():
    groups, codes = area_choices(REGIONS)
    assert [name for name, _options in groups][:3] == ["北海道", "東北", "関東"]
    assert "その他の都道府県" not in [name for name, _options in groups]
    assert codes["kanto"] == ["08", "09", "10", "11", "12", "13", "14", "19", "20"]
    assert sorted(code for _key, _name, region in REGIONS for code in region) == [
        f"{number:02d}" for number in range(1, 48)
    ]


def test_a_place_is_said_one_way_everywhere():
    assert place_label("13", "墨田区") == "東京都墨田区"
    assert place_label("27") == "大阪府"
    assert place_label(None, "墨田区") == ""
    with translation.override("en"):
        assert place_label("13", "墨田区") == "墨田区, Tokyo"
        assert place_label("27", "") == "Osaka"


@pytest.mark.django_db
def test_the_event_page_says_the_town_of_its_venue_only(event_index):
    event = upcoming(
        event_index, 1, venue_address="東京都墨田区吾妻橋1-23-20", municipality="墨田区"
    )
    assert event.place_label == "東京都墨田区"
    with translation.override("en"):
        assert event.place_label == "墨田区, Tokyo"
    event.attendance = EventPage.Attendance.ONLINE
    assert event.place_label == ""
