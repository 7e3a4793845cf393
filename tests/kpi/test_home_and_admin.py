import datetime
import re

import pytest
from wagtail import hooks
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from kpi import activities
from kpi.models import Activity, ActivityKind, EnteredFigure, Indicator
from tests.factories import ForumFactory, StandardPageFactory

from .factories import ActivityFactory, IndicatorFactory, KpiDashboardPageFactory

pytestmark = pytest.mark.django_db
D = datetime.date
K = ActivityKind


def test_home_page_shows_the_citizen_kpi_of_the_current_year(client, home_page, plan, frozen_now):
    frozen_now(2022, 3, 31, 23, 59, 59)
    dashboard = KpiDashboardPageFactory(parent=home_page)
    national = ForumFactory(slug="citizen-participation")
    kinki = ForumFactory(slug="kinki", regional=True)
    ActivityFactory(kind=K.SCHOOL_LESSON, forum=national, date=D(2021, 7, 1))
    ActivityFactory(kind=K.WORKSHOP, forum=kinki, date=D(2022, 3, 31))
    ActivityFactory(kind=K.WORKSHOP, forum=kinki, date=D(2021, 3, 31))  # FY2020

    html = client.get("/").content.decode()
    section = html[html.index('aria-labelledby="home-kpi-heading"') :]

    assert "2021年度（令和3年度）の「出前授業およびワークショップ開催数」" in section
    assert "実績 <strong>2回</strong> ／ 目標 5回" in section
    assert "達成率 40%" in section
    assert "<dt>全国フォーラム</dt><dd>1回</dd>" in section
    assert "<dt>地方フォーラム</dt><dd>1回</dd>" in section
    assert f'href="{dashboard.url}"' in section
    assert "年度の途中、2022年3月31日 23:59（日本時間）時点" in section
    assert "終わった年度" not in section


def home_section(client):
    html = client.get("/").content.decode()
    return html[html.index('aria-labelledby="home-kpi-heading"') :]


def test_home_section_opens_on_the_latest_year_with_its_figure_and_says_how_it_compares(
    client, home_page, plan, frozen_now
):
    frozen_now(2026, 12, 3, 10, 0)  # FY2026; the lessons were counted in FY2021 only
    ActivityFactory.create_batch(2, kind=K.SCHOOL_LESSON, date=D(2021, 7, 1))

    section = home_section(client)

    assert "2021年度（令和3年度）の「出前授業およびワークショップ開催数」" in section
    assert "実績 <strong>2回</strong> ／ 目標 5回" in section
    assert "<dt>前年度</dt><dd>3回</dd>" in section
    assert "2022年度から今年度（2026年度）までの実績は、まだ登録されていません。" in section
    # FY2020's 3 is the plan's typed-in figure: 2 counted here is no fall of one.
    assert (
        "前年度と数え方が違うため、そのままは比べられません（2020年度は資料から入力した数値、"
        "2021年度は活動の記録から数えた数値）。"
    ) in section


def test_home_section_does_not_compare_with_a_year_without_figures(
    client, home_page, plan, frozen_now
):
    frozen_now(2026, 12, 3, 10, 0)
    ActivityFactory(kind=K.WORKSHOP, date=D(2026, 5, 1))

    section = home_section(client)

    assert "2026年度（令和8年度）の「出前授業およびワークショップ開催数」" in section
    assert "実績 <strong>1回</strong>" in section
    assert "<dt>前年度</dt><dd>未集計</dd>" in section
    assert "数え方が違う" not in section


def test_home_section_without_anything_counted_shows_the_plans_typed_in_year(
    client, home_page, plan, frozen_now
):
    frozen_now(2026, 12, 3, 10, 0)

    section = home_section(client)

    assert "2020年度（令和2年度）の「出前授業およびワークショップ開催数」" in section
    # The plan's FY2020 target too (its 「令和2年度 KPI 結果」).
    assert "実績 <strong>3回</strong> ／ 目標 5回" in section
    assert "<dt>全国フォーラム</dt><dd>2回</dd>" in section


def test_home_section_follows_new_activities_despite_the_cache(client, home_page, plan, frozen_now):
    frozen_now(2021, 10, 1, 12, 0)
    client.get("/")
    ActivityFactory(kind=K.WORKSHOP, date=D(2021, 9, 1))

    assert "実績 <strong>1回</strong>" in client.get("/").content.decode()

    ActivityFactory(kind=K.SCHOOL_LESSON, date=D(2021, 9, 2))
    assert "実績 <strong>2回</strong>" in client.get("/").content.decode()

    Activity.objects.filter(kind=K.WORKSHOP).delete()

    assert "実績 <strong>1回</strong>" in client.get("/").content.decode()


