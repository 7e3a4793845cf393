"""List pages with the fragment cache on: only the site chrome and the sections are kept, so
every list, card and filter option follows a change at once, for each query string."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import ForumFactory
from tests.news.factories import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def card_titles(html):
    return [part.split("</a>")[0].split(">")[-1] for part in html.split('class="card__title">')[1:]]


def test_a_news_page_follows_new_and_edited_news(client, fragment_cache_on, home_page):
    index = NewsIndexPageFactory(parent=home_page, slug="news")
    kinki = ForumFactory(name="近畿本部フォーラム", slug="kinki")
    for day in range(1, 15):
        NewsPageFactory(parent=index, title=f"記事{day}", date=datetime.date(2021, 6, day))
    first, _ = get(client, "/news/", page="2")
    assert get(client, "/news/", page="2")[0] == first
    assert card_titles(first) == ["記事2", "記事1"]
    assert "ニュース：14件" in first

    NewsPageFactory(parent=index, title="新しい記事", date=datetime.date(2021, 7, 1), forum=kinki)
    older = index.get_children().get(title="記事2").specific
    older.title = "記事2（訂正）"
    older.save_revision().publish()
    html, _ = get(client, "/news/", page="2")
    assert card_titles(html) == ["記事3", "記事2（訂正）", "記事1"]
    assert "ニュース：15件" in html
    assert card_titles(get(client, "/news/", forum="kinki")[0]) == ["新しい記事"]


def test_new_filter_options_show_at_once(client, fragment_cache_on, home_page):
    NewsIndexPageFactory(parent=home_page, slug="news")
    get(client, "/news/")
    ForumFactory(name="九州インフラメンテナンスフォーラム", slug="kyushu")
    NewsCategoryFactory(name="調査報告", slug="survey")
    html, _ = get(client, "/news/")
    assert '<option value="kyushu">九州インフラメンテナンスフォーラム</option>' in html
    assert '<option value="survey">調査報告</option>' in html


def test_an_event_list_follows_a_cancellation(client, fragment_cache_on, home_page):
    index = EventIndexPageFactory(parent=home_page)
    start = timezone.now() + datetime.timedelta(days=3)
    for number in range(3):
        EventPageFactory(
            parent=index, title=f"点検体験{number}", start=start + datetime.timedelta(days=number)
        )
    first, _ = get(client, "/events/")
    assert get(client, "/events/")[0] == first
    assert card_titles(first) == ["点検体験0", "点検体験1", "点検体験2"]

    cancelled = index.get_children().get(title="点検体験1").specific
    cancelled.status = type(cancelled).Status.CANCELLED
    cancelled.save_revision().publish()
    assert card_titles(get(client, "/events/")[0]) == [
        "点検体験0",
        "【中止】点検体験1",
        "点検体験2",
    ]


def test_the_calendar_follows_a_new_event_and_keeps_the_query_string(
    client, fragment_cache_on, home_page
):
    index = EventIndexPageFactory(parent=home_page)
    start = timezone.now() + datetime.timedelta(days=40)
    month = timezone.localtime(start).strftime("%Y-%m")
    EventPageFactory(parent=index, title="橋の見学会", start=start)
    html, _ = get(client, "/events/calendar/", month=month)
    assert "橋の見学会" in html and get(client, "/events/calendar/", month=month)[0] == html

    EventPageFactory(parent=index, title="水道の出前授業", start=start)
    html, _ = get(client, "/events/calendar/", month=month)
    assert "橋の見学会" in html and "水道の出前授業" in html
    # The links to the other months keep the other parameters of this very request.
    html, _ = get(client, "/events/calendar/", month=month, attendance="online")
    assert "attendance=online" in html and "橋の見学会" not in html


def markup_by_query(client, url, queries):
    return {query: get(client, f"{url}?{query}")[0] for query in queries}


NEWS_QUERIES = [
    "",
    "forum=kinki",
    "forum=kinki&page=2",
    "page=2",
    "page=99",
    "year=abc",
    "category=none&forum=kinki",
    "utm_source=mail",
]


def test_each_query_string_of_the_news_list_renders_as_without_the_fragment_cache(
    client, settings, fragment_cache_on, home_page
):
    index = NewsIndexPageFactory(parent=home_page, slug="news")
    kinki = ForumFactory(name="近畿本部フォーラム", slug="kinki")
    tohoku = ForumFactory(name="東北本部フォーラム", slug="tohoku")
    for day in range(1, 16):
        NewsPageFactory(
            parent=index,
            title=f"記事{day}",
            date=datetime.date(2021, 6, day),
            forum=kinki if day % 2 else tohoku,
        )
    settings.FRAGMENT_CACHE_ENABLED = False
    fresh = markup_by_query(client, "/news/", NEWS_QUERIES)
    settings.FRAGMENT_CACHE_ENABLED = True
    assert markup_by_query(client, "/news/", NEWS_QUERIES) == fresh
    assert markup_by_query(client, "/news/", NEWS_QUERIES[::-1]) == fresh
    assert "この年度のニュースはないため" in fresh["year=abc"]
    assert "?utm_source=mail&amp;page=2" in fresh["utm_source=mail"]


EVENT_QUERIES = [
    ("/events/", ""),
    ("/events/", "attendance=online"),
    ("/events/", "page=2"),
    ("/events/", "kind=nothing&month=13"),
    ("/events/past/", ""),
    ("/events/calendar/", ""),
    ("/events/calendar/", "attendance=online"),
    ("/events/calendar/", "month=1999-99"),
]


def test_each_tab_and_query_string_of_the_event_index_renders_as_without_the_fragment_cache(
    client, settings, fragment_cache_on, home_page
):
    index = EventIndexPageFactory(parent=home_page)
    now = timezone.now()
    for number in range(14):
        EventPageFactory(
            parent=index,
            title=f"点検体験{number}",
            start=now + datetime.timedelta(days=number - 2, hours=1),
            attendance="online" if number % 3 == 0 else "in_person",
        )

    def markup():
        return {(url, query): get(client, f"{url}?{query}")[0] for url, query in EVENT_QUERIES}

    settings.FRAGMENT_CACHE_ENABLED = False
    fresh = markup()
    settings.FRAGMENT_CACHE_ENABLED = True
    assert markup() == fresh
    assert markup() == fresh
    assert card_titles(fresh[("/events/past/", "")]) == ["点検体験1", "点検体験0"]
    assert len(set(fresh.values())) == len(EVENT_QUERIES)


def test_the_calendar_turns_to_the_next_day_at_midnight_japan_time(
    client, fragment_cache_on, home_page
):
    from unittest import mock

    from tests.events.factories import jst

    EventIndexPageFactory(parent=home_page)
    with mock.patch("django.utils.timezone.now", return_value=jst(2031, 6, 30, 23, 59, 59)):
        before = get(client, "/events/calendar/")[0]
    with mock.patch("django.utils.timezone.now", return_value=jst(2031, 7, 1, 0, 0, 0)):
        after = get(client, "/events/calendar/")[0]
    assert 'data-date="2031-06-30" aria-current="date"' in before
    assert 'data-date="2031-07-01" aria-current="date"' in after
    heading = '<h2 id="calendar-heading" class="event-calendar__title">{}</h2>'
    assert heading.format("2031年6月") in before and heading.format("2031年7月") in after
