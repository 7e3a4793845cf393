"""The demo content that `make run` serves (`manage.py load_demo`), checked once for every app.

The demo is loaded once for this module, then a second time, as every `make run` does: the
second load must change nothing. Each test's own changes are rolled back. One module, on one
pytest-xdist worker, because a load takes most of a minute on the CI machine.
"""

import datetime
import io
from decimal import Decimal
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Site

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from events.models import EventIndexPage, EventPage, Registration
from kpi.models import Activity, ActivityKind, Indicator, KpiDashboardPage
from matching.funnel import funnel
from matching.models import MatchingStageChange
from news.demo import AWAITING, NEWS, SCHEDULED
from news.models import NewsCategory, NewsIndexPage, NewsPage
from outreach import demo as outreach_demo
from outreach.models import Booking, BookingStatus, LessonIndexPage, LessonPage, LessonSlot
from outreach.wagtail_hooks import load_outreach_bench, load_outreach_demo
from website import demo
from website.dates import JAPAN, japan_today
from website.fiscal import current_fiscal_year
from website.models import Forum, HomePage, StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

# 支援自治体数 of FY2021 in the demo: (total, national, regional).
SUPPORTED_FY2021 = (32, 5, 27)


def rows_of_every_model():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture(scope="module")
def loads(django_db_setup, django_db_blocker):
    """The rows of every model after the first and after the second load."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        first = rows_of_every_model()
        call_command("load_demo", stdout=io.StringIO())
        yield first, rows_of_every_model()
        transaction.set_rollback(True)


def test_loading_the_demo_again_changes_no_table(loads):
    first, second = loads
    changed = {
        label: (first[label], second[label]) for label in first if first[label] != second[label]
    }
    assert changed == {}
    assert first["wagtailimages.Image"] > 0 and first["website.Forum"] == 15


# --- The site ---------------------------------------------------------------------------------


def test_every_demo_page_renders_with_the_pages_a_public_site_needs(
    loads, client, django_user_model
):
    assert Forum.objects.national().count() == 5
    assert Forum.objects.regional().count() == 10
    assert Forum.objects.get(slug="kinki").prefectures.filter(name="大阪府").exists()
    # One home page, and its English translation.
    assert HomePage.objects.filter(locale__language_code="ja").count() == 1
    assert HomePage.objects.count() == 2
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert django_user_model.objects.get(username="admin").is_superuser

    for page in Page.objects.live().public().filter(depth__gte=2).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    for slug in ("about", "privacy", "access", "accessibility", "site-policy"):
        assert StandardPage.objects.filter(slug=slug).exists()
    # The footer links the pages a Japanese public-sector site is expected to have.
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    for link in (
        'href="/access/">アクセス</a>',
        'href="/sitemap/">サイトマップ</a>',
        'href="/site-policy/">サイトポリシー</a>',
        'href="/privacy/">プライバシーポリシー</a>',
        'href="/accessibility/">ウェブアクセシビリティ方針</a>',
    ):
        assert link in footer
    policy = client.get("/accessibility/").content.decode()
    assert "JIS X 8341-3:2016" in policy and "適合レベルAAに一部準拠" in policy
    assert "試験の日" in policy
    for forum in Forum.objects.all():
        assert client.get(forum.get_absolute_url()).status_code == 200

    # The English version: the home page, about, the forums list, the overseas
    # forum's page, three news items and two case studies with their lists, one event.
    english = Page.objects.filter(locale__language_code="en").live()
    assert english.count() == 11
    for path in (
        "/en/",
        "/en/about/",
        "/en/forums/",
        "/en/forums/overseas/",
        "/en/news/",
        "/en/news/overseas-domestic-seminar-2021/",
        "/en/cases/",
        "/en/cases/neighbourhood-bridge-watch/",
        "/en/events/2021-overseas-seminar-vietnam/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<html lang="en"' in response.content.decode(), path
    assert Forum.objects.get(slug="overseas").name_en == "Overseas Market Expansion Forum"
    # Every forum has its English name, so English lists and filters name none in Japanese.
    assert not Forum.objects.filter(name_en="").exists()
    assert "Kinki Forum" in client.get("/en/forums/kinki/").content.decode()
    events = client.get("/en/events/").content.decode()
    assert "Hokkaido Forum" in events and "北海道フォーラム" not in events
    event = client.get("/en/events/2021-overseas-seminar-vietnam/").content.decode()
    main = event[event.index("<main") : event.index("</main>")]
    assert "Free" in main and "無料" not in main
    assert "ベトナム" not in main


def test_demo_has_a_user_per_role_news_in_review_and_news_scheduled_for_tomorrow(loads, client):
    """The demo's teams."""
    for username, _name, _group in demo.TEAM_USERS:
        assert client.login(username=username, password=demo.TEAM_PASSWORD), username
        assert client.get("/admin/").status_code == 200
    client.logout()

    awaiting = NewsPage.objects.get(slug=AWAITING["slug"])
    assert not awaiting.live and awaiting.workflow_in_progress
    assert awaiting.current_workflow_task.name == "広報部会の確認"
    assert awaiting.forum.slug == "kyushu"

    scheduled = NewsPage.objects.get(slug=SCHEDULED["slug"])
    tomorrow = japan_today() + datetime.timedelta(days=1)
    assert not scheduled.live
    assert scheduled.scheduled_revision.approved_go_live_at == datetime.datetime.combine(
        tomorrow, datetime.time(10), tzinfo=JAPAN
    )

    client.login(username="koho-reviewer", password=demo.TEAM_PASSWORD)
    assert AWAITING["title"] in client.get("/admin/").content.decode()  # awaiting review
    client.login(username="kyushu-editor", password=demo.TEAM_PASSWORD)
    other = NewsPage.objects.exclude(forum__slug="kyushu").first()
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code == 302  # refused


