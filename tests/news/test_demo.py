import pytest
from django.core.management import call_command
from wagtail.images.models import Image

from news.demo import NEWS
from news.models import NewsCategory, NewsIndexPage, NewsPage
from website.fiscal import current_fiscal_year
from website.models import Forum


@pytest.mark.django_db
def test_demo_news_is_idempotent_varied_and_renders(client):
    call_command("load_demo")
    counts = (NewsPage.objects.count(), NewsCategory.objects.count(), Image.objects.count())
    call_command("load_demo")
    assert (NewsPage.objects.count(), NewsCategory.objects.count(), Image.objects.count()) == counts

    index = NewsIndexPage.objects.get(locale__language_code="ja")
    assert index.show_in_menus and index.live
    news = list(NewsPage.objects.for_listing())
    assert len(news) == len(NEWS) >= 12
    assert all(page.image_id and page.summary and page.body for page in NewsPage.objects.all())
    forums = {page.forum.slug for page in news}
    assert len(forums) >= 12
    assert {"citizen-participation", "kinki", "kyushu"} <= forums
    assert set(Forum.objects.values_list("slug", flat=True)) >= forums
    assert {page.category.name for page in news} == {
        "お知らせ",
        "開催報告",
        "プレスリリース",
        "募集",
    }
    years = index.news().visible().fiscal_years()
    assert 2021 in years and current_fiscal_year() in years

    assert f'href="{index.url}">ニュース</a>' in client.get("/").content.decode()  # in the menu
    # (tests/website/test_demo.py renders every demo page)
    for url in (index.url, news[0].url, f"{index.url}feed/rss/", f"{index.url}feed/atom/"):
        assert client.get(url).status_code == 200
