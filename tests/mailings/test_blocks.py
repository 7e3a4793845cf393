"""The automatic blocks fetch their items from news, events and lessons (the
`mailings_items` hook): the chosen forums only, news since the last issue, with absolute URLs;
what there was when the issue is sent, events marked as the site marks them."""

import datetime

from django.test import Client
from django.utils import timezone

from events.models import EventPage
from mailings import rendering, sending
from mailings.models import Issue
from tests.events.factories import EventIndexPageFactory, EventPageFactory, jst
from tests.factories import ForumFactory
from tests.mailings.factories import IssueFactory, SubscriberFactory
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


def upcoming_events_issue():
    return IssueFactory(
        body=[("upcoming_events", {"heading": "これからのイベント", "forums": [], "limit": 5})]
    )


def titles_in(sections):
    return [item["title"] for section in sections for item in section["items"]]


def test_a_postponed_event_is_marked_in_both_parts_and_the_archive(
    home_page, django_capture_on_commit_callbacks
):
    events = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=events, title="点検ワークショップ（東京）")
    EventPageFactory(
        parent=events,
        title="よろず相談会（福岡）",
        status=EventPage.Status.POSTPONED,
        status_note="会場の都合により延期します。新しい日程は決まり次第お知らせします。",
    )
    EventPageFactory(
        parent=events, title="点検講座（札幌）", status=EventPage.Status.POSTPONED, status_note=""
    )
    issue = upcoming_events_issue()

    parts = rendering.render_issue(issue)
    assert "・点検ワークショップ（東京）（" in parts.text
    assert "・【延期】よろず相談会（福岡）（" in parts.text
    assert "  ※会場の都合により延期します。新しい日程は決まり次第お知らせします。" in parts.text
    assert "・【延期】点検講座（札幌）（" in parts.text
    assert "  ※このイベントは延期になりました。" in parts.text
    assert "【延期】</strong><a href=" in parts.html
    assert parts.html.count("【延期】") == 2
    assert "会場の都合により延期します。新しい日程は決まり次第お知らせします。" in parts.html
    assert "このイベントは延期になりました。" in parts.html

    SubscriberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        sending.start(issue)
    archived = Client().get("/mail/1/").content.decode()
    assert "<strong>【延期】</strong><a href=" in archived
    assert archived.count("【延期】") == 2
    assert "会場の都合により延期します。新しい日程は決まり次第お知らせします。" in archived


def test_a_cancelled_event_is_left_out_unless_an_earlier_issue_listed_it(home_page):
    events = EventIndexPageFactory(parent=home_page)
    listed = EventPageFactory(parent=events, title="点検ワークショップ（東京）")
    EventPageFactory(
        parent=events,
        title="ピッチイベント（大阪）",
        status=EventPage.Status.CANCELLED,
        status_note="登壇企業が集まらず、中止します。",
    )
    first = upcoming_events_issue()
    assert titles_in(rendering.build_sections(first)) == ["点検ワークショップ（東京）"]
    assert "ピッチイベント" not in rendering.render_issue(first).text

    sent_at = timezone.now() - datetime.timedelta(days=1)
    first.content = rendering.build_sections(first, until=sent_at)
    first.started_at, first.status = sent_at, Issue.Status.SENT
    first.save()
    listed.status = EventPage.Status.CANCELLED
    listed.status_note = ""
    listed.save()

    # Who read of the workshop in the first issue learns it is off; of the pitch, nobody.
    second = upcoming_events_issue()
    parts = rendering.render_issue(second)
    assert titles_in(rendering.build_sections(second)) == ["点検ワークショップ（東京）"]
    assert "・【中止】点検ワークショップ（東京）（" in parts.text
    assert "  ※このイベントは中止になりました。" in parts.text
    assert "【中止】</strong><a href=" in parts.html
    assert "ピッチイベント" not in parts.text and "ピッチイベント" not in parts.html


def test_a_back_number_holds_no_event_over_by_its_send_time(home_page):
    """Sent at 8:00 on 20 May in Japan (23:00 on the 19th in UTC)."""
    events = EventIndexPageFactory(parent=home_page)
    EventPageFactory(
        parent=events,
        title="前日の終日イベント",
        start=jst(2026, 5, 19),
        end=jst(2026, 5, 19),
        all_day=True,
    )
    EventPageFactory(
        parent=events,
        title="早朝に終わった点検",
        start=jst(2026, 5, 20, 5),
        end=jst(2026, 5, 20, 7),
    )
    EventPageFactory(
        parent=events,
        title="送信の時に開催中の点検",
        start=jst(2026, 5, 20, 7),
        end=jst(2026, 5, 20, 9),
    )
    EventPageFactory(
        parent=events,
        title="当日の終日イベント",
        start=jst(2026, 5, 20),
        end=jst(2026, 5, 20),
        all_day=True,
    )
    EventPageFactory(parent=events, title="来週のワークショップ")

    sections = rendering.build_sections(upcoming_events_issue(), until=jst(2026, 5, 20, 8))
    assert titles_in(sections) == [
        "当日の終日イベント",
        "送信の時に開催中の点検",
        "来週のワークショップ",
    ]


def test_a_back_number_holds_no_news_published_after_its_send_time(home_page):
    """Sent at 8:00 on 20 May in Japan (23:00 on the 19th in UTC): news of the 20th were out."""
    news = NewsIndexPageFactory(parent=home_page)
    for day, title in [(1, "前号より前のお知らせ"), (10, "前号以降のお知らせ")]:
        NewsPageFactory(parent=news, title=title, date=datetime.date(2026, 5, day))
    NewsPageFactory(parent=news, title="送信の日のお知らせ", date=datetime.date(2026, 5, 20))
    NewsPageFactory(parent=news, title="送信の翌日のお知らせ", date=datetime.date(2026, 5, 21))
    NewsPageFactory(parent=news, title="後日のお知らせ", date=datetime.date(2026, 11, 5))
    issue = IssueFactory(
        body=[("latest_news", {"heading": "新着ニュース", "forums": [], "limit": 5})]
    )
    sections = rendering.build_sections(issue, since=jst(2026, 5, 2, 10), until=jst(2026, 5, 20, 8))
    assert titles_in(sections) == ["送信の日のお知らせ", "前号以降のお知らせ"]


def test_a_back_number_holds_no_lesson_published_after_its_send_time(home_page):
    lessons = LessonIndexPageFactory(parent=home_page)
    LessonPageFactory(parent=lessons, title="前からある授業", first_published_at=jst(2026, 4, 1))
    LessonPageFactory(parent=lessons, title="後から載せた授業", first_published_at=jst(2026, 6, 1))
    issue = IssueFactory(body=[("open_lessons", {"heading": "出前授業", "forums": [], "limit": 5})])
    sections = rendering.build_sections(issue, until=jst(2026, 5, 20, 8))
    assert titles_in(sections) == ["前からある授業"]
