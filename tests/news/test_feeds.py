import datetime

import feedparser
import pytest

from tests.factories import ForumFactory
from tests.news.factories import NewsCategoryFactory, NewsPageFactory, make_private

pytestmark = pytest.mark.django_db

FEEDS = ["/news/feed/rss/", "/news/feed/atom/"]


@pytest.fixture
def kinki():
    return ForumFactory(name="近畿本部フォーラム", slug="kinki", regional=True)


@pytest.fixture
def published(news_index, kinki):
    kyushu = ForumFactory(name="九州フォーラム", slug="kyushu", regional=True)
    report = NewsCategoryFactory(name="開催報告", slug="report")
    return [
        NewsPageFactory(
            parent=news_index,
            title="近畿本部フォーラム2021を開催しました",
            slug="kinki-forum-2021",
            summary="ハナミズキホールで開催しました。R&D <展示> も行いました。",
            date=datetime.date(2021, 7, 5),
            forum=kinki,
            category=report,
        ),
        NewsPageFactory(
            parent=news_index,
            title="福岡でピッチイベントを開催しました",
            slug="fukuoka-pitch",
            date=datetime.date(2021, 10, 27),
            forum=kyushu,
            category=report,
        ),
    ]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return response, parsed


def test_rss_and_atom_feeds_are_valid_and_complete(client, published):
    response, rss = parse(client, "/news/feed/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss.version == "rss20"
    assert rss.feed.title == "ニュース｜インフラメンテナンス国民会議"
    assert rss.feed.link == "http://testserver/news/"
    assert rss.feed.language == "ja"
    first, second = rss.entries
    assert first.title == "福岡でピッチイベントを開催しました"  # newest first
    assert second.title == "近畿本部フォーラム2021を開催しました"
    assert second.link == "http://testserver/news/kinki-forum-2021/"
    # Plain text, escaped as readers take descriptions as HTML.
    assert second.summary == "ハナミズキホールで開催しました。R&amp;D &lt;展示&gt; も行いました。"
    assert second.published == "Mon, 05 Jul 2021 00:00:00 +0900"
    assert [tag.term for tag in second.tags] == ["開催報告", "近畿本部フォーラム"]

    response, atom = parse(client, "/news/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom.version == "atom10"
    assert [entry.title for entry in atom.entries] == [first.title, second.title]
    assert atom.entries[1].published == "2021-07-05T00:00:00+09:00"
    assert atom.entries[1].author == "近畿本部フォーラム"
    assert atom.feed.subtitle.startswith("インフラメンテナンス国民会議の")


@pytest.mark.parametrize("kind, version", [("rss", "rss20"), ("atom", "atom10")])
def test_forum_feed_holds_only_that_forums_news(client, published, kind, version):
    _, parsed = parse(client, f"/news/feed/kinki/{kind}/")
    assert parsed.version == version
    assert parsed.feed.title == "近畿本部フォーラムのニュース｜インフラメンテナンス国民会議"
    assert parsed.feed.link == "http://testserver/news/?forum=kinki"
    assert [entry.title for entry in parsed.entries] == ["近畿本部フォーラム2021を開催しました"]


def test_feed_of_a_forum_without_news_is_valid_and_empty(client, news_index):
    ForumFactory(name="沖縄フォーラム", slug="okinawa", regional=True)
    for kind in ("rss", "atom"):
        _, parsed = parse(client, f"/news/feed/okinawa/{kind}/")
        assert parsed.entries == []


def test_unknown_forum_feed_is_not_found(client, news_index):
    assert client.get("/news/feed/no-such-forum/rss/").status_code == 404
    assert client.get("/news/feed/no-such-forum/atom/").status_code == 404


def test_feeds_never_carry_unpublished_or_private_news(client, news_index, kinki, published):
    NewsPageFactory(parent=news_index, title="下書きの記事", forum=kinki, live=False)
    make_private(NewsPageFactory(parent=news_index, title="会員限定の記事", forum=kinki))
    for url in FEEDS + ["/news/feed/kinki/rss/", "/news/feed/kinki/atom/"]:
        body = client.get(url).content.decode()
        assert "下書きの記事" not in body, url
        assert "会員限定の記事" not in body, url


def test_feed_length_is_bounded(client, news_index, kinki, monkeypatch):
    monkeypatch.setattr(type(news_index), "feed_length", 3)
    for day in range(1, 6):
        NewsPageFactory(parent=news_index, forum=kinki, date=datetime.date(2021, 6, day))
    _, parsed = parse(client, "/news/feed/rss/")
    assert [entry.published[:11] for entry in parsed.entries] == [
        "Sat, 05 Jun",
        "Fri, 04 Jun",
        "Thu, 03 Jun",
    ]
