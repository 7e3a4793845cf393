import datetime
import html
import re
from unittest import mock

import pytest

from events.models import EventPage
from tests.events.factories import EventKindFactory, EventPageFactory, jst
from tests.factories import ForumFactory, prefecture
from website.prefectures import JAPANESE_NAMES


def frozen(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def titles(response):
    return [event.title for event in response.context["events"]]


@pytest.mark.django_db
def test_an_event_ending_exactly_now_is_past(event_index):
    now = jst(2022, 3, 31, 17, 0)
    ended = EventPageFactory(parent=event_index, start=now - datetime.timedelta(hours=2), end=now)
    running = EventPageFactory(
        parent=event_index,
        start=now - datetime.timedelta(hours=2),
        end=now + datetime.timedelta(seconds=1),
    )
    events = EventPage.objects.visible()
    assert list(events.upcoming(now)) == [running]
    assert list(events.past(now)) == [ended]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("now", "upcoming"),
    [
        (jst(2022, 3, 31, 23, 59, 59), True),
        (jst(2022, 4, 1, 0, 0), False),
        (jst(2022, 4, 1, 0, 0, 1), False),
    ],
)
def test_an_all_day_event_is_upcoming_until_midnight_japan_time(client, event_index, now, upcoming):
    event = EventPageFactory(
        parent=event_index,
        title="年度末の終日イベント",
        all_day=True,
        start=jst(2022, 3, 31),
        end=jst(2022, 3, 31),
    )
    assert event.is_upcoming(now) is upcoming
    with frozen(now):
        upcoming_titles = titles(client.get("/events/"))
        past_titles = titles(client.get("/events/past/"))
    assert ("年度末の終日イベント" in upcoming_titles) is upcoming
    assert ("年度末の終日イベント" in past_titles) is not upcoming


@pytest.mark.django_db
def test_midnight_is_judged_in_japan_time_not_utc(event_index):
    # Ends at 2022-04-01 00:30 JST, which is still 2022-03-31 in UTC.
    event = EventPageFactory(
        parent=event_index, start=jst(2022, 3, 31, 22, 0), end=jst(2022, 4, 1, 0, 30)
    )
    assert event.is_upcoming(jst(2022, 4, 1, 0, 29))
    assert not event.is_upcoming(jst(2022, 4, 1, 0, 30))
    assert event.last_date == datetime.date(2022, 4, 1)


@pytest.mark.django_db
def test_upcoming_soonest_first_and_past_newest_first(client, event_index):
    now = jst(2030, 6, 15, 12, 0)
    for title, day in [("6月1日", 1), ("6月10日", 10), ("6月20日", 20), ("6月30日", 30)]:
        EventPageFactory(
            parent=event_index,
            title=title,
            start=jst(2030, 6, day, 13, 0),
            end=jst(2030, 6, day, 15, 0),
        )
    with frozen(now):
        assert titles(client.get("/events/")) == ["6月20日", "6月30日"]
        assert titles(client.get("/events/past/")) == ["6月10日", "6月1日"]


