import pytest
from wagtail.models import PageViewRestriction

from tests.factories import ForumFactory, ImageFactory, StandardPageFactory
from website.models import SiteSettings


@pytest.mark.django_db
def test_robots_txt_points_to_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


@pytest.mark.django_db
def test_sitemap_lists_live_public_pages_and_forums_only(client, home_page):
    public = StandardPageFactory(parent=home_page, slug="public-page")
    private = StandardPageFactory(parent=home_page, slug="private-page")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    StandardPageFactory(parent=home_page, slug="draft-page", live=False)
    ForumFactory(slug="kinki")
    xml = client.get("/sitemap.xml").content.decode()
    assert public.slug in xml
    assert "private-page" not in xml
    assert "draft-page" not in xml
    assert "/forums/kinki/" in xml


@pytest.mark.django_db
def test_friendly_japanese_404(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "お探しのページが見つかりません" in response.content.decode()


def test_500_page_is_japanese_and_self_contained():
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "一時的なエラーが発生しました" in html
    assert "{%" not in html


@pytest.mark.django_db
def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")


@pytest.mark.django_db
def test_open_graph_tags_use_page_image_then_site_default(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="about", search_description="概要です。")
    html = client.get(page.url).content.decode()
    assert '<meta property="og:title" content="' in html
    assert '<meta property="og:description" content="概要です。">' in html
    assert "og:image" not in html

    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.default_social_image = ImageFactory()
    site_settings.save()
    html = client.get(page.url).content.decode()
    assert 'property="og:image"' in html and "fill-1200x630" in html

    page.social_image = ImageFactory()
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert f"images/{page.social_image.file.name.split('/')[-1].rsplit('.', 1)[0]}" in html
    assert 'name="twitter:card" content="summary_large_image"' in html


@pytest.mark.django_db
def test_footer_shows_contact_details_from_settings(client, home_page):
    privacy = StandardPageFactory(parent=home_page, title="プライバシーポリシー", slug="privacy")
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.postal_address = "東京都千代田区霞が関2-1-3"
    site_settings.email = "info@example.jp"
    site_settings.phone = "03-5253-8111"
    site_settings.privacy_policy_page = privacy
    site_settings.x_url = "https://x.com/example"
    site_settings.save()
    html = client.get("/").content.decode()
    assert "東京都千代田区霞が関2-1-3" in html
    assert 'href="mailto:info@example.jp"' in html
    assert 'href="tel:0352538111">03-5253-8111</a>' in html
    assert 'href="/privacy/">プライバシーポリシー</a>' in html
    assert 'href="https://x.com/example"' in html


@pytest.mark.django_db
def test_search_view_never_shows_private_or_draft_pages(client, home_page):
    StandardPageFactory(parent=home_page, title="公開の点検報告", slug="open")
    private = StandardPageFactory(parent=home_page, title="非公開の点検報告", slug="closed")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    StandardPageFactory(parent=home_page, title="下書きの点検報告", slug="draft", live=False)
    html = client.get("/search/", {"q": "点検報告"}).content.decode()
    assert "非公開の点検報告" not in html
    assert "下書きの点検報告" not in html


@pytest.mark.django_db
def test_editor_changes_site_settings_in_admin(admin_client, home_page):
    site = home_page.get_site()
    url = f"/admin/settings/website/sitesettings/{site.pk}/"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "サイト設定" in response.content.decode()
    response = admin_client.post(
        url,
        {
            "organisation_name": "インフラメンテナンス国民会議",
            "secretariat_name": "事務局",
            "postal_address": "東京都千代田区",
            "email": "new@example.jp",
            "phone": "03-0000-0000",
            "contact_hours": "",
            "x_url": "",
            "facebook_url": "",
            "youtube_url": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SiteSettings.for_site(site).email == "new@example.jp"


def test_pagination_shows_the_ends_and_two_pages_either_side():
    from django.core.paginator import Paginator

    from website.templatetags.website_tags import page_numbers

    page = Paginator(range(1000), 10).page(50)
    assert list(page_numbers(page)) == [1, "…", 48, 49, 50, 51, 52, "…", 100]
    assert list(page_numbers(Paginator(range(30), 10).page(2))) == [1, 2, 3]


@pytest.mark.django_db
def test_the_html_site_map_lists_the_sections_and_the_standard_pages_below_them(
    client, home_page, django_assert_max_num_queries
):
    about = StandardPageFactory(parent=home_page, title="国民会議について", slug="about")
    StandardPageFactory(parent=about, title="設立の経緯", slug="history")
    StandardPageFactory(parent=about, title="下書きの沿革", slug="draft", live=False)
    private = StandardPageFactory(parent=home_page, title="会員専用", slug="members")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    ForumFactory(name="関東フォーラム", slug="kanto", kind="regional")
    client.get("/sitemap/")  # routing and settings kept
    with django_assert_max_num_queries(12):
        response = client.get("/sitemap/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>サイトマップ</h1>" in html
    assert '<a href="/about/">国民会議について</a>' in html
    assert '<a href="/about/history/">設立の経緯</a>' in html
    assert "下書きの沿革" not in html and "会員専用" not in html
    assert '<a href="/forums/kanto/">関東フォーラム</a>' in html