# --- News -------------------------------------------------------------------------------------


def test_demo_news_is_varied_and_renders(loads, client):
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
    assert NewsCategory.objects.count() >= 4
    years = index.news().visible().fiscal_years()
    assert 2021 in years and current_fiscal_year() in years

    assert f'href="{index.url}">ニュース</a>' in client.get("/").content.decode()  # in the menu
    for url in (index.url, news[0].url, f"{index.url}feed/rss/", f"{index.url}feed/atom/"):
        assert client.get(url).status_code == 200
    # The call for lesson bookings leads teachers to the lessons it speaks of.
    call = NewsPage.objects.get(slug="school-lessons-applications", locale__language_code="ja")
    lessons = LessonIndexPage.objects.get(locale__language_code="ja").url
    assert f'<a href="{lessons}">「出前授業」のページ</a>' in client.get(call.url).content.decode()


# --- Case studies -----------------------------------------------------------------------------


def test_demo_case_studies_are_varied_and_visible(loads, client):
    index = CaseStudyIndexPage.objects.get(slug="cases", locale__language_code="ja")
    assert index.live and index.show_in_menus
    cases = list(
        CaseStudyPage.objects.visible().child_of(index).select_related("prefecture", "forum")
    )
    assert len(cases) >= 10
    assert len({case.prefecture.region for case in cases}) >= 8
    assert len({kind.slug for case in cases for kind in case.infrastructure_kinds.all()}) >= 10
    assert len({f.slug for case in cases for f in case.collaboration_forms.all()}) >= 6
    assert 3 <= sum(case.is_model_case for case in cases) < len(cases)
    assert all(case.gallery_images.count() >= 2 and case.image_id for case in cases)
    assert all(case.participants.exists() and case.summary and case.outcomes for case in cases)
    assert any(case.forum is None for case in cases)

    html = client.get("/").content.decode()
    assert f'<a href="{index.url}">協働事例</a>' in html  # in the main menu
    assert "home-model-cases-heading" in html
    assert client.get(index.url).status_code == 200
    case = next(case for case in cases if case.is_model_case)
    html = client.get(case.url).content.decode()
    assert case.title in html and case.summary in html and "関連する事例" in html


# --- Events -----------------------------------------------------------------------------------


def event_counts():
    return (
        EventPage.objects.count(),
        Activity.objects.count(),
        Registration.objects.count(),
        EventIndexPage.objects.count(),
    )


