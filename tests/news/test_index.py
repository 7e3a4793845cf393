import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from news.models import NewsIndexPage
from tests.factories import ForumFactory, ImageFactory
from tests.news.factories import NewsCategoryFactory, NewsPageFactory, make_private

pytestmark = pytest.mark.django_db


def titles(response):
    return [item.title for item in response.context["news_items"]]


@pytest.fixture
def forums():
    return {
        "kinki": ForumFactory(name="近畿本部フォーラム", slug="kinki", regional=True),
        "kyushu": ForumFactory(name="九州フォーラム", slug="kyushu", regional=True),
    }


@pytest.fixture
def categories():
    return {
        "notice": NewsCategoryFactory(name="お知らせ", slug="notice"),
        "report": NewsCategoryFactory(name="開催報告", slug="report"),
    }


@pytest.fixture
def news(news_index, forums, categories):
    image = ImageFactory()

    def make(title, date, forum="kinki", category="notice", **kwargs):
        return NewsPageFactory(
            parent=news_index,
            title=title,
            date=date,
            forum=forums[forum],
            category=categories[category],
            image=image,
            **kwargs,
        )

    return make


def test_index_lists_visible_news_newest_first(client, news_index, news):
    news("4月の記事", datetime.date(2021, 4, 10))
    news("7月の記事", datetime.date(2021, 7, 1))
    news("7月の後の記事", datetime.date(2021, 7, 1))
    news("2月の記事", datetime.date(2022, 2, 1))
    news("下書き", datetime.date(2022, 3, 1), live=False)
    make_private(news("会員限定", datetime.date(2022, 3, 2)))

    response = client.get(news_index.url)
    assert response.status_code == 200
    assert titles(response) == ["2月の記事", "7月の後の記事", "7月の記事", "4月の記事"]
    html = response.content.decode()
    assert "下書き" not in html and "会員限定" not in html
    assert "ニュース：4件" in html


def test_private_index_hides_its_news_everywhere(client, home_page, news_index, news):
    news("非公開の一覧の記事", datetime.date(2021, 5, 1))
    make_private(news_index)
    assert client.get(news_index.url).status_code == 200  # the password form
    for url in ["/", news_index.url, f"{news_index.url}feed/rss/", f"{news_index.url}feed/atom/"]:
        assert "非公開の一覧の記事" not in client.get(url).content.decode(), url
    assert (
        "非公開の一覧の記事"
        not in client.get(news_index.news().get().forum.get_absolute_url()).content.decode()
    )


def test_filters_by_forum_category_and_fiscal_year_and_combines_them(client, news_index, news):
    news("近畿・お知らせ・2021", datetime.date(2021, 6, 15), "kinki", "notice")
    news("近畿・開催報告・2021", datetime.date(2021, 7, 5), "kinki", "report")
    news("九州・開催報告・2021", datetime.date(2021, 10, 27), "kyushu", "report")
    news("近畿・開催報告・2022", datetime.date(2022, 7, 5), "kinki", "report")

    def listed(**params):
        return set(titles(client.get(news_index.url, params)))

    assert listed(forum="kinki") == {
        "近畿・お知らせ・2021",
        "近畿・開催報告・2021",
        "近畿・開催報告・2022",
    }
    assert listed(category="report") == {
        "近畿・開催報告・2021",
        "九州・開催報告・2021",
        "近畿・開催報告・2022",
    }
    assert listed(year="2021") == {
        "近畿・お知らせ・2021",
        "近畿・開催報告・2021",
        "九州・開催報告・2021",
    }
    assert listed(forum="kinki", category="report") == {
        "近畿・開催報告・2021",
        "近畿・開催報告・2022",
    }
    assert listed(forum="kinki", category="report", year="2022") == {"近畿・開催報告・2022"}
    assert listed(forum="kyushu", category="notice") == set()


def test_fiscal_year_boundary_dates(client, news_index, news):
    news("3月31日の記事", datetime.date(2022, 3, 31))
    news("4月1日の記事", datetime.date(2022, 4, 1))
    assert titles(client.get(news_index.url, {"year": "2021"})) == ["3月31日の記事"]
    assert titles(client.get(news_index.url, {"year": "2022"})) == ["4月1日の記事"]
    html = client.get(news_index.url).content.decode()
    assert '<option value="2022">2022年度（令和4年度）</option>' in html
    assert '<option value="2021">2021年度（令和3年度）</option>' in html


def test_fiscal_year_choices_list_only_years_with_visible_news(client, news_index, news):
    news("2019年度の記事", datetime.date(2020, 3, 1))
    news("2021年度の記事", datetime.date(2021, 12, 1))
    news("下書き", datetime.date(2023, 5, 1), live=False)
    form = client.get(news_index.url).context["filter_form"]
    assert [value for value, _ in form.fields["year"].choices] == ["", "2021", "2019"]
    assert dict(form.fields["year"].choices)["2019"] == "2019年度（令和元年度）"


