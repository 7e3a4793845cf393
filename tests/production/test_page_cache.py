"""The full-page cache: what it serves, what it never serves, and every invalidation path."""

import datetime

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.views.decorators.cache import never_cache
from wagtail.models import Page, PageViewRestriction

from events.models import EventKind
from kpi.models import Activity, ActivityKind
from tests.factories import ForumFactory, ImageFactory, StandardPageFactory
from website import cache as page_cache_module
from website.cache import PageCacheMiddleware, page_cache_exempt
from website.models import SiteSettings, StandardPage


@pytest.fixture(params=["page cache", "page and fragment caches"])
def page_cache_on(request, settings):
    """Every invalidation path holds for the page cache alone and together with the fragment
    cache, which also remembers each path's route, site and settings (website/routing.py)."""
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = request.param == "page and fragment caches"


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, title="国民会議について", slug="about")


def get(client, url, **extra):
    response = client.get(url, **extra)
    return response, response.content.decode()


def assert_fresh(response):
    """The response was rendered for this request (not served from the page cache)."""
    assert response["X-Cache"] in {"MISS", "BYPASS"}, response["X-Cache"]


@pytest.mark.django_db
def test_second_anonymous_request_is_served_from_the_cache(client, page_cache_on, about):
    first, html = get(client, "/about/")
    assert first.status_code == 200 and first["X-Cache"] == "MISS"
    second, cached_html = get(client, "/about/")
    assert second["X-Cache"] == "HIT"
    assert cached_html == html
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    # The cache sits before the security middleware: a hit keeps the headers it added.
    assert second["X-Content-Type-Options"] == first["X-Content-Type-Options"] == "nosniff"
    assert second["Referrer-Policy"] == first["Referrer-Policy"]
    assert client.head("/about/")["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_a_cache_hit_runs_no_query(client, page_cache_on, about, django_assert_num_queries):
    client.get("/about/")
    with django_assert_num_queries(0):
        assert client.get("/about/")["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_query_string_and_host_are_part_of_the_key(client, page_cache_on, about):
    assert client.get("/search/?q=橋")["X-Cache"] == "MISS"
    assert client.get("/search/?q=道路")["X-Cache"] == "MISS"
    assert client.get("/search/?q=橋")["X-Cache"] == "HIT"
    assert client.get("/about/", HTTP_HOST="localhost")["X-Cache"] == "MISS"
    assert client.get("/about/", HTTP_HOST="127.0.0.1")["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_nothing_is_cached_when_the_cache_is_off(client, settings, about):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/about/")
    response = client.get("/about/")
    assert "X-Cache" not in response


# --- invalidation ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_publishing_a_change_is_visible_on_the_next_request(client, page_cache_on, about):
    client.get("/about/")
    about.title = "国民会議の概要"
    about.save_revision().publish()
    response, html = get(client, "/about/")
    assert_fresh(response)
    assert "国民会議の概要" in html


@pytest.mark.django_db
def test_publishing_a_new_page_updates_the_menu_of_cached_pages(client, page_cache_on, about):
    client.get("/")
    assert client.get("/")["X-Cache"] == "HIT"
    StandardPageFactory(
        parent=about.get_parent(), title="アクセス", slug="access", show_in_menus=True
    )
    response, html = get(client, "/")
    assert_fresh(response)
    assert "アクセス" in html


@pytest.mark.django_db
def test_a_draft_leaves_the_cached_page_in_place(client, page_cache_on, about):
    client.get("/about/")
    about.title = "まだ公開しない下書き"
    about.save_revision()  # an editor saving a draft changes nothing public
    response, html = get(client, "/about/")
    assert response["X-Cache"] == "HIT"
    assert "まだ公開しない下書き" not in html


@pytest.mark.django_db
def test_unpublishing_removes_the_page_at_once(client, page_cache_on, about):
    assert client.get("/about/").status_code == 200
    about.unpublish()
    assert client.get("/about/").status_code == 404


@pytest.mark.django_db
def test_moving_a_page_is_visible_at_once(client, page_cache_on, home_page, about):
    news = StandardPageFactory(parent=home_page, title="お知らせ", slug="notices")
    child = StandardPageFactory(parent=about, title="沿革", slug="history")
    assert client.get("/about/history/").status_code == 200
    Page.objects.get(pk=child.pk).move(news, pos="last-child")
    old_address = client.get("/about/history/")
    assert old_address.status_code == 301  # Wagtail's automatic redirect, not the cached page
    assert old_address["Location"] == "/notices/history/"
    response, html = get(client, "/notices/history/")
    assert response.status_code == 200 and "沿革" in html


@pytest.mark.django_db
def test_deleting_a_page_is_visible_at_once(client, page_cache_on, about):
    assert client.get("/about/").status_code == 200
    Page.objects.get(pk=about.pk).delete()
    assert client.get("/about/").status_code == 404


@pytest.mark.django_db
def test_renaming_a_forum_snippet_updates_every_page_showing_it(client, page_cache_on, home_page):
    forum = ForumFactory(name="近畿本部フォーラム", slug="kinki")
    client.get("/")
    client.get("/forums/kinki/")
    forum.name = "近畿フォーラム（新名称）"
    forum.save()
    for url in ("/", "/forums/kinki/", "/forums/"):
        response, html = get(client, url)
        assert_fresh(response)
        assert "近畿フォーラム（新名称）" in html


@pytest.mark.django_db
def test_site_settings_change_updates_the_footer(client, page_cache_on, home_page):
    client.get("/")
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.phone = "03-5253-8111"
    site_settings.save()
    response, html = get(client, "/")
    assert_fresh(response)
    assert "03-5253-8111" in html


@pytest.mark.django_db
def test_a_new_search_promotion_shows_on_the_next_search(client, page_cache_on, about):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    client.get("/search/?q=国民会議")
    promotion = SearchPromotion.objects.create(query=Query.get("国民会議"), page=about)
    response, html = get(client, "/search/?q=国民会議")
    assert_fresh(response)
    assert 'class="search-promotions"' in html
    promotion.delete()
    response, html = get(client, "/search/?q=国民会議")
    assert_fresh(response)
    assert 'class="search-promotions"' not in html


@pytest.mark.django_db
def test_a_page_made_private_is_no_longer_served_from_the_cache(client, page_cache_on, about):
    """The measured failure of plain cache middleware: a cached page stayed public."""
    about.body = [("paragraph", "<p>会員限定の議事録です。</p>")]
    about.save_revision().publish()
    client.get("/about/")
    assert client.get("/about/")["X-Cache"] == "HIT"

    PageViewRestriction.objects.create(page=about, restriction_type="password", password="x")

    response, html = get(client, "/about/")
    assert_fresh(response)
    assert "会員限定の議事録です" not in html
    assert 'name="password"' in html
    # The password form holds a CSRF token: it is never cached either.
    assert client.get("/about/")["X-Cache"] == "BYPASS"


@pytest.mark.django_db
def test_lifting_a_restriction_is_visible_at_once(client, page_cache_on, home_page):
    """While restricted, the page is left out of the menu of the cached home page; lifting the
    restriction shows it there, and serves the page itself, on the next request."""
    members = StandardPageFactory(
        parent=home_page, title="会員向け資料", slug="members", show_in_menus=True
    )
    restriction = PageViewRestriction.objects.create(page=members, restriction_type="login")
    client.get("/")
    home, html = get(client, "/")
    assert home["X-Cache"] == "HIT" and "会員向け資料" not in html
    assert client.get("/members/").status_code == 302
    assert client.get("/members/").status_code == 302

    restriction.delete()

    home, html = get(client, "/")
    assert_fresh(home)
    assert "会員向け資料" in html
    assert client.get("/")["X-Cache"] == "HIT"
    page, html = get(client, "/members/")
    assert page.status_code == 200 and "会員向け資料" in html
    assert client.get("/members/")["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_any_project_model_change_invalidates(client, page_cache_on, about):
    """A snippet of a project app without a scope of its own (tests/production/
    test_scoped_invalidation.py has the scoped ones): an event kind stands in for them here."""
    client.get("/about/")
    kind = EventKind.objects.create(slug="tour", name="見学会")
    assert_fresh(client.get("/about/"))
    assert client.get("/about/")["X-Cache"] == "HIT"
    kind.delete()
    assert_fresh(client.get("/about/"))


@pytest.mark.django_db
def test_a_scoped_model_change_leaves_pages_that_do_not_show_it_cached(
    client, page_cache_on, about
):
    client.get("/about/")
    activity = Activity.objects.create(
        kind=ActivityKind.SCHOOL_LESSON, title="出前授業", date=datetime.date(2022, 3, 31)
    )
    assert client.get("/about/")["X-Cache"] == "HIT"
    activity.delete()
    assert client.get("/about/")["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_replacing_an_image_invalidates_but_making_renditions_does_not(
    client, page_cache_on, about
):
    image = ImageFactory()
    client.get("/about/")
    image.get_rendition("fill-400x300")
    assert client.get("/about/")["X-Cache"] == "HIT"
    image.title = "新しい画像"
    image.save()
    assert_fresh(client.get("/about/"))


@pytest.mark.django_db
def test_bulk_updates_invalidate_through_the_public_function(client, page_cache_on, about):
    client.get("/about/")
    StandardPage.objects.filter(pk=about.pk).update(title="一括更新")
    assert client.get("/about/")["X-Cache"] == "HIT"  # no signal for QuerySet.update()
    page_cache_module.invalidate_page_cache()
    response, html = get(client, "/about/")
    assert_fresh(response)
    assert "一括更新" in html


@pytest.mark.django_db
def test_a_change_bumps_the_generation_again_when_its_transaction_commits(
    page_cache_on, django_capture_on_commit_callbacks
):
    from django.db import transaction

    cache = caches["default"]
    before = page_cache_module.current_generation(cache)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            ForumFactory(slug="tohoku")
            inside = page_cache_module.current_generation(cache)
            ForumFactory(slug="kanto")
    assert inside != before
    assert page_cache_module.current_generation(cache) != inside
    # One pending bump per transaction, however many rows it writes.
    assert len(callbacks) == 1


# --- never cached ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_logged_in_editors_are_never_served_or_stored(admin_client, page_cache_on, about):
    visitor = Client()
    visitor.get("/about/")  # cached for anonymous visitors
    response = admin_client.get("/about/")
    assert response["X-Cache"] == "BYPASS"
    assert "wagtail-userbar" in response.content.decode()
    anonymous = visitor.get("/about/")
    assert anonymous["X-Cache"] == "HIT"
    assert "wagtail-userbar" not in anonymous.content.decode()


@pytest.mark.django_db
def test_privacy_restricted_pages_are_sent_private_and_never_stored(
    admin_client, page_cache_on, about
):
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    for _ in range(2):
        response = admin_client.get("/about/")
        assert response.status_code == 200
        assert response["X-Cache"] == "BYPASS"
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives


@pytest.mark.django_db
def test_password_protected_page_passed_by_a_visitor_stays_private(client, page_cache_on, about):
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type="password", password="himitsu"
    )
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{about.pk}/",
        {"password": "himitsu", "return_url": "/about/"},
    )
    assert response.status_code == 302
    page = client.get("/about/")
    assert page.status_code == 200 and page["X-Cache"] == "BYPASS"
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    client.cookies.clear()
    assert "himitsu" not in client.get("/about/").content.decode()
    assert client.get("/about/")["X-Cache"] == "BYPASS"


@pytest.mark.django_db
def test_previews_are_never_answered_from_the_cache(client, page_cache_on, about):
    client.get("/about/", HTTP_HOST="localhost")
    assert client.get("/about/", HTTP_HOST="localhost")["X-Cache"] == "HIT"
    draft = StandardPage.objects.get(pk=about.pk)
    draft.title = "プレビュー中の下書き"
    preview = draft.make_preview_request()
    assert "プレビュー中の下書き" in preview.content.decode()
    assert client.get("/about/", HTTP_HOST="localhost")["X-Cache"] == "HIT"
    assert (
        "プレビュー中の下書き" not in client.get("/about/", HTTP_HOST="localhost").content.decode()
    )


@pytest.mark.django_db
def test_the_admin_is_never_cached(client, page_cache_on, home_page):
    for _ in range(2):
        assert client.get("/admin/login/")["X-Cache"] == "BYPASS"


def run_middleware(view, request):
    return PageCacheMiddleware(view)(request)


@pytest.mark.parametrize(
    "make_response",
    [
        pytest.param(lambda request: HttpResponse(get_token(request)), id="uses-csrf-token"),
        pytest.param(
            lambda request: _with_cookie(HttpResponse("x"), "choice", "1"), id="sets-cookie"
        ),
        pytest.param(never_cache(lambda request: HttpResponse("x")), id="never-cache"),
        pytest.param(page_cache_exempt(lambda request: HttpResponse("x")), id="exempt-view"),
        pytest.param(lambda request: HttpResponse("x", status=404), id="not-200"),
        pytest.param(lambda request: HttpResponse("x", status=302), id="redirect"),
    ],
)
@pytest.mark.django_db
def test_responses_that_must_not_be_shared_are_not_stored(page_cache_on, make_response):
    factory = RequestFactory()
    first = run_middleware(make_response, factory.get("/somewhere/"))
    second = run_middleware(make_response, factory.get("/somewhere/"))
    assert first["X-Cache"] == second["X-Cache"] == "BYPASS"


@pytest.mark.parametrize(
    "request_kwargs",
    [
        pytest.param({"HTTP_COOKIE": "sessionid=abc"}, id="session"),
        pytest.param({"HTTP_COOKIE": "messages=abc"}, id="flash-messages"),
        pytest.param({"HTTP_AUTHORIZATION": "Basic eDp5"}, id="authorization"),
    ],
)
@pytest.mark.django_db
def test_requests_of_identified_visitors_bypass_the_cache(page_cache_on, request_kwargs):
    factory = RequestFactory()
    assert run_middleware(_ok, factory.get("/x/"))["X-Cache"] == "MISS"
    assert run_middleware(_ok, factory.get("/x/", **request_kwargs))["X-Cache"] == "BYPASS"


@pytest.mark.django_db
def test_post_is_never_cached(page_cache_on):
    factory = RequestFactory()
    assert run_middleware(_ok, factory.post("/x/"))["X-Cache"] == "BYPASS"
    assert run_middleware(_ok, factory.get("/x/"))["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_page_types_can_opt_out(client, page_cache_on, about, monkeypatch):
    monkeypatch.setattr(StandardPage, "page_cache_exempt", True, raising=False)
    client.get("/about/")
    assert client.get("/about/")["X-Cache"] == "BYPASS"


def _ok(request):
    return HttpResponse("ok")


def _with_cookie(response, name, value):
    response.set_cookie(name, value)
    return response


@pytest.mark.django_db
def test_production_settings_turn_the_cache_on():
    from website.settings import base

    assert base.PAGE_CACHE_ENABLED is True
    middleware = base.MIDDLEWARE
    assert middleware[0] == "website.cache.PageCacheMiddleware"
    assert "renditions" in base.CACHES


@pytest.mark.django_db
def test_a_page_rendered_while_content_changed_is_not_served_afterwards(page_cache_on):
    """An editor publishes while a request is rendering: that render is already stale."""

    def view_during_publish(request):
        page_cache_module.invalidate_page_cache()  # the editor's change lands mid-render
        return HttpResponse("rendered from the old content")

    factory = RequestFactory()
    assert run_middleware(view_during_publish, factory.get("/news/"))["X-Cache"] == "MISS"
    assert run_middleware(_ok, factory.get("/news/"))["X-Cache"] == "MISS"
    assert run_middleware(_ok, factory.get("/news/"))["X-Cache"] == "HIT"
