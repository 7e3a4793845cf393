"""The fragment cache (sections, menu, footer) and the page cache's per-worker memory.

Both are filed under the content generation, so every content change is visible on the next
request, even when the full-page cache is off.
"""

import time

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from tests.factories import ForumFactory, StandardPageFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from website import cache as page_cache_module
from website.fragments import remember
from website.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(home_page):
    SiteSettings.for_site(home_page.get_site())
    return NewsIndexPageFactory(parent=home_page)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_home_sections_are_rendered_once_and_refreshed_by_a_new_news_item(
    client, fragment_cache_on, news_index
):
    NewsPageFactory(parent=news_index, title="最初のお知らせ")
    first_count, first_html = count_queries(client, "/")
    second_count, second_html = count_queries(client, "/")
    assert "最初のお知らせ" in first_html and "最初のお知らせ" in second_html
    assert second_count < first_count
    assert second_html == first_html  # the cached sections are markup, not escaped text

    NewsPageFactory(parent=news_index, title="二つ目のお知らせ")
    _, html = count_queries(client, "/")
    assert "二つ目のお知らせ" in html


def test_forum_sections_follow_an_unpublished_news_item(client, fragment_cache_on, news_index):
    forum = ForumFactory(name="近畿インフラメンテナンスフォーラム", slug="kinki")
    item = NewsPageFactory(parent=news_index, title="近畿の見学会", forum=forum)
    assert "近畿の見学会" in client.get("/forums/kinki/").content.decode()
    item.unpublish()
    assert "近畿の見学会" not in client.get("/forums/kinki/").content.decode()


def test_menu_and_footer_follow_edits(client, fragment_cache_on, home_page):
    settings_row = SiteSettings.for_site(home_page.get_site())
    about = StandardPageFactory(parent=home_page, title="会議について", slug="about")
    about.show_in_menus = True
    about.save_revision().publish()
    html = client.get("/").content.decode()
    assert "会議について" in html

    about.title = "国民会議の概要"
    about.save_revision().publish()
    settings_row.phone = "03-1234-5678"
    settings_row.save()
    html = client.get("/").content.decode()
    assert "国民会議の概要" in html and "会議について</a>" not in html
    assert "03-1234-5678" in html


def test_a_preview_never_uses_the_fragment_cache(settings):
    settings.FRAGMENT_CACHE_ENABLED = True
    request = RequestFactory().get("/")
    request.is_preview = True
    calls = []
    for _ in range(2):
        remember(request, "menu", lambda: calls.append(1) or "html")
    assert len(calls) == 2


def test_a_fragment_is_rendered_again_after_its_time_runs_out(settings, monkeypatch):
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_SECONDS = 60
    calls = []

    def render():
        calls.append(1)
        return "upcoming events"

    remember(RequestFactory().get("/"), "events", render)
    remember(RequestFactory().get("/"), "events", render)
    assert len(calls) == 1
    later = time.time() + 61
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: later)
    remember(RequestFactory().get("/"), "events", render)
    assert len(calls) == 2


def test_a_change_made_by_another_worker_is_seen_despite_this_workers_memory(
    client, settings, home_page
):
    settings.PAGE_CACHE_ENABLED = True
    SiteSettings.for_site(home_page.get_site())
    page = StandardPageFactory(parent=home_page, title="アクセス", slug="access")
    assert client.get("/access/")["X-Cache"] == "MISS"
    assert client.get("/access/")["X-Cache"] == "HIT"

    # Another worker publishes a change: it only writes the new generation to the shared
    # cache, and this worker's memory still holds the old page.
    type(page).objects.filter(pk=page.pk).update(title="交通案内")
    caches[settings.PAGE_CACHE_ALIAS].set(page_cache_module.GENERATION_KEY, "changed-elsewhere")
    response = client.get("/access/")
    assert response["X-Cache"] == "MISS"
    assert "交通案内" in response.content.decode()
