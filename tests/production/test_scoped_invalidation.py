"""Scoped generations: a registration, booking or KPI figure refreshes only the
pages and fragments that show it; a page publish still refreshes everything."""

import datetime
import logging

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kpi.models import EnteredFigure, Indicator
from kpi.plan import load_plan
from outreach.models import BookingStatus
from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.kpi.factories import KpiDashboardPageFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.outreach.factories import (
    BookingFactory,
    LessonIndexPageFactory,
    LessonPageFactory,
    LessonSlotFactory,
)
from website import cache as page_cache_module
from website.fiscal import current_fiscal_year
from website.fragments import remember

pytestmark = pytest.mark.django_db


@pytest.fixture
def caches_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True


@pytest.fixture
def site(home_page):
    from django.apps import apps

    load_plan(apps)  # the home page's KPI block
    events = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(
        parent=events, title="橋の点検体験会", registration_mode="site", capacity=10
    )
    news_index = NewsIndexPageFactory(parent=home_page)
    news = NewsPageFactory(parent=news_index, title="点検の日のお知らせ")
    cases = CaseStudyIndexPageFactory(parent=home_page)
    case = CaseStudyPageFactory(parent=cases, title="住民と見守る橋")
    lessons = LessonIndexPageFactory(parent=home_page)
    lesson = LessonPageFactory(parent=lessons, title="橋の点検を体験しよう", slug="bridge")
    slot = LessonSlotFactory(
        lesson=lesson, date=timezone.localdate() + datetime.timedelta(days=30), capacity=1
    )
    dashboard = KpiDashboardPageFactory(parent=home_page)
    return {
        "event": event,
        "news": news,
        "case": case,
        "lesson": lesson,
        "slot": slot,
        "event_page": event.url,
        "event_list": events.url,
        "event_calendar": events.url + "calendar/",
        "news_page": news.url,
        "news_list": news_index.url,
        "case_page": case.url,
        "lesson_page": lesson.url,
        "lesson_list": lessons.url,
        "home": "/",
        "kpi": dashboard.url,
    }


def warm(client, site, names):
    """Every page rendered and stored, then served from the page cache."""
    for name in names:
        assert client.get(site[name]).status_code == 200, name
    for name in names:
        assert client.get(site[name])["X-Cache"] == "HIT", name


def x_cache(client, url):
    return client.get(url)["X-Cache"]


def kept_queries(client, site):
    """What rendering the other pages costs once their fragments are kept."""
    for name in OTHER_PAGES:
        queries_rendering(client, site[name])
    return {name: queries_rendering(client, site[name]) for name in OTHER_PAGES}


def queries_rendering(client, url):
    """Queries of a render that the page cache cannot serve (a visitor with a session):
    what the fragment cache does not keep."""
    client.cookies["sessionid"] = "not-a-session"
    try:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response["X-Cache"] == "BYPASS"
        return len(queries)
    finally:
        del client.cookies["sessionid"]


OTHER_PAGES = ["news_page", "news_list", "case_page"]


def test_a_registration_refreshes_the_event_and_its_lists_only(client, caches_on, site):
    warm(
        client,
        site,
        ["event_page", "event_list", "event_calendar", "home", "lesson_list", *OTHER_PAGES],
    )
    assert "残り10名分" in client.get(site["event_page"]).content.decode()
    kept = kept_queries(client, site)

    RegistrationFactory(event=site["event"], number_of_people=3)

    response = client.get(site["event_page"])
    assert response["X-Cache"] == "MISS"
    assert "残り7名分" in response.content.decode()
    assert x_cache(client, site["event_page"]) == "HIT"
    assert x_cache(client, site["event_list"]) == "MISS"
    assert x_cache(client, site["event_calendar"]) == "MISS"
    for name in OTHER_PAGES:
        assert x_cache(client, site[name]) == "HIT", name
    # The home page's event cards say how many places are left: refreshed too.
    assert x_cache(client, site["home"]) == "MISS"
    assert x_cache(client, site["lesson_list"]) == "HIT"
    # Rendered for a visitor the page cache cannot serve, they use the same kept fragments.
    assert {name: queries_rendering(client, site[name]) for name in OTHER_PAGES} == kept


def test_a_content_change_still_renders_the_fragments_again(client, caches_on, site):
    """The counterpart of the last assertion above: the query counts do tell."""
    warm(client, site, OTHER_PAGES)
    kept = kept_queries(client, site)
    page_cache_module.invalidate_page_cache()
    for name in OTHER_PAGES:
        assert queries_rendering(client, site[name]) > kept[name], name


