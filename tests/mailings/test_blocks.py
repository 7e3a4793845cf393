"""The automatic blocks fetch their items from news, events and lessons (the
`mailings_items` hook): the chosen forums only, news since the last issue, with absolute URLs."""

import datetime

from mailings import rendering
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import ForumFactory
from tests.mailings.factories import IssueFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.outreach.factories import LessonIndexPageFactory, LessonPageFactory
from website.dates import japan_midnight


def test_automatic_blocks_and_picked_pages(home_page):
    kinki, kanto = ForumFactory(slug="kinki"), ForumFactory(slug="kanto")
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(
        parent=news, forum=kinki, title="近畿の新しいお知らせ", date=datetime.date(2026, 5, 10)
    )
    NewsPageFactory(
        parent=news, forum=kinki, title="近畿の前号までのお知らせ", date=datetime.date(2026, 4, 1)
    )
    NewsPageFactory(
        parent=news, forum=kanto, title="関東のお知らせ", date=datetime.date(2026, 5, 10)
    )
    events = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=events, forum=kanto, title="関東の点検ワークショップ")
    lessons = LessonIndexPageFactory(parent=home_page)
    lesson = LessonPageFactory(parent=lessons, title="橋の点検を体験しよう")
    issue = IssueFactory(
        body=[
            ("latest_news", {"heading": "近畿のニュース", "forums": [kinki], "limit": 5}),
            ("upcoming_events", {"heading": "イベント", "forums": [], "limit": 5}),
            ("open_lessons", {"heading": "出前授業", "forums": [], "limit": 5}),
            ("pages", {"heading": "おすすめ", "pages": [lesson]}),
        ]
    )
    sections = rendering.build_sections(issue, since=japan_midnight(datetime.date(2026, 5, 1)))
    titles = [[item["title"] for item in section["items"]] for section in sections]
    assert titles == [
        ["近畿の新しいお知らせ"],
        ["関東の点検ワークショップ"],
        ["橋の点検を体験しよう"],
        ["橋の点検を体験しよう"],
    ]
    assert all(
        item["url"].startswith("http://testserver/") for s in sections for item in s["items"]
    )
    parts = rendering.render_issue(issue, sections)
    assert "近畿の新しいお知らせ" in parts.text and "近畿の新しいお知らせ" in parts.html
    assert "2026年5月10日" in parts.text