@pytest.mark.django_db
def test_filters_by_kind_forum_attendance_and_month(client, event_index):
    kinki = ForumFactory(slug="kinki", name="近畿本部フォーラム")
    kyushu = ForumFactory(slug="kyushu", name="九州フォーラム")
    pitch = EventKindFactory(slug="pitch", name="ピッチイベント")
    now = jst(2030, 6, 1, 9, 0)
    EventPageFactory(
        parent=event_index,
        title="近畿のワークショップ",
        forum=kinki,
        start=jst(2030, 7, 1, 13),
        end=jst(2030, 7, 1, 15),
        attendance="in_person",
    )
    EventPageFactory(
        parent=event_index,
        title="九州のピッチ",
        forum=kyushu,
        kind=pitch,
        start=jst(2030, 8, 1, 13),
        end=jst(2030, 8, 1, 15),
        attendance="hybrid",
    )
    EventPageFactory(
        parent=event_index,
        title="オンラインセミナー",
        forum=kinki,
        start=jst(2030, 8, 20, 13),
        end=jst(2030, 8, 20, 15),
        attendance="online",
    )
    # A multi-day event that starts in July and ends in August belongs to both months.
    EventPageFactory(
        parent=event_index,
        title="月をまたぐ展示",
        forum=kyushu,
        all_day=True,
        start=jst(2030, 7, 30),
        end=jst(2030, 8, 2),
    )
    with frozen(now):
        assert titles(client.get("/events/?kind=pitch")) == ["九州のピッチ"]
        assert titles(client.get("/events/?forum=kinki")) == [
            "近畿のワークショップ",
            "オンラインセミナー",
        ]
        assert titles(client.get("/events/?attendance=online")) == [
            "九州のピッチ",
            "オンラインセミナー",
        ]
        assert titles(client.get("/events/?attendance=in_person")) == [
            "近畿のワークショップ",
            "月をまたぐ展示",
            "九州のピッチ",
        ]
        assert titles(client.get("/events/?month=2030-08")) == [
            "月をまたぐ展示",
            "九州のピッチ",
            "オンラインセミナー",
        ]
        assert titles(client.get("/events/?month=2030-08&forum=kyushu&kind=pitch")) == [
            "九州のピッチ"
        ]
        html = client.get("/events/?forum=kinki").content.decode()
    assert '<option value="kinki" selected>近畿本部フォーラム</option>' in html
    assert '<option value="2030-07">2030年7月</option>' in html
    assert "条件をクリア" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=999",
        "?page=-1",
        "?month=99-99",
        "?month=2030-13",
        "?month=0000-01",
        "?forum=<script>alert(1)</script>",
        "?kind=%00",
        "?attendance=teleport",
        "?kind[]=a&forum=&month=",
    ],
)
def test_junk_parameters_are_ignored_never_an_error(client, event_index, query):
    event = EventPageFactory(parent=event_index, title="いつものイベント")
    for path in ("/events/", "/events/past/", "/events/calendar/"):
        response = client.get(path + query)
        assert response.status_code == 200, path + query
        assert "<script>alert(1)</script>" not in response.content.decode()
    assert event.title in titles(client.get("/events/" + query))


@pytest.mark.django_db
def test_pagination_keeps_filters(client, event_index):
    forum = ForumFactory(slug="tohoku")
    for day in range(1, 16):
        EventPageFactory(
            parent=event_index,
            forum=forum,
            start=jst(2030, 6, day, 13),
            end=jst(2030, 6, day, 15),
        )
    with frozen(jst(2030, 5, 1)):
        first = client.get("/events/?forum=tohoku")
        second = client.get("/events/?forum=tohoku&page=2")
    assert len(first.context["events"]) == 12
    assert len(second.context["events"]) == 3
    assert "?forum=tohoku&amp;page=2" in first.content.decode()


@pytest.mark.django_db
def test_empty_states_are_friendly(client, event_index):
    # No filter chosen: no "条件に合う", and a link on to the past events.
    upcoming = client.get("/events/").content.decode()
    assert "条件に合う" not in upcoming
    assert "開催予定のイベントは、いまはありません。" in upcoming
    assert '<a href="/events/past/">過去のイベントを見る</a>' in upcoming
    assert "日本語だけでお知らせ" not in upcoming  # said on translations only
    assert "過去のイベントはまだありません。" in client.get("/events/past/").content.decode()
    ForumFactory(slug="tohoku", name="東北フォーラム")
    filtered = client.get("/events/?forum=tohoku&page=2").content.decode()
    assert "条件に合う開催予定のイベントはありません。" in filtered
    assert '<a href="/events/past/?forum=tohoku">同じ条件で過去のイベントを見る</a>' in filtered
    filtered_past = client.get("/events/past/?forum=tohoku").content.decode()
    assert "条件に合う過去のイベントはありません。" in filtered_past