def test_a_booking_refreshes_the_lesson_its_list_and_the_sections_showing_it(
    client, caches_on, site
):
    warm(client, site, ["lesson_page", "lesson_list", "home", "event_page", *OTHER_PAGES])
    assert "あと1クラス" in client.get(site["lesson_page"]).content.decode()
    assert "受付中" in client.get(site["lesson_list"]).content.decode()
    kept = kept_queries(client, site)

    BookingFactory(lesson=site["lesson"], slot=site["slot"], status=BookingStatus.REQUESTED)

    response = client.get(site["lesson_page"])
    assert response["X-Cache"] == "MISS"
    assert "あと1クラス" not in response.content.decode()
    response = client.get(site["lesson_list"])
    assert response["X-Cache"] == "MISS"
    assert "受付終了" in response.content.decode() and "受付中" not in response.content.decode()
    # The home page lists lessons with their open dates.
    response = client.get(site["home"])
    assert response["X-Cache"] == "MISS" and "受付終了" in response.content.decode()
    assert x_cache(client, site["event_page"]) == "HIT"  # an event's places: unchanged
    for name in OTHER_PAGES:
        assert x_cache(client, site[name]) == "HIT", name
    assert {name: queries_rendering(client, site[name]) for name in OTHER_PAGES} == kept


def test_an_entered_kpi_figure_updates_the_dashboard_and_the_home_block_at_once(
    client, caches_on, site
):
    warm(client, site, ["kpi", "home", "event_page", "lesson_list", *OTHER_PAGES])
    indicator = Indicator.objects.get(code="lessons-and-workshops")

    EnteredFigure.objects.create(
        indicator=indicator,
        fiscal_year=current_fiscal_year(),
        scope=EnteredFigure.Scope.ALL,
        value=987,
    )

    response = client.get(site["home"])
    assert response["X-Cache"] == "MISS"
    html = response.content.decode()
    assert "987" in html[html.index('aria-labelledby="home-kpi-heading"') :]
    response = client.get(site["kpi"])
    assert response["X-Cache"] == "MISS" and "987" in response.content.decode()
    for name in ["event_page", "lesson_list", *OTHER_PAGES]:
        assert x_cache(client, site[name]) == "HIT", name


def test_the_kpi_csv_follows_the_figures(client, caches_on, site):
    url = site["kpi"] + f"csv/?year={current_fiscal_year()}"
    client.get(url)
    assert x_cache(client, url) == "HIT"
    EnteredFigure.objects.create(
        indicator=Indicator.objects.get(code="lessons-and-workshops"),
        fiscal_year=current_fiscal_year(),
        scope=EnteredFigure.Scope.ALL,
        value=987,
    )
    response = client.get(url)
    assert response["X-Cache"] == "MISS" and "987" in response.content.decode()


def test_a_page_publish_still_refreshes_everything(client, caches_on, site):
    names = ["event_page", "event_list", "lesson_page", "lesson_list", "home", "kpi"]
    warm(client, site, [*names, *OTHER_PAGES])
    news = site["news"]
    news.title = "点検の日のお知らせ（更新）"
    news.save_revision().publish()
    for name in [*names, *OTHER_PAGES]:
        assert x_cache(client, site[name]) == "MISS", name
    assert "（更新）" in client.get(site["news_list"]).content.decode()


def test_a_registration_within_a_transaction_bumps_places_again_on_commit(
    caches_on, home_page, django_capture_on_commit_callbacks
):
    from django.db import transaction

    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page), registration_mode="site"
    )
    cache = caches["default"]
    before = page_cache_module.current_generations(cache)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            RegistrationFactory(event=event)
            inside = page_cache_module.current_generations(cache)
            RegistrationFactory(event=event)
            last = page_cache_module.current_generations(cache)
    after = page_cache_module.current_generations(cache)
    assert inside["content"] == before["content"] == after["content"]
    assert before["registrations"] != inside["registrations"] != last["registrations"]
    assert last["registrations"] != after["registrations"]
    # One pending bump of "registrations" per transaction, however many rows it writes.
    assert callbacks == [page_cache_module._BUMPS["registrations"]]


def test_a_fragment_that_shows_a_scope_it_does_not_name_is_not_kept(settings, caplog):
    settings.FRAGMENT_CACHE_ENABLED = True
    renders = []

    def find():
        renders.append(1)
        page_cache_module.depends_on(request, "registrations")
        return "残り3名分"

    request = RequestFactory().get("/")
    with caplog.at_level(logging.WARNING, logger="sankaku.cache"):
        assert remember(request, "unnamed", find) == "残り3名分"
        assert remember(request, "unnamed", find) == "残り3名分"
    assert len(renders) == 2
    assert "without naming it" in caplog.text
    # Named, it is kept, under the registrations generation: a registration renders it again.
    assert remember(request, "named", find, scopes=("registrations",)) == "残り3名分"
    assert remember(request, "named", find, scopes=("registrations",)) == "残り3名分"
    assert len(renders) == 3
    page_cache_module.invalidate_page_cache("registrations")
    request = RequestFactory().get("/")
    remember(request, "named", find, scopes=("registrations",))
    assert len(renders) == 4
    assert request.cache_scopes == {"registrations"}


def test_an_unknown_scope_is_refused():
    with pytest.raises(ValueError):
        page_cache_module.scope_for(EnteredFigure, "kpis")
    with pytest.raises(ValueError):
        page_cache_module.depends_on(RequestFactory().get("/"), "place")