def test_home_section_is_left_out_without_the_indicator(client, home_page):
    Indicator.objects.filter(code="lessons-and-workshops").delete()

    assert "home-kpi-heading" not in client.get("/").content.decode()


def test_home_section_adds_no_queries_per_activity(
    client, home_page, plan, django_assert_max_num_queries
):
    ActivityFactory(kind=K.WORKSHOP)
    client.get("/")
    with django_assert_max_num_queries(30) as small:
        client.get("/")
    budget = len(small.captured_queries)
    ActivityFactory.create_batch(50, kind=K.WORKSHOP)
    client.get("/")  # the cache was invalidated by the new activities
    with django_assert_max_num_queries(budget):
        client.get("/")


def incomplete_records(user):
    return [
        {
            "title": "近畿本部フォーラム2021",
            "date": D(2021, 7, 1),
            "edit_url": "/admin/pages/123/edit/",
            "missing": "参加者数・報告",
        },
        {
            "title": "出前授業：堺市立○○小学校",
            "date": D(2021, 10, 5),
            "edit_url": "/admin/outreach/booking/edit/9/",
            "missing": "報告",
        },
    ]


def test_admin_home_panel_shows_kpis_and_incomplete_records(
    admin_client, home_page, plan, frozen_now
):
    frozen_now(2021, 10, 10, 9, 0)
    ActivityFactory.create_batch(3, kind=K.SCHOOL_LESSON, date=D(2021, 6, 1))

    with hooks.register_temporarily("kpi_incomplete_records", incomplete_records):
        response = admin_client.get("/admin/")

    html = response.content.decode()
    assert response.status_code == 200
    panel = html[html.index('id="kpi-summary-heading"') :]
    assert "KPI（2021年度（令和3年度））" in html
    assert "出前授業およびワークショップ開催数" in panel
    assert "実績 3回 ／ 目標 5回（達成率 60%）" in panel
    assert "支援自治体数" in panel and "100自治体" in panel
    assert '<a href="/admin/outreach/booking/edit/9/">出前授業：堺市立○○小学校</a>' in panel
    assert '<a href="/admin/pages/123/edit/">近畿本部フォーラム2021</a>' in panel
    assert panel.index("出前授業：堺市立") < panel.index("近畿本部フォーラム2021")  # newest first
    assert "参加者数・報告" in panel


def test_admin_home_panel_bounds_a_long_list_of_incomplete_records(admin_client, home_page):
    def many(user):
        return [
            {
                "title": f"イベント{i}",
                "date": D(2021, 5, 1),
                "edit_url": f"/e/{i}/",
                "missing": "報告",
            }
            for i in range(25)
        ]

    with hooks.register_temporarily("kpi_incomplete_records", many):
        html = admin_client.get("/admin/").content.decode()

    assert html.count('<a href="/e/') == 10
    assert "ほか 15 件あります。" in html


def test_admin_home_panel_without_incomplete_records(admin_client, home_page):
    html = admin_client.get("/admin/").content.decode()

    assert "未入力の記録はありません。" in html


def test_automatically_recorded_activity_is_marked_and_its_source_fields_are_locked(
    admin_client, home_page
):
    source = StandardPageFactory(parent=home_page, title="ワークショップの報告")
    activity = activities.record(
        source, kind=K.WORKSHOP, date=D(2021, 8, 4), title="ワークショップ", participants=20
    )
    edit_url = f"/admin/snippets/kpi/activity/edit/{activity.pk}/"

    html = admin_client.get(edit_url).content.decode()
    assert "この活動は自動で記録されています。" in html
    listing = admin_client.get("/admin/snippets/kpi/activity/").content.decode()
    assert "自動（一般ページ）" in listing

    data = nested_form_data(
        {
            "title": "書き換えた件名",
            "kind": K.SEMINAR,
            "date": "2020-01-01",
            "forum": "",
            "participants": "999",
            "page": "",
            "notes": "会場：花博記念公園",
            "municipalities": inline_formset([]),
        }
    )
    response = admin_client.post(edit_url, data)

    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.kind, activity.date, activity.participants) == (
        "ワークショップ",
        K.WORKSHOP,
        D(2021, 8, 4),
        20,
    )
    assert activity.notes == "会場：花博記念公園"