def test_active_filters_are_removable_chips(client, news_index, news):
    news("近畿の開催報告", datetime.date(2021, 7, 5), "kinki", "report")
    response = client.get(
        news_index.url, {"forum": "kinki", "category": "report", "year": "2021", "page": "1"}
    )
    chips = {chip["label"]: chip["remove_url"] for chip in response.context["active_filters"]}
    assert set(chips) == {"近畿本部フォーラム", "開催報告", "2021年度（令和3年度）"}

    def query(url):
        return parse_qs(urlsplit(url).query)

    assert query(chips["近畿本部フォーラム"]) == {"category": ["report"], "year": ["2021"]}
    assert query(chips["開催報告"]) == {"forum": ["kinki"], "year": ["2021"]}
    assert query(chips["2021年度（令和3年度）"]) == {"forum": ["kinki"], "category": ["report"]}
    html = response.content.decode()
    assert 'フォーラム：近畿本部フォーラム<span aria-hidden="true"> ×</span>' in html
    assert "年度：2021年度（令和3年度）" in html
    assert f'<a href="{news_index.url}" class="chips__clear">すべての条件をクリア</a>' in html

    only_forum = client.get(news_index.url, {"forum": "kinki"})
    assert [chip["remove_url"] for chip in only_forum.context["active_filters"]] == [news_index.url]


@pytest.mark.parametrize(
    "params",
    [
        {"forum": "<script>alert(1)</script>"},
        {"category": "no-such-category"},
        {"year": "abc"},
        {"year": "1999"},
        {"year": "2021.5"},
        {"forum": "", "category": "", "year": ""},
        {"page": "abc", "forum": "kinki'--"},
    ],
)
def test_junk_filters_are_set_aside_without_error(client, news_index, news, params):
    news("近畿の記事", datetime.date(2021, 7, 5), "kinki")
    news("九州の記事", datetime.date(2021, 10, 27), "kyushu")
    response = client.get(news_index.url, params)
    assert response.status_code == 200
    assert set(titles(response)) == {"近畿の記事", "九州の記事"}
    assert response.context["active_filters"] == []
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    if any(params.values()):
        assert "この条件を外して表示しています" in html


def test_valid_filter_is_kept_when_another_is_junk(client, news_index, news):
    news("近畿の記事", datetime.date(2021, 7, 5), "kinki")
    news("九州の記事", datetime.date(2021, 10, 27), "kyushu")
    response = client.get(news_index.url, {"forum": "kyushu", "category": "nonsense"})
    assert titles(response) == ["九州の記事"]
    assert "指定のカテゴリーが見つからないため" in response.content.decode()


def test_empty_results_explain_themselves(client, news_index, news):
    assert "ニュースはまだ掲載されていません。" in client.get(news_index.url).content.decode()
    news("近畿の記事", datetime.date(2021, 7, 5), "kinki", "notice")
    html = client.get(news_index.url, {"forum": "kinki", "category": "report"}).content.decode()
    assert "選んだ条件に合うニュースはありません。" in html
    assert "条件に合うニュース：0件" in html


@pytest.fixture
def twenty_five(news):
    # 25 items over 25 days: 3 pages of 12.
    for day in range(1, 26):
        news(f"記事{day:02d}", datetime.date(2021, 5, day))


PAGE_CASES = [
    (None, 1),
    ("2", 2),
    ("3", 3),
    ("abc", 1),  # not a number: the first page
    ("2.5", 1),
    ("", 1),
    ("99", 3),  # out of range: the last page
    ("0", 3),
    ("-1", 3),
    ("99999999999999999999999", 3),
]


def test_pagination_edges_never_fail(client, news_index, twenty_five):
    for page_param, expected_number in PAGE_CASES:
        params = {} if page_param is None else {"page": page_param}
        response = client.get(news_index.url, params)
        assert response.status_code == 200, page_param
        assert response.context["page_obj"].number == expected_number, page_param
        assert len(titles(response)) == (12 if expected_number < 3 else 1), page_param


def test_pagination_is_in_japanese_and_keeps_filters(client, news_index, twenty_five):
    response = client.get(news_index.url, {"forum": "kinki", "page": "2"})
    assert titles(response)[0] == "記事13"
    html = response.content.decode()
    assert 'aria-label="ページ送り"' in html
    assert "3ページ中2ページ目" in html
    assert "（13〜24件目を表示）" in html
    nav = html.split('aria-label="ページ送り"')[1].split("</nav>")[0]
    assert "前へ" in nav and "次へ" in nav
    assert "forum=kinki&amp;page=3" in nav and "forum=kinki&amp;page=1" in nav


def test_index_head_links_feeds_and_the_filtered_forum_feed(client, news_index, news):
    news("近畿の記事", datetime.date(2021, 7, 5), "kinki")
    head = client.get(news_index.url).content.decode().split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/rss+xml" title="ニュース（RSS）" href="/news/feed/rss/">'
        in head
    )
    assert (
        '<link rel="alternate" type="application/atom+xml" title="ニュース（Atom）" href="/news/feed/atom/">'
        in head
    )
    assert "/news/feed/kinki/" not in head
    head = client.get(news_index.url, {"forum": "kinki"}).content.decode().split("</head>")[0]
    assert 'title="近畿本部フォーラムのニュース（RSS）" href="/news/feed/kinki/rss/"' in head
    assert 'title="近畿本部フォーラムのニュース（Atom）" href="/news/feed/kinki/atom/"' in head


def test_filter_form_fields_are_labelled(client, news_index):
    html = client.get(news_index.url).content.decode()
    for name, label in [("forum", "フォーラム"), ("category", "カテゴリー"), ("year", "年度")]:
        assert f'<label for="id_{name}">{label}</label>' in html
        assert f">すべての{label}</option>" in html


def test_listing_method_is_the_one_place_for_visibility(news_index, news):
    shown = news("公開", datetime.date(2021, 7, 1))
    news("下書き", datetime.date(2021, 7, 2), live=False)
    make_private(news("限定", datetime.date(2021, 7, 3)))
    assert list(news_index.news().for_listing()) == [shown]
    assert NewsIndexPage.objects.get().news().count() == 3