@pytest.mark.django_db
def test_lists_mark_cancelled_and_postponed_events(client, event_index):
    EventPageFactory(parent=event_index, title="中止の会", status="cancelled")
    EventPageFactory(parent=event_index, title="延期の会", status="postponed")
    html = client.get("/events/").content.decode()
    assert "【中止】中止の会" in html and '<span class="badge badge--cancelled">中止</span>' in html
    assert "【延期】延期の会" in html and '<span class="badge badge--warning">延期</span>' in html


@pytest.mark.django_db
def test_home_page_shows_the_next_three_upcoming_events(client, event_index, home_page):
    now = jst(2030, 6, 1, 9, 0)
    EventPageFactory(
        parent=event_index, title="終わった会", start=jst(2030, 5, 1, 13), end=jst(2030, 5, 1, 15)
    )
    for day in (20, 5, 10, 15):
        EventPageFactory(
            parent=event_index,
            title=f"6月{day}日の会",
            start=jst(2030, 6, day, 13),
            end=jst(2030, 6, day, 15),
        )
    with frozen(now):
        html = client.get("/").content.decode()
    section = html.split('id="home-events-heading"')[1].split("</section>")[0]
    assert section.index("6月5日の会") < section.index("6月10日の会") < section.index("6月15日の会")
    assert "6月20日の会" not in section and "終わった会" not in section
    assert 'href="/events/"' in section


@pytest.mark.django_db
def test_home_page_section_has_an_empty_state(client, event_index, home_page):
    assert "現在、開催予定のイベントはありません。" in client.get("/").content.decode()


@pytest.mark.django_db
def test_forum_page_shows_its_upcoming_events_and_feed(client, event_index):
    kinki = ForumFactory(slug="kinki", name="近畿本部フォーラム")
    other = ForumFactory(slug="kyushu")
    EventPageFactory(parent=event_index, title="近畿の会", forum=kinki)
    EventPageFactory(parent=event_index, title="九州の会", forum=other)
    EventPageFactory(
        parent=event_index,
        title="近畿の過去の会",
        forum=kinki,
        start=jst(2021, 9, 1, 13),
        end=jst(2021, 9, 1, 15),
        held=True,
    )
    html = client.get("/forums/kinki/").content.decode()
    section = html.split('id="forum-events-heading"')[1].split("</section>")[0]
    assert "近畿の会" in section
    assert "九州の会" not in section and "近畿の過去の会" not in section
    assert "開催実績 1件" in section
    assert 'href="/events/feed/kinki/"' in section
    assert 'href="/events/?forum=kinki"' in section


def forum_section(client, path):
    html = client.get(path).content.decode()
    return html.split('id="forum-events-heading"')[1].split("</section>")[0]


def listed_titles(section, titles):
    """The `titles` the section shows, in its order (each title asserted to be shown once)."""
    shown = [title for title in titles if title in section]
    for title in shown:
        assert section.count(f">{title}<") == 1, title
    return sorted(shown, key=section.index)


AREA_NOW = jst(2030, 6, 1, 9)


def held(event_index, day, title, forum, code=None, **fields):
    """An upcoming event of July 2030, at a venue in prefecture `code` unless online."""
    if code is None:
        fields.setdefault("attendance", "online")
        fields.update(venue_name="", venue_address="")
    else:
        fields.setdefault("venue_address", f"{JAPANESE_NAMES[code]}のどこか")
    return EventPageFactory(
        parent=event_index,
        title=title,
        forum=forum,
        start=jst(2030, 7, day, 13),
        end=jst(2030, 7, day, 15),
        prefecture=prefecture(code) if code else fields.pop("prefecture", None),
        **fields,
    )