def test_editor_adds_an_off_site_activity_with_municipalities(admin_client):
    forum = ForumFactory(slug="kinki", regional=True)
    data = nested_form_data(
        {
            "title": "堺市の橋梁点検技術のマッチング検討",
            "kind": K.MATCHING_CONSIDERED,
            "date": "2021-09-10",
            "forum": forum.pk,
            "participants": "",
            "page": "",
            "notes": "",
            "municipalities": inline_formset(
                [{"prefecture": "27", "name": "堺市"}, {"prefecture": "01", "name": ""}]
            ),
        }
    )

    response = admin_client.post("/admin/snippets/kpi/activity/add/", data)

    assert response.status_code == 302, response.context["form"].errors
    activity = Activity.objects.get(title="堺市の橋梁点検技術のマッチング検討")
    assert not activity.is_recorded_automatically
    assert [str(m) for m in activity.municipalities.all()] == ["大阪府堺市", "北海道"]
    html = admin_client.get(f"/admin/snippets/kpi/activity/edit/{activity.pk}/").content.decode()
    assert "この活動は自動で記録されています。" not in html


def indicator_data(activity_kinds=(K.PITCH_EVENT, K.MATCHING_EVENT), **overrides):
    data = {
        "name": "ピッチイベント開催数",
        "code": "pitch-events",
        "area": Indicator.Area.MUNICIPAL_SUPPORT,
        "unit": Indicator.Unit.TIMES,
        "sort_order": "70",
        "description": "",
        "method": Indicator.Method.ACTIVITY_COUNT,
        "numerator": "",
        "denominator": "",
        "counted_from": "2021",
        "counting_explanation": "ピッチイベントとマッチングイベントの開催を1回と数えます。",
        "parent": "",
        "targets": inline_formset([{"fiscal_year": "2021", "value": "12"}]),
    }
    # A list would be flattened by nested_form_data; the checkboxes post repeated values.
    return nested_form_data(data | overrides) | {"activity_kinds": list(activity_kinds)}


def test_editor_creates_an_indicator_with_kinds_and_a_target(admin_client):
    response = admin_client.post("/admin/snippets/kpi/indicator/add/", indicator_data())

    assert response.status_code == 302, response.context["form"].errors
    indicator = Indicator.objects.get(code="pitch-events")
    assert indicator.activity_kinds == [K.PITCH_EVENT, K.MATCHING_EVENT]
    assert [(t.fiscal_year, t.value) for t in indicator.targets.all()] == [(2021, 12)]