def test_demo_events_cover_the_plan(loads, client):
    start = datetime.datetime(2021, 4, 1, tzinfo=JAPAN)
    end = datetime.datetime(2022, 4, 1, tzinfo=JAPAN)
    # The Japanese events: an English translation is the same event, not counted.
    fy2021 = EventPage.objects.live().filter(
        start__gte=start, start__lt=end, locale__language_code="ja"
    )
    assert fy2021.count() >= 15
    assert fy2021.held().count() >= fy2021.count() * 2 // 3
    assert not fy2021.held().filter(participants__isnull=True, report="").exists()
    assert fy2021.filter(kind__name="ワークショップ講座", held=True).count() >= 2
    assert fy2021.filter(kind__name="市民参画イベント", held=True).count() >= 2
    assert fy2021.filter(
        title__contains="近畿本部フォーラム2021", start__date="2021-07-01"
    ).exists()
    assert fy2021.filter(status="cancelled").exists()

    # The KPI dashboard has FY2021 figures to show; other apps' demo content records
    # activities too, so count the events' own.
    kpi = Activity.objects.in_fiscal_year(2021).filter(
        source_content_type=ContentType.objects.get_for_model(EventPage)
    )
    assert kpi.count() == fy2021.held().count()
    assert kpi.filter(kind=ActivityKind.WORKSHOP).count() >= 2

    upcoming = EventPage.objects.visible().upcoming()
    assert upcoming.count() >= 3
    small = upcoming.get(registration_mode="site", capacity__lte=20)
    assert small.places_left() > 0
    assert upcoming.filter(attendance="hybrid").exists()

    for event in EventPage.objects.live():
        assert client.get(event.url).status_code == 200, event.url
    for path in ("/events/", "/events/past/", "/events/calendar/", "/events/feed/"):
        assert client.get(path).status_code == 200
    assert client.get(f"{small.url}register/").status_code == 200


def test_a_later_load_moves_passed_demo_events_forward(loads):
    before = event_counts()
    next_year = timezone.now() + datetime.timedelta(days=400)
    with mock.patch("django.utils.timezone.now", return_value=next_year):
        call_command("load_demo", stdout=io.StringIO())
        assert EventPage.objects.visible().upcoming(next_year).count() >= 3
    assert event_counts() == before


# --- School visit lessons ---------------------------------------------------------------------


def test_demo_has_the_plans_lessons_with_upcoming_slots(loads, client):
    titles = set(LessonPage.objects.live().values_list("title", flat=True))
    assert {
        "橋の点検を体験しよう",
        "道路パトロールの仕事",
        "川と堤防のしくみ",
        "まちのインフラ探検",
    } <= titles
    today = timezone.localdate()
    for lesson in LessonPage.objects.live().filter(locale__language_code="ja"):
        assert client.get(lesson.url).status_code == 200
        assert client.get(lesson.url + "book/").status_code == 200
        assert lesson.image is not None and lesson.photos.count() == 2
        if lesson.uses_slots:
            dates = list(lesson.slots.values_list("date", flat=True))
            assert dates and min(dates) > today
            assert max(dates) <= today + datetime.timedelta(days=200)
            assert not any(outreach_demo.is_school_holiday(day) for day in dates)
    assert (
        client.get(LessonIndexPage.objects.get(locale__language_code="ja").url).status_code == 200
    )


def test_demo_bookings_feed_the_fy2021_kpi(loads):
    delivered = Booking.objects.done().in_fiscal_year(2021)
    assert delivered.count() == 3
    assert all(booking.reference.startswith("DM-2021-") for booking in delivered)
    lessons_fy2021 = Activity.objects.in_fiscal_year(2021).of_kinds([ActivityKind.SCHOOL_LESSON])
    assert lessons_fy2021.count() == 3
    assert sum(lessons_fy2021.values_list("participants", flat=True)) == 61 + 31 + 93
    # One is delivered but not reported yet, for the KPI panel's incomplete list.
    assert Booking.objects.missing_delivery_details().count() == 1
    assert Booking.objects.filter(status=BookingStatus.REQUESTED).exists()