@pytest.fixture
def kinki_area(event_index):
    """The Kinki forum (Kyoto and Osaka) and a national forum holding events here and there."""
    kinki = ForumFactory(
        slug="kinki",
        name="近畿本部フォーラム",
        regional=True,
        prefectures=[prefecture("26"), prefecture("27")],
    )
    citizens = ForumFactory(slug="citizen-participation", name="市民参画フォーラム")
    held(event_index, 1, "大阪の市民セミナー", citizens, "27")
    held(event_index, 2, "京都のWEB併用見学会", citizens, "26", attendance="hybrid")
    held(event_index, 3, "近畿のオンライン講座", kinki)
    held(event_index, 4, "東京の市民セミナー", citizens, "13")
    # Online only: sent from Osaka, but held at no venue there.
    held(event_index, 5, "大阪から配信する講座", citizens, prefecture=prefecture("27"))
    held(event_index, 6, "近畿フォーラム総会", kinki, "27")
    return kinki, citizens


KINKI_AREA_TITLES = [
    "大阪の市民セミナー",
    "京都のWEB併用見学会",
    "近畿のオンライン講座",
    "東京の市民セミナー",
    "大阪から配信する講座",
    "近畿フォーラム総会",
]


@pytest.mark.django_db
def test_a_regional_forum_lists_its_events_and_those_held_in_its_area_once(client, kinki_area):
    with frozen(AREA_NOW):
        section = forum_section(client, "/forums/kinki/")
    assert listed_titles(section, KINKI_AREA_TITLES) == [
        "大阪の市民セミナー",
        "京都のWEB併用見学会",
        "近畿のオンライン講座",
        "近畿フォーラム総会",
    ]
    assert "近畿本部フォーラムと対象地域のイベント" in section
    assert "対象地域の会場で開かれるほかの主催者のイベントも載せています" in section


@pytest.mark.django_db
def test_a_regional_forum_shows_as_many_events_as_before(client, kinki_area, event_index):
    from events.wagtail_hooks import FORUM_EVENT_COUNT

    kinki, _ = kinki_area
    held(event_index, 7, "近畿の現場見学会", kinki, "26")
    with frozen(AREA_NOW):
        section = forum_section(client, "/forums/kinki/")
    assert section.count('<li class="card event-card') == FORUM_EVENT_COUNT
    assert "近畿の現場見学会" not in section


@pytest.mark.django_db
def test_a_regional_forum_with_nothing_upcoming_says_so_for_its_area(client, event_index):
    ForumFactory(slug="kinki", name="近畿本部フォーラム", regional=True)
    section = forum_section(client, "/forums/kinki/")
    assert "現在、開催予定のイベントはありません。" in section
    assert "このフォーラムの開催予定" not in section


@pytest.mark.django_db
def test_the_links_of_a_regional_forum_list_every_event_of_its_section(client, kinki_area):
    with frozen(AREA_NOW):
        section = forum_section(client, "/forums/kinki/")
        links = re.findall(r'href="(/events/\?[^"]+)"', section)
        assert links == ["/events/?area=kinki", "/events/?forum=kinki"]
        listed = {title for link in links for title in titles(client.get(html.unescape(link)))}
    assert "対象地域で開かれるイベントをすべて見る" in section
    assert "主催イベントをすべて見る" in section
    assert set(listed_titles(section, KINKI_AREA_TITLES)) <= listed


@pytest.mark.django_db
def test_a_national_forum_lists_only_the_events_it_organises(client, kinki_area):
    with frozen(AREA_NOW):
        section = forum_section(client, "/forums/citizen-participation/")
    assert listed_titles(section, KINKI_AREA_TITLES) == [
        "大阪の市民セミナー",
        "京都のWEB併用見学会",
        "東京の市民セミナー",
        "大阪から配信する講座",
    ]
    assert "市民参画フォーラムのイベント" in section and "対象地域" not in section
    assert 'href="/events/?forum=citizen-participation">開催予定をすべて見る<' in section
    assert "?area=" not in section


