"""With the fragment cache on, routes, restrictions, site settings and cards follow every
change at once (the page cache's own invalidation: tests/production/test_page_cache.py)."""

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from tests.factories import ImageFactory, StandardPageFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from website.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(home_page):
    about = StandardPageFactory(parent=home_page, title="国民会議について", slug="about")
    return StandardPageFactory(parent=about, title="沿革", slug="history")


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_a_routable_pages_own_urls_are_served(client, fragment_cache_on, home_page):
    news_index = NewsIndexPageFactory(parent=home_page, slug="news")
    NewsPageFactory(parent=news_index, title="橋の点検報告")
    for _ in range(2):
        response = client.get("/news/feed/rss/")
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert [entry.title for entry in feed.entries] == ["橋の点検報告"]
    assert client.get("/news/feed/no-such-feed/").status_code == 404


def test_a_restriction_on_an_ancestor_applies_at_once(client, fragment_cache_on, history):
    assert client.get("/about/history/").status_code == 200
    PageViewRestriction.objects.create(
        page=Page.objects.get(slug="about"), restriction_type="login"
    )
    response = client.get("/about/history/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_page_deleted_in_bulk_is_gone_at_once(client, fragment_cache_on, history):
    """A queryset delete still sends the delete signals: a new generation, no kept page."""
    assert client.get("/about/history/").status_code == 200
    Page.objects.filter(pk=history.pk).delete()
    assert client.get("/about/history/").status_code == 404


def test_a_renamed_slug_moves_the_page(client, fragment_cache_on, history):
    assert client.get("/about/history/").status_code == 200
    history.slug = "chronology"
    history.save_revision().publish()
    assert client.get("/about/chronology/").status_code == 200
    assert client.get("/about/history/").status_code in (301, 404)


def test_site_settings_follow_edits(client, fragment_cache_on, home_page):
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.organisation_name = "インフラ国民会議"
    site_settings.save()
    assert "｜インフラ国民会議</title>" in client.get("/").content.decode()
    site_settings.organisation_name = "インフラメンテナンス国民会議"
    site_settings.save()
    assert "｜インフラメンテナンス国民会議</title>" in client.get("/").content.decode()


def test_cards_follow_an_edit_of_their_page(client, fragment_cache_on, home_page):
    news_index = NewsIndexPageFactory(parent=home_page, slug="news")
    item = NewsPageFactory(parent=news_index, title="見学会のお知らせ")
    assert "見学会のお知らせ" in client.get("/news/").content.decode()
    item.title = "見学会は延期します"
    item.save_revision().publish()
    html = client.get("/news/").content.decode()
    assert "見学会は延期します</a>" in html and "見学会のお知らせ</a>" not in html


def test_the_sharing_image_follows_the_site_default_and_the_page(
    client, fragment_cache_on, home_page
):
    page = StandardPageFactory(parent=home_page, slug="about")
    assert "og:image" not in client.get("/about/").content.decode()

    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.default_social_image = ImageFactory()
    site_settings.save()
    html = client.get("/about/").content.decode()
    assert 'property="og:image"' in html and "fill-1200x630" in html

    page.social_image = ImageFactory()
    page.save_revision().publish()
    html = client.get("/about/").content.decode()
    assert f"images/{page.social_image.file.name.split('/')[-1].rsplit('.', 1)[0]}" in html
