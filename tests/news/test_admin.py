import datetime

import pytest

from news.models import NewsCategory
from tests.factories import ForumFactory
from tests.news.factories import NewsCategoryFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def test_editor_adds_a_news_category(admin_client):
    response = admin_client.get("/admin/snippets/news/newscategory/")
    assert response.status_code == 200
    assert "ニュースのカテゴリー" in response.content.decode()
    response = admin_client.post(
        "/admin/snippets/news/newscategory/add/",
        {"name": "研究成果", "slug": "research", "sort_order": "50"},
    )
    assert response.status_code == 302
    assert NewsCategory.objects.filter(name="研究成果", slug="research").exists()


def test_news_listing_in_the_admin_filters_by_forum(admin_client, news_index):
    kinki = ForumFactory(name="近畿本部フォーラム", slug="kinki")
    kyushu = ForumFactory(name="九州フォーラム", slug="kyushu")
    report = NewsCategoryFactory(name="開催報告", slug="report")
    NewsPageFactory(parent=news_index, title="近畿の記事", forum=kinki, category=report)
    NewsPageFactory(
        parent=news_index, title="九州の記事", forum=kyushu, date=datetime.date(2022, 1, 1)
    )

    html = admin_client.get("/admin/news_pages/").content.decode()
    assert "近畿の記事" in html and "九州の記事" in html
    assert "発信フォーラム" in html and "開催報告" in html
    html = admin_client.get("/admin/news_pages/", {"forum": kinki.pk}).content.decode()
    assert "近畿の記事" in html and "九州の記事" not in html

    csv = admin_client.get("/admin/news_pages/", {"export": "csv"})
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert (
        text.splitlines()[0].lstrip("\ufeff")
        == "タイトル,公開日,発信フォーラム,カテゴリー,概要,公開中,URL"
    )
    assert "九州の記事,2022-01-01,九州フォーラム" in text


def test_news_pages_appear_in_the_page_explorer(admin_client, news_index):
    NewsPageFactory(parent=news_index, title="エクスプローラーの記事")
    response = admin_client.get(f"/admin/pages/{news_index.pk}/")
    assert response.status_code == 200
    assert "エクスプローラーの記事" in response.content.decode()
    assert admin_client.get(f"/admin/pages/add/news/newspage/{news_index.pk}/").status_code == 200


def test_the_admin_lists_show_dates_not_how_long_ago(admin_client, news_index, home_page):
    # Wagtail's DateColumn says how long ago a date was: 「0分前」 for a news page dated
    # tomorrow, and for every upcoming event.
    from tests.events.factories import EventIndexPageFactory, EventPageFactory, jst

    NewsPageFactory(parent=news_index, title="先の日付の記事", date=datetime.date(2099, 12, 6))
    html = admin_client.get("/admin/news_pages/").content.decode()
    assert "2099年12月6日（日）" in html
    assert "0分前" not in html
    EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page),
        title="先の講座",
        start=jst(2099, 12, 6, 13, 30),
        end=jst(2099, 12, 6, 16, 0),
    )
    html = admin_client.get("/admin/event_pages/").content.decode()
    assert "2099年12月6日 13:30" in html
    assert "0分前" not in html


def test_the_date_field_says_it_does_not_schedule_publishing(admin_client, news_index):
    # A future 公開日 looked like a scheduled publication; it is only the article's date.
    html = admin_client.get(f"/admin/pages/add/news/newspage/{news_index.pk}/").content.decode()
    assert "未来の日付にしても公開は予約されません。" in html
    assert "「予定を設定」から行います。" in html