def test_demo_gives_the_lesson_staff_the_catalogue(loads, django_user_model):
    group = Group.objects.get(name=outreach_demo.STAFF_GROUP)
    index = LessonIndexPage.objects.get(locale__language_code="ja")
    codenames = set(
        GroupPagePermission.objects.filter(group=group, page=index).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page", "publish_page"}
    staff = django_user_model.objects.get(username=outreach_demo.STAFF_USERNAME)
    assert staff.groups.filter(pk=group.pk).exists()


def test_bench_data_makes_50_lessons_with_slots_once(loads):
    home = HomePage.objects.get(locale__language_code="ja")
    before = LessonPage.objects.count()
    load_outreach_bench(home, io.StringIO())
    assert LessonPage.objects.count() == before + 50
    bench = LessonPage.objects.filter(slug__startswith="bench-")
    assert LessonSlot.objects.filter(lesson__in=bench).count() > 300
    load_outreach_bench(home, io.StringIO())
    assert LessonPage.objects.count() == before + 50


def test_the_lessons_demo_reports_what_it_loaded(loads):
    out = io.StringIO()
    load_outreach_demo(HomePage.objects.get(locale__language_code="ja"), out)
    assert "出前授業 4 件" in out.getvalue()


# --- KPI --------------------------------------------------------------------------------------


def test_demo_fills_the_fy2021_kpi_dashboard(loads, client):
    dashboard = KpiDashboardPage.objects.get()
    assert dashboard.live and dashboard.show_in_menus
    report = Indicator.objects.report(2021)
    supported = report.get("municipalities-supported")
    # 五島市 and the three of the support meeting (伊達市 in two prefectures, 北海道) entered by
    # hand, 堺市 of the events demo's 実証実験, and the local governments of the matchings demo
    # (matching/demo.py), some of them through national forums.
    assert (supported.total, supported.national, supported.regional) == SUPPORTED_FY2021
    matchings = report.get("matchings")
    # The events demo records field trials too, so count what the demo data holds.
    matching_kinds = [
        ActivityKind.MATCHING_CONSIDERED,
        ActivityKind.MATCHING_CONCLUDED,
        ActivityKind.FIELD_TRIAL,
        ActivityKind.DEPLOYMENT,
    ]
    recorded = Activity.objects.in_fiscal_year(2021).of_kinds(matching_kinds).count()
    assert recorded >= 12
    assert matchings.total == sum(child.total for child in matchings.children) == recorded
    # Counted once: the matchings demo records its stages, the events demo its held 実証実験,
    # and nothing of the kind is entered by hand any more.
    fy2021 = Activity.objects.in_fiscal_year(2021).of_kinds(matching_kinds)
    assert not fy2021.filter(source_object_id="").exists()
    stages = sum(step.count for step in funnel(MatchingStageChange.objects.all(), 2021)["all"])
    held = fy2021.filter(source_content_type__model="eventpage").count()
    assert held >= 1 and matchings.total == stages + held
    assert [child.total for child in matchings.children] == [
        Activity.objects.in_fiscal_year(2021).filter(kind=kind).count() for kind in matching_kinds
    ]
    assert report.get("municipal-membership-ratio").total == Decimal("58.2")
    # The drone field trial is one activity, recorded by its event page, not also by hand.
    assert Activity.objects.counted_in(report).recorded_twice() == {}
    drone = Activity.objects.get(title="実証実験：ドローンによる橋梁点検の現場試行")
    assert drone.source_object_id and drone.participants == 24
    assert [m.name for m in drone.municipalities.all()] == ["堺市"]

    response = client.get(dashboard.url, {"year": "2021"})
    html = response.content.decode()
    assert response.status_code == 200
    # Matchings have no page: they count, listed without their need's title and places.
    assert "非公開の活動" in html and "橋梁点検へのドローンの導入" not in html
    assert "北海道伊達市、福島県伊達市、北海道" in html


def test_each_lesson_subject_gets_its_own_kind_of_picture():
    """Not one recoloured bridge for every subject."""
    from outreach.demo import LESSONS
    from website.demo import SCENES, scene_for

    scenes = [scene_for(f"出前授業「{spec['title']}」") for spec in LESSONS]
    assert len(set(scenes)) == len(scenes)
    assert scene_for("トンネルの点検") == "tunnel" and scene_for("下水道の管路") == "pipes"
    assert set(scenes) <= set(SCENES)


def test_a_members_page_does_not_repeat_its_lead_in_its_body(loads):
    from members.models import MembersPage

    pages = list(MembersPage.objects.live())
    assert pages
    for page in pages:
        assert page.summary not in str(page.body), page.title


def test_the_demo_members_accounts_are_in_use_and_describe_themselves(loads):
    # 利用開始日時 was blank for members who log in (they were never invited), and every
    # description read 「デモ用の会員です。」.
    from members.models import MemberAccount

    accounts = MemberAccount.objects.select_related("organisation")
    assert accounts.count() >= 3
    for account in accounts:
        assert account.activated_at is not None
        assert account.organisation.public_description
        assert "デモ" not in account.organisation.public_description


def test_the_registers_made_up_members_have_readings_and_plausible_names():
    # 「架空大学 インフラ研究室 01」 and friends had no reading, so the directory (sorted by
    # reading) opened on 35 rows of 「まちの橋を見守る会 NN」.
    import re

    from members.demo import _made_up_members

    members = _made_up_members()
    assert len(members) == 255
    names = [name for _kind, name, _kana in members]
    assert len(set(names)) == len(names)
    assert not any("架空" in name or "（デモ）" in name for name in names)
    for _kind, name, kana in members:
        assert re.fullmatch(r"[ァ-ヶー 0-9]+", kana), (name, kana)
    from matching.demo import SEEDS

    assert not any("（デモ）" in organisation for _technology, organisation, *_ in SEEDS)
