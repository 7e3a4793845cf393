import datetime
import json
import re
from unittest import mock

import pytest
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.factories import ForumFactory, StandardPageFactory, make_home_page
from tests.news.factories import (
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    make_private,
)
from website.dates import JAPAN
from website.models import HomePage, StandardPage


class NewsPageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home_page()
        cls.index = NewsIndexPageFactory(parent=cls.home)

    def setUp(self):
        self.login()

    def test_index_sits_under_home_once_and_holds_only_news(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertCanNotCreateAt(StandardPage, NewsIndexPage)
        # One news index per parent: the home page already has one.
        assert not NewsIndexPage.can_create_at(self.home)
        other_home = HomePage(title="別サイト", slug="other-home")
        Page.get_first_root_node().add_child(instance=other_home)
        assert NewsIndexPage.can_create_at(other_home)

    def test_news_pages_live_only_in_a_news_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(StandardPage, NewsPage)

    def test_index_and_news_pages_are_renderable(self):
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(NewsPageFactory(parent=self.index))

    def test_editor_creates_news_in_the_admin(self):
        forum = ForumFactory(name="近畿本部フォーラム", slug="kinki")
        category = NewsCategoryFactory(name="開催報告", slug="report")
        data = nested_form_data(
            {
                "title": "近畿本部フォーラム2021を開催しました",
                "slug": "kinki-forum-2021",
                "date": "2021-07-05",
                "forum": forum.pk,
                "category": category.pk,
                "summary": "7月1日・2日に技術展示フォーラムを開催しました。",
                "image": "",
                "body": streamfield(
                    [
                        ("heading", {"text": "開催概要", "level": "h2"}),
                        ("paragraph", rich_text("<p>ハナミズキホールで開催しました。</p>")),
                    ]
                ),
            }
        )
        self.assertCanCreate(self.index, NewsPage, data)
        page = NewsPage.objects.get(slug="kinki-forum-2021")
        assert (page.date, page.forum, page.category) == (
            datetime.date(2021, 7, 5),
            forum,
            category,
        )
        assert [block.block_type for block in page.body] == ["heading", "paragraph"]


def test_default_categories_are_loaded_by_migration(db):
    names = list(NewsCategory.objects.values_list("name", flat=True))
    assert names[:4] == ["お知らせ", "開催報告", "プレスリリース", "募集"]


@pytest.mark.django_db  # a new Page looks up its default locale
@pytest.mark.parametrize(
    "now_utc, expected_date, expected_fiscal_year",
    [
        # 2022-03-31 23:59 in Japan is still March 31 there: fiscal year 2021.
        (
            datetime.datetime(2022, 3, 31, 14, 59, tzinfo=datetime.UTC),
            datetime.date(2022, 3, 31),
            2021,
        ),
        # 2022-04-01 00:00 in Japan (still March 31 in UTC): fiscal year 2022.
        (
            datetime.datetime(2022, 3, 31, 15, 0, tzinfo=datetime.UTC),
            datetime.date(2022, 4, 1),
            2022,
        ),
    ],
)
def test_publication_date_defaults_to_today_in_japan(now_utc, expected_date, expected_fiscal_year):
    with mock.patch("django.utils.timezone.now", return_value=now_utc):
        page = NewsPage(title="速報")
    assert page.date == expected_date
    assert page.fiscal_year == expected_fiscal_year


@pytest.mark.django_db
def test_news_page_shows_date_category_forum_body_and_image(client, news_index):
    forum = ForumFactory(name="九州フォーラム", slug="kyushu", regional=True)
    category = NewsCategoryFactory(name="お知らせ", slug="notice")
    page = NewsPageFactory(
        parent=news_index,
        title="福岡でピッチイベントを開催します",
        date=datetime.date(2021, 10, 8),
        forum=forum,
        category=category,
        summary="九州建設技術フォーラムと同時に開催します。",
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>福岡でピッチイベントを開催します</h1>" in html
    assert '<time datetime="2021-10-08">2021年10月8日</time>' in html
    assert '<p class="eyebrow">お知らせ</p>' in html
    assert '<a href="/forums/kyushu/">九州フォーラム</a>' in html
    assert '<a href="/news/?forum=kyushu">九州フォーラムのニュース一覧</a>' in html
    assert "九州建設技術フォーラムと同時に開催します。" in html
    assert "本文です。" in html
    assert "format-webp" in html  # the listing image, responsive
    assert '<meta property="og:type" content="article">' in html


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


@pytest.mark.django_db
def test_news_page_has_news_article_json_ld(client, news_index):
    forum = ForumFactory(name="中部フォーラム", slug="chubu", regional=True)
    page = NewsPageFactory(
        parent=news_index,
        title="恵那市で勉強会を開催しました",
        date=datetime.date(2022, 2, 18),
        forum=forum,
        category=NewsCategoryFactory(name="開催報告", slug="report"),
        summary="恵那市の職員と勉強会を開きました。",
    )
    page.save_revision().publish()
    data = json_ld(client.get(page.url).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "恵那市で勉強会を開催しました"
    assert data["description"] == "恵那市の職員と勉強会を開きました。"
    assert data["datePublished"] == "2022-02-18"
    assert data["articleSection"] == "開催報告"
    assert data["author"] == {
        "@type": "Organization",
        "name": "中部フォーラム",
        "url": "http://testserver/forums/chubu/",
    }
    assert data["publisher"]["name"] == "インフラメンテナンス国民会議"
    assert data["mainEntityOfPage"]["@id"] == f"http://testserver{page.url}"
    assert data["image"][0].startswith("http://testserver/") and "fill-1200x630" in data["image"][0]
    assert data["dateModified"].endswith("+09:00")


@pytest.mark.django_db
def test_json_ld_cannot_break_out_of_its_script_element(client, news_index):
    page = NewsPageFactory(
        parent=news_index, title="</script><script>alert(1)</script>", image=None
    )
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    data = json_ld(html)
    assert data["headline"] == "</script><script>alert(1)</script>"
    assert "image" not in data


@pytest.mark.django_db
def test_previous_and_next_follow_the_index_order_and_skip_hidden_news(client, news_index):
    def news(title, day, **kwargs):
        return NewsPageFactory(
            parent=news_index, title=title, date=datetime.date(2021, 9, day), **kwargs
        )

    oldest = news("最も古い記事", 1)
    same_day_first = news("同日の先の記事", 10)
    middle = news("同日の後の記事", 10)
    hidden_draft = news("下書きの記事", 15, live=False)
    hidden_private = make_private(news("限定公開の記事", 16))
    newest = news("最も新しい記事", 20)

    html = client.get(middle.url).content.decode()
    assert f'<a href="{same_day_first.url}" rel="prev">同日の先の記事</a>' in html
    assert f'<a href="{newest.url}" rel="next">最も新しい記事</a>' in html
    assert hidden_draft.title not in html and hidden_private.title not in html

    html = client.get(oldest.url).content.decode()
    assert 'rel="prev"' not in html
    assert f'<a href="{same_day_first.url}" rel="next">' in html
    html = client.get(newest.url).content.decode()
    assert f'<a href="{middle.url}" rel="prev">' in html
    assert 'rel="next"' not in html


@pytest.mark.django_db
def test_neighbours_stay_within_their_own_index(client, home_page, news_index):
    other_section = StandardPageFactory(parent=home_page, slug="archive")
    other_index = NewsIndexPageFactory(parent=other_section, slug="old-news")
    NewsPageFactory(parent=other_index, title="別の一覧の記事", date=datetime.date(2021, 9, 2))
    page = NewsPageFactory(parent=news_index, date=datetime.date(2021, 9, 1))
    html = client.get(page.url).content.decode()
    assert "別の一覧の記事" not in html


@pytest.mark.django_db
def test_news_page_links_its_feeds_in_the_head(client, news_index):
    page = NewsPageFactory(parent=news_index, forum=ForumFactory(slug="tohoku"))
    head = client.get(page.url).content.decode().split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/rss+xml" title="ニュース（RSS）" href="/news/feed/rss/">'
        in head
    )
    assert 'type="application/atom+xml"' in head
    assert 'href="/news/feed/tohoku/rss/"' in head and 'href="/news/feed/tohoku/atom/"' in head


@pytest.mark.django_db
def test_search_helpers_and_indexed_fields(news_index):
    page = NewsPageFactory(
        parent=news_index,
        title="橋梁点検の新技術",
        summary="SAR衛星 ALOS-2 のデータで変位を調べます。",
        body=[("paragraph", RichText("<p>講演のテーマは i-Construction です。</p>"))],
        date=datetime.date(2021, 8, 30),
    )
    assert NewsPage.search_section == "ニュース"
    assert page.search_date == datetime.date(2021, 8, 30)
    assert list(NewsPage.objects.search("ALOS")) == [page]  # summary
    assert list(NewsPage.objects.search("Construction")) == [page]  # body


@pytest.mark.django_db
def test_published_at_is_midnight_in_japan():
    page = NewsPage(date=datetime.date(2022, 4, 1))
    assert page.published_at == datetime.datetime(2022, 4, 1, tzinfo=JAPAN)


def test_a_numbered_title_keeps_its_number_phrase_on_one_line(client, news_index):
    """「第4回」 must not break after 「第」 on a phone (the browser's phrase breaking allows a
    break before digits): the page's heading and its card in the list keep it together."""
    page = NewsPageFactory(
        parent=news_index, title="第4回北陸インフラメンテナンスフォーラムを開催しました"
    )
    phrase = (
        '<span class="nowrap">第4回</span><wbr>北陸インフラメンテナンスフォーラムを開催しました'
    )
    assert f"<h1>{phrase}</h1>" in client.get(page.url).content.decode()
    assert f">{phrase}</a></h2>" in client.get(news_index.url).content.decode()
