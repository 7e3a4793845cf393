import datetime

import pytest

from tests.factories import ForumFactory
from tests.news.factories import NewsCategoryFactory, NewsPageFactory, make_private

pytestmark = pytest.mark.django_db


def home_news_section(client):
    html = client.get("/").content.decode()
    assert 'aria-labelledby="home-news-heading"' in html
    return html.split('aria-labelledby="home-news-heading"')[1].split("</section>")[0]


def forum_news_section(client, forum):
    html = client.get(forum.get_absolute_url()).content.decode()
    assert 'aria-labelledby="forum-news-heading"' in html
    return html.split('aria-labelledby="forum-news-heading"')[1].split("</section>")[0]


def test_home_page_shows_the_five_latest_visible_news(client, news_index):
    category = NewsCategoryFactory(name="開催報告", slug="report")
    forum = ForumFactory(name="中部フォーラム", slug="chubu")
    for day in range(1, 8):
        NewsPageFactory(
            parent=news_index,
            title=f"9月{day}日の記事",
            date=datetime.date(2021, 9, day),
            forum=forum,
            category=category,
        )
    NewsPageFactory(
        parent=news_index, title="下書きの記事", date=datetime.date(2021, 10, 1), live=False
    )
    make_private(
        NewsPageFactory(parent=news_index, title="限定公開の記事", date=datetime.date(2021, 10, 2))
    )

    section = home_news_section(client)
    assert [f"9月{day}日の記事" in section for day in range(7, 0, -1)] == [True] * 5 + [False] * 2
    assert section.index("9月7日の記事") < section.index("9月3日の記事")
    assert "下書きの記事" not in section and "限定公開の記事" not in section
    assert '<time datetime="2021-09-07">2021年9月7日</time>' in section
    assert '<span class="tag">開催報告</span>' in section and "中部フォーラム" in section
    assert f'href="{news_index.url}">ニュース一覧を見る</a>' in section


def test_home_page_without_news_says_so(client, home_page):
    section = home_news_section(client)
    assert "新しいお知らせはまだありません。" in section
    assert "ニュース一覧を見る" not in section  # no index page yet


def test_news_section_comes_first_on_the_home_page(client, news_index):
    html = client.get("/").content.decode()
    assert html.index("home-news-heading") < html.index("forums-heading")


def test_forum_page_lists_only_that_forums_visible_news(client, news_index):
    kinki = ForumFactory(name="近畿本部フォーラム", slug="kinki", regional=True)
    kyushu = ForumFactory(name="九州フォーラム", slug="kyushu", regional=True)
    NewsPageFactory(parent=news_index, title="近畿の開催報告", forum=kinki)
    NewsPageFactory(parent=news_index, title="九州のお知らせ", forum=kyushu)
    NewsPageFactory(parent=news_index, title="近畿の下書き", forum=kinki, live=False)
    make_private(NewsPageFactory(parent=news_index, title="近畿の限定記事", forum=kinki))

    section = forum_news_section(client, kinki)
    assert "近畿本部フォーラムのニュース" in section
    assert "近畿の開催報告" in section
    assert "九州のお知らせ" not in section
    assert "近畿の下書き" not in section and "近畿の限定記事" not in section
    assert (
        f'href="{news_index.url}?forum=kinki">近畿本部フォーラムのニュースをすべて見る</a>'
        in section
    )
    assert 'href="/news/feed/kinki/rss/"' in section and 'href="/news/feed/kinki/atom/"' in section


def test_forum_page_without_news_says_so(client, news_index):
    okinawa = ForumFactory(name="沖縄フォーラム", slug="okinawa", regional=True)
    section = forum_news_section(client, okinawa)
    assert "沖縄フォーラムからのニュースは、まだありません。" in section
    assert "すべて見る" not in section