def test_two_targets_for_one_year_are_refused_in_japanese(admin_client):
    data = indicator_data(
        targets=inline_formset(
            [{"fiscal_year": "2021", "value": "12"}, {"fiscal_year": "2021", "value": "15"}]
        )
    )
    response = admin_client.post("/admin/snippets/kpi/indicator/add/", data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "「年度」が同じ行が複数あります。" in html
    assert "fiscal_year" not in str(response.context["form"].formsets["targets"].non_form_errors())
    assert not Indicator.objects.filter(code="pitch-events").exists()


def test_an_activity_count_indicator_needs_kinds(admin_client):
    response = admin_client.post(
        "/admin/snippets/kpi/indicator/add/", indicator_data(activity_kinds=[])
    )

    assert response.status_code == 200
    assert "数える活動の種類を1つ以上選んでください。" in response.content.decode()
    assert not Indicator.objects.filter(code="pitch-events").exists()


def test_a_ratio_indicator_needs_a_numerator_and_a_denominator(admin_client):
    response = admin_client.post(
        "/admin/snippets/kpi/indicator/add/",
        indicator_data(method=Indicator.Method.RATIO, activity_kinds=[]),
    )

    html = response.content.decode()
    assert "割合の分子にする指標を選んでください。" in html
    assert "分母には0より大きい数を入力してください。" in html


def test_a_breakdown_cannot_have_a_breakdown(admin_client, plan):
    child = Indicator.objects.get(code="field-trials")

    response = admin_client.post(
        "/admin/snippets/kpi/indicator/add/", indicator_data(parent=child.pk)
    )

    assert "内訳の内訳は作れません。" in response.content.decode()


def test_entered_figure_for_one_forum_needs_the_forum_and_is_unique(admin_client):
    indicator = IndicatorFactory(method=Indicator.Method.ENTERED, activity_kinds=[])
    forum = ForumFactory()
    url = "/admin/snippets/kpi/enteredfigure/add/"
    data = {
        "indicator": indicator.pk,
        "fiscal_year": "2021",
        "scope": EnteredFigure.Scope.FORUM,
        "forum": "",
        "value": "48",
        "source": "事務局集計",
        "note": "",
    }

    response = admin_client.post(url, data)
    assert "範囲が「フォーラム別」なら、フォーラムを選んでください。" in response.content.decode()

    assert admin_client.post(url, data | {"forum": forum.pk}).status_code == 302
    again = admin_client.post(url, data | {"forum": forum.pk})
    assert "この指標・年度・フォーラムの入力値はすでにあります。" in again.content.decode()
    assert EnteredFigure.objects.filter(indicator=indicator).count() == 1


def test_kpi_snippet_listings_and_exports(admin_client, plan):
    ActivityFactory(title="SAR衛星による堤防の現場試行", kind=K.FIELD_TRIAL)
    for url in (
        "/admin/snippets/kpi/indicator/",
        "/admin/snippets/kpi/enteredfigure/",
        "/admin/snippets/kpi/activity/",
    ):
        assert admin_client.get(url).status_code == 200
    listing = admin_client.get("/admin/snippets/kpi/activity/", {"q": "SAR"}).content.decode()
    assert "SAR衛星による堤防の現場試行" in listing and "手入力" in listing
    export = admin_client.get("/admin/snippets/kpi/activity/", {"export": "csv"})
    assert "SAR衛星による堤防の現場試行" in b"".join(export.streaming_content).decode()


def test_deleting_a_numerator_or_a_parent_indicator_keeps_the_others(admin_client, plan):
    members = Indicator.objects.get(code="municipal-members")
    matchings = Indicator.objects.get(code="matchings")

    for indicator in (members, matchings):
        response = admin_client.post(f"/admin/snippets/kpi/indicator/delete/{indicator.pk}/")
        assert response.status_code == 302

    ratio = Indicator.objects.get(code="municipal-membership-ratio")
    assert ratio.numerator is None
    assert Indicator.objects.report(2021).get(ratio.code).total is None
    assert Indicator.objects.get(code="field-trials").parent is None


def test_admin_home_panel_survives_a_failing_hook_and_mixed_dates(admin_client, home_page):
    def broken(user):
        raise RuntimeError("boom")

    def with_datetime(user):
        moment = datetime.datetime(2021, 3, 31, 15, 30, tzinfo=datetime.UTC)  # 4/1 in Japan
        return [{"title": "日時つき", "date": moment, "edit_url": "/x/", "missing": "報告"}]

    with (
        hooks.register_temporarily("kpi_incomplete_records", broken),
        hooks.register_temporarily("kpi_incomplete_records", with_datetime),
        hooks.register_temporarily("kpi_incomplete_records", incomplete_records),
    ):
        response = admin_client.get("/admin/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "2021年4月1日" in html and "日時つき" in html
    assert (
        html.index("出前授業：堺市立")
        < html.index("近畿本部フォーラム2021")
        < html.index("日時つき")
    )


def test_two_targets_for_the_same_year_are_refused(admin_client):
    data = indicator_data(
        targets=inline_formset(
            [{"fiscal_year": "2021", "value": "12"}, {"fiscal_year": "2021", "value": "13"}]
        )
    )

    response = admin_client.post("/admin/snippets/kpi/indicator/add/", data)

    assert response.status_code == 200
    assert not Indicator.objects.filter(code="pitch-events").exists()


def test_admin_home_panel_opens_on_the_year_the_public_dashboard_shows(
    admin_client, client, home_page, plan, frozen_now
):
    """A new fiscal year without targets or figures: the admin panel, like the public KPI page,
    shows the latest year with figures (FY2022 here), and says why."""
    KpiDashboardPageFactory(parent=home_page)
    ActivityFactory(kind=K.WORKSHOP, date=D(2022, 6, 1))

    frozen_now(2023, 3, 31, 23, 59, 59)  # the last second of FY2022, Japan time
    html = admin_client.get("/admin/").content.decode()
    assert "KPI（2022年度（令和4年度））" in html
    assert "まだありません" not in html

    frozen_now(2023, 4, 1, 0, 0)  # FY2023 has begun and has nothing yet
    html = admin_client.get("/admin/").content.decode()
    panel = html[html.index('id="kpi-summary-heading"') :]
    assert "KPI（2022年度（令和4年度））" in html
    assert "2023年度の実績（入力値・記録された活動）は、まだありません。" in panel
    assert "実績のある最新の年度（2022年度）を表示しています。" in panel
    assert "実績 1回" in panel
    public = client.get("/kpi/").content.decode()
    assert "2022年度（令和4年度）のKPI" in public


def test_admin_home_panel_passes_the_user_to_the_hooks(admin_client, admin_user, home_page):
    users = []

    def remember(user):
        users.append(user)
        return []

    with hooks.register_temporarily("kpi_incomplete_records", remember):
        assert admin_client.get("/admin/").status_code == 200

    assert [user.pk for user in users] == [admin_user.pk]


@pytest.fixture
def two_forums_incomplete_records(home_page, frozen_now):
    """九州 and 近畿, each with a held event and a delivered lesson missing their reports, and
    no 運営ノウハウ yet for FY2021 (listed from January)."""
    from outreach.models import BookingStatus
    from tests.events.factories import EventIndexPageFactory, EventPageFactory, jst
    from tests.outreach.factories import (
        BookingFactory,
        LessonIndexPageFactory,
        LessonPageFactory,
    )

    frozen_now(2022, 1, 20, 9, 0)
    event_index = EventIndexPageFactory(parent=home_page)
    lesson_index = LessonIndexPageFactory(parent=home_page)
    forums = {}
    for slug, name in (("kyushu", "九州フォーラム"), ("kinki", "近畿フォーラム")):
        forum = forums[slug] = ForumFactory(slug=slug, name=name, regional=True)
        event = EventPageFactory(
            parent=event_index,
            forum=forum,
            title=f"{name}の勉強会",
            slug=f"{slug}-event",
            start=jst(2021, 12, 1, 13),
            end=jst(2021, 12, 1, 15),
            held=True,
            participants=None,
            report="",
        )
        event.save_revision().publish()
        lesson = LessonPageFactory(
            parent=lesson_index, forum=forum, title=f"{name}の出前授業", slug=f"{slug}-lesson"
        )
        BookingFactory(lesson=lesson, status=BookingStatus.DELIVERED)
    return forums


def test_a_forum_editor_is_listed_their_forums_incomplete_records_only(
    client, django_user_model, two_forums_incomplete_records
):
    kyushu = two_forums_incomplete_records["kyushu"]
    editor = django_user_model.objects.create_user(username="kyushu-editor", password="x")
    editor.groups.add(kyushu.editor_group)  # who run 九州's lessons and their bookings too
    client.force_login(editor)

    response = client.get("/admin/")

    assert response.status_code == 200
    html = response.content.decode()
    panel = html[html.index('id="kpi-summary-heading"') :]
    listed = panel[panel.index('<caption class="w-sr-only">参加者数・報告が未入力の記録') :]
    listed = listed[: listed.index("</table>")]
    assert "九州フォーラムの勉強会" in listed
    assert "九州フォーラムの運営ノウハウ（2021年度）" in listed
    assert "九州フォーラムの出前授業" in listed
    assert "近畿" not in listed
    links = re.findall(r'<a href="([^"]+)">', listed)
    assert len(links) == 3
    for url in links:
        assert client.get(url).status_code == 200, url


def test_the_admin_home_page_takes_no_queries_per_incomplete_record(
    client, django_user_model, two_forums_incomplete_records, django_assert_max_num_queries
):
    from django.contrib.auth.models import Group

    from events.models import EventIndexPage
    from outreach.models import BookingStatus, LessonPage
    from tests.events.factories import EventPageFactory, jst
    from tests.outreach.factories import BookingFactory

    kyushu = two_forums_incomplete_records["kyushu"]
    editor = django_user_model.objects.create_user(username="kyushu-editor", password="x")
    editor.groups.add(kyushu.editor_group, Group.objects.get(name="出前授業担当"))
    client.force_login(editor)
    client.get("/admin/")
    with django_assert_max_num_queries(100) as few:
        client.get("/admin/")
    budget = len(few.captured_queries)
    lesson = LessonPage.objects.get(slug="kyushu-lesson")
    BookingFactory.create_batch(4, lesson=lesson, status=BookingStatus.DELIVERED)
    for n in range(4):
        EventPageFactory(
            parent=EventIndexPage.objects.get(),
            forum=kyushu,
            slug=f"more-{n}",
            start=jst(2021, 11, 1, 13),
            end=jst(2021, 11, 1, 15),
            held=True,
            participants=None,
        ).save_revision().publish()

    client.get("/admin/")
    with django_assert_max_num_queries(budget):
        html = client.get("/admin/").content.decode()

    assert "ほか 1 件あります。" in html  # 3 + 8 records, 10 shown


@pytest.mark.parametrize("team", ["forum", "reviewers", "secretariat"])
def test_the_admin_home_panel_links_only_to_what_the_user_may_open(
    client, django_user_model, home_page, team
):
    # 事務局 (members and mailings) was offered 「活動実績の一覧」 and 「KPIの入力値」 and
    # sent back with 「アクセス権がありません」.
    from django.contrib.auth.models import Group

    from website import teams

    user = django_user_model.objects.create_user(username=team, password="x")
    group = {
        "forum": lambda: ForumFactory(slug="kyushu").editor_group,
        "reviewers": lambda: Group.objects.get(name=teams.REVIEWERS),
        "secretariat": lambda: Group.objects.get(name=teams.ADMINISTRATORS),
    }[team]()
    user.groups.add(group)
    client.force_login(user)

    html = client.get("/admin/").content.decode()
    panel = html[html.index('id="kpi-summary-heading"') :]
    panel = panel[: panel.index("</section>")]
    links = dict((text, url) for url, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', panel))
    may_list_activities = user.has_perm("kpi.view_activity") or user.has_perm("kpi.add_activity")
    assert ("活動実績の一覧" in links) == may_list_activities
    for text in ("活動実績の一覧", "KPIの入力値"):
        if text in links:
            assert client.get(links[text]).status_code == 200, text
    if team == "secretariat":
        assert "活動実績の一覧" not in links and "KPIの入力値" not in links
        # They may open no event, booking or story: 「未入力の記録はありません」 was not true.
        assert (
            "参加者数・報告が未入力の記録" not in panel and "未入力の記録はありません" not in panel
        )
    else:
        assert "活動実績の一覧" in links
        assert "参加者数・報告が未入力の記録" in panel


def data_as_the_browser_sends(form, **changes):
    """The add form posted as shown: each field's initial value, or the first option."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None and getattr(field, "choices", None):
            value = next((key for key, _label in field.choices if key != ""), "")
        data[name] = "" if value is None else getattr(value, "pk", value)
    return data | changes


def test_a_forum_editor_enters_a_figure_for_their_forum(client, django_user_model):
    # 九州's editor was given 範囲「全体」, could choose 九州 only, and was told that a forum
    # is chosen only for 「フォーラム別」, which they could not put right.
    indicator = IndicatorFactory(method=Indicator.Method.ENTERED, activity_kinds=[])
    kyushu = ForumFactory(slug="kyushu", name="九州フォーラム", regional=True)
    ForumFactory(slug="kinki", name="近畿フォーラム", regional=True)
    editor = django_user_model.objects.create_user(username="kyushu-editor", password="x")
    editor.groups.add(kyushu.editor_group)
    client.force_login(editor)
    url = "/admin/snippets/kpi/enteredfigure/add/"

    form = client.get(url).context["form"]
    assert list(form.fields["scope"].choices) == [("forum", "フォーラム別")]
    assert form["scope"].value() == EnteredFigure.Scope.FORUM
    data = data_as_the_browser_sends(form, indicator=indicator.pk, fiscal_year="2021", value="12")
    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    figure = EnteredFigure.objects.get(indicator=indicator)
    assert (figure.scope, figure.forum) == (EnteredFigure.Scope.FORUM, kyushu)
    refused = client.post(url, data | {"scope": EnteredFigure.Scope.ALL, "fiscal_year": "2022"})
    assert "scope" in refused.context["form"].errors
    assert EnteredFigure.objects.filter(indicator=indicator).count() == 1


def test_staff_of_every_forum_keep_every_scope_of_a_figure(admin_client):
    form = admin_client.get("/admin/snippets/kpi/enteredfigure/add/").context["form"]

    assert [value for value, _label in form.fields["scope"].choices] == [
        "all",
        "national",
        "regional",
        "forum",
    ]
    assert form["scope"].value() == EnteredFigure.Scope.ALL
