"""ASCII slugs for Japanese titles: never percent-encoded, readable by default."""

import pytest

from news.models import NewsPage
from tests.website.test_teams import news_form


@pytest.mark.django_db
def test_a_blank_slug_becomes_date_forum_and_kind(admin_client, news_index, kyushu):
    url = f"/admin/pages/add/news/newspage/{news_index.pk}/"
    for _ in range(2):
        response = admin_client.post(url, news_form(kyushu, slug=""))
        assert response.status_code == 302, response.content.decode()[:3000]
    slugs = sorted(NewsPage.objects.values_list("slug", flat=True))
    assert slugs == ["2026-12-02-kyushu-news", "2026-12-02-kyushu-news-2"]
    page = NewsPage.objects.get(slug="2026-12-02-kyushu-news")
    assert page.url.endswith("/2026-12-02-kyushu-news/") and "%" not in page.url


@pytest.mark.django_db
def test_a_japanese_slug_is_refused_with_a_message(admin_client, news_index, kyushu):
    url = f"/admin/pages/add/news/newspage/{news_index.pk}/"
    response = admin_client.post(url, news_form(kyushu, slug="橋の点検"))
    assert response.status_code == 200
    assert not NewsPage.objects.exists()
    html = response.content.decode()
    assert "半角の英数字とハイフン（-）だけで入力してください。" in html


@pytest.mark.django_db
def test_a_typed_english_slug_is_kept(admin_client, news_index, kyushu):
    url = f"/admin/pages/add/news/newspage/{news_index.pk}/"
    admin_client.post(url, news_form(kyushu, slug="bridge-inspection"))
    assert NewsPage.objects.get().slug == "bridge-inspection"


@pytest.mark.django_db
def test_what_the_admin_leaves_of_a_japanese_title_becomes_date_forum_and_kind(
    admin_client, news_index, kyushu
):
    # The admin's own slugify of 「【お知らせ】橋の清掃」 and 「第2回の清掃活動」.
    url = f"/admin/pages/add/news/newspage/{news_index.pk}/"
    for slug in ("-", "-2"):
        response = admin_client.post(url, news_form(kyushu, slug=slug))
        assert response.status_code == 302, response.content.decode()[:3000]
    slugs = sorted(NewsPage.objects.values_list("slug", flat=True))
    assert slugs == ["2026-12-02-kyushu-news", "2026-12-02-kyushu-news-2"]
