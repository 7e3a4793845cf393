import io

import feedparser
from wagtail import hooks
from wagtail.models import Page

from news.bench import BENCH_COUNT
from news.models import NewsIndexPage, NewsPage
from news.wagtail_hooks import create_news_bench_data
from tests.factories import ForumFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory


def test_bench_hook_adds_a_thousand_complete_live_news_pages(client, home_page):
    ForumFactory.create_batch(3)
    NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page))
    before = NewsPage.objects.count()
    home = home_page
    out = io.StringIO()
    assert create_news_bench_data in hooks.get_hooks("website_bench_data")
    create_news_bench_data(home, out)
    assert "1000 件" in out.getvalue()
    assert NewsPage.objects.visible().count() == before + BENCH_COUNT
    assert Page.find_problems() == ([], [], [], [], [])  # the tree is consistent

    index = NewsIndexPage.objects.get()
    assert index.get_children().count() == before + BENCH_COUNT
    response = client.get(index.url, {"page": "50"})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == before + BENCH_COUNT
    page = NewsPage.objects.get(slug="bench-news-0500")
    assert client.get(page.url).status_code == 200
    assert feedparser.parse(client.get(f"{index.url}feed/atom/").content).bozo == 0
    assert NewsPage.objects.search(page.title.split("：")[0]).count() > 0

    create_news_bench_data(home, out)
    assert NewsPage.objects.count() == before + BENCH_COUNT  # nothing twice