def test_the_regional_heading_and_links_read_in_english():
    from django.template.loader import render_to_string
    from django.utils import translation

    from website.models import Forum

    forum = Forum(name="近畿本部フォーラム", name_en="Kinki Forum", kind=Forum.Kind.REGIONAL)
    with translation.override("en"):
        html = render_to_string(
            "events/sections/forum_events.html", {"forum": forum, "events": [], "area": "kinki"}
        )
    assert "Events of the Kinki Forum and in its area" in html
    assert "this lists those of other organisers held at venues in its area" in html
    assert "There are no upcoming events at the moment." in html
    assert "近畿" not in html and "対象地域" not in html


@pytest.mark.django_db
def test_cards_say_whether_registration_is_open_and_how_many_places_are_left(client, event_index):
    from tests.events.factories import RegistrationFactory

    with frozen(jst(2031, 5, 1, 12)):
        open_event = EventPageFactory(
            parent=event_index,
            title="受付中の会",
            registration_mode="site",
            capacity=30,
            start=jst(2031, 6, 1, 13),
            end=jst(2031, 6, 1, 15),
        )
        RegistrationFactory(event=open_event, number_of_people=4)
        full = EventPageFactory(
            parent=event_index,
            title="満席の会",
            registration_mode="site",
            capacity=2,
            waiting_list_enabled=True,
            start=jst(2031, 6, 2, 13),
            end=jst(2031, 6, 2, 15),
        )
        RegistrationFactory(event=full, number_of_people=2)
        EventPageFactory(
            parent=event_index,
            title="申込み不要の会",
            registration_mode="none",
            start=jst(2031, 6, 3, 13),
            end=jst(2031, 6, 3, 15),
        )
        html = client.get(event_index.url).content.decode()
    cards = {
        title: card
        for card in html.split('<li class="card event-card')[1:]
        for title in ("受付中の会", "満席の会", "申込み不要の会")
        if title in card
    }
    assert "参加申込み受付中・残り26名" in cards["受付中の会"]
    assert "満席（キャンセル待ちを受付中）" in cards["満席の会"]
    assert "event-card__registration" not in cards["申込み不要の会"]


@pytest.mark.django_db
def test_the_event_page_offers_registration_in_its_first_screen(client, event_index):
    with frozen(jst(2031, 5, 1, 12)):
        event = EventPageFactory(
            parent=event_index,
            title="受付中の会",
            registration_mode="site",
            capacity=30,
            start=jst(2031, 6, 1, 13),
            end=jst(2031, 6, 1, 15),
        )
        html = client.get(event.url).content.decode()
    header = html[: html.index("</header>", html.index('class="event__header"'))]
    assert f'<a class="button" href="{event.url}register/">参加を申し込む</a>' in header
    assert "残り30名" in header and '<a href="#registration-heading">' in header


@pytest.mark.django_db
def test_the_month_lists_counts_give_the_lists_length_in_japan_time(client, event_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for day in range(1, 15):
        EventPageFactory(parent=event_index, start=jst(2030, 6, day, 13), end=jst(2030, 6, day, 15))
    # 00:30 on 1 July in Japan is still 30 June in UTC: a July event.
    EventPageFactory(parent=event_index, start=jst(2030, 7, 1, 0, 30), end=jst(2030, 7, 1, 2))
    with frozen(jst(2030, 5, 1)), CaptureQueriesContext(connection) as queries:
        response = client.get("/events/")
    assert response.context["page_obj"].paginator.count == 15
    assert not [q for q in queries if q["sql"].startswith("SELECT COUNT(*)")]
    months = [label for value, label in response.context["filters"].fields["month"].choices]
    assert months[1:] == ["2030年6月", "2030年7月"]
    with frozen(jst(2030, 5, 1)):
        july = client.get("/events/?month=2030-07")
    assert july.context["page_obj"].paginator.count == 1
