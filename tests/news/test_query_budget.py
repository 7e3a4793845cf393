"""SQL queries per page stay the same as news grow from 10 to 500 items."""

import datetime
import itertools

import pytest
from wagtail.rich_text import RichText

from news.bench import bulk_add_news
from news.models import NewsIndexPage, NewsPage
from tests.factories import ForumFactory, ImageFactory
from tests.news.factories import NewsCategoryFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

SMALL, LARGE = 10, 500
slugs = itertools.count(1)


@pytest.fixture
def grow(news_index):
    forums = [ForumFactory(slug="kinki", regional=True), ForumFactory(slug="kyushu", regional=True)]
    categories = [
        NewsCategoryFactory(slug="notice"),
        NewsCategoryFactory(slug="report", name="開催報告"),
    ]
    images = ImageFactory.create_batch(3)

    def add(count):
        pages = []
        for n in range(count):
            number = next(slugs)
            pages.append(
                NewsPage(
                    title=f"記事{number}",
                    slug=f"bulk-{number}",
                    date=datetime.date(2021, 4, 1) + datetime.timedelta(days=number % 700),
                    forum=forums[n % 2],
                    category=categories[n % 2],
                    summary=f"記事{number}の概要です。",
                    image=images[n % 3],
                    body=[("paragraph", RichText("<p>本文です。</p>"))],
                )
            )
        bulk_add_news(news_index, pages)

    add(SMALL)
    return add


def assert_fixed_queries(client, url, grow, django_assert_num_queries, params=None):
    client.get(url, params)  # make the renditions once, as any first visitor would
    with django_assert_num_queries(40, exact=False) as small:
        client.get(url, params)
    grow(LARGE - SMALL)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url, params)
    assert response.status_code == 200
    return response, len(small.captured_queries)


def test_index_queries_do_not_grow(client, news_index, grow, django_assert_num_queries):
    response, _ = assert_fixed_queries(client, news_index.url, grow, django_assert_num_queries)
    assert response.context["page_obj"].paginator.count == LARGE
    assert response.content.decode().count('class="card news-card"') == NewsIndexPage.news_per_page


def test_filtered_last_page_queries_do_not_grow(
    client, news_index, grow, django_assert_num_queries
):
    params = {"forum": "kinki", "category": "notice", "year": "2021", "page": "999"}
    response, _ = assert_fixed_queries(
        client, news_index.url, grow, django_assert_num_queries, params
    )
    assert response.context["active_filters"]


def test_every_item_on_one_page_still_costs_the_same(
    client, news_index, grow, django_assert_num_queries, monkeypatch
):
    # Without pagination's cap: 10 cards, then 500 cards, with images and renditions.
    monkeypatch.setattr(NewsIndexPage, "news_per_page", 1000)
    response, count = assert_fixed_queries(client, news_index.url, grow, django_assert_num_queries)
    html = response.content.decode()
    assert html.count('class="card news-card"') == LARGE
    assert html.count("fill-400x267.format-webp") == LARGE * 2  # src and srcset


@pytest.mark.parametrize("url", ["/news/feed/rss/", "/news/feed/atom/", "/news/feed/kinki/rss/"])
def test_feed_queries_do_not_grow(client, grow, django_assert_num_queries, monkeypatch, url):
    monkeypatch.setattr(NewsIndexPage, "feed_length", 1000)
    response, _ = assert_fixed_queries(client, url, grow, django_assert_num_queries)
    assert response.content.decode().count("<item>" if "rss" in url else "<entry>") >= LARGE // 2


def test_home_and_forum_sections_queries_do_not_grow(client, grow, django_assert_num_queries):
    assert_fixed_queries(client, "/", grow, django_assert_num_queries)
    assert_fixed_queries(client, "/forums/kinki/", grow, django_assert_num_queries)


def test_news_page_queries_do_not_grow(client, news_index, grow, django_assert_num_queries):
    page = NewsPageFactory(parent=news_index, date=datetime.date(2022, 1, 1))
    response, _ = assert_fixed_queries(client, page.url, grow, django_assert_num_queries)
    html = response.content.decode()
    assert 'rel="prev"' in html and 'rel="next"' in html


@pytest.mark.parametrize(
    ("params", "counts_again"),
    [({}, False), ({"year": "newest"}, False), ({"forum": "kinki"}, True)],
    ids=["all", "a_year", "a_forum"],
)
def test_the_year_lists_counts_give_the_lists_length(
    client, news_index, grow, params, counts_again
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from website.fiscal import fiscal_year

    if "year" in params:
        # A year that has news (the dates depend on the tests run before in this process).
        newest = NewsPage.objects.child_of(news_index).order_by("-date").first()
        params = {**params, "year": str(fiscal_year(newest.date))}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(news_index.url, params)
    counting = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert bool(counting) == counts_again, counting
    expected = NewsPage.objects.child_of(news_index).live()
    if "year" in params:
        expected = expected.in_fiscal_year(int(params["year"]))
    if "forum" in params:
        expected = expected.filter(forum__slug=params["forum"])
    assert response.context["page_obj"].paginator.count == expected.count()
