"""Forums as teams: each forum's editors work on their forum's content only."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage
from wagtail.test.utils.form_data import nested_form_data, streamfield

from news.models import NewsPage
from tests.events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories import ForumFactory
from tests.news.factories import NewsCategoryFactory, NewsIndexPageFactory
from website import teams


def refused(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to its home and a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == "/admin/"
    )


def news_form(forum, **extra):
    return nested_form_data(
        {
            "title": "九州の橋の点検報告",
            "slug": "2026-12-02-kyushu-news",
            "date": "2026-12-02",
            "forum": forum.pk,
            "category": NewsCategoryFactory().pk,
            "summary": "九州で橋の点検を行いました。",
            "body": streamfield([]),
            **extra,
        }
    )


# --- groups, permissions and the workflow exist ---------------------------------------------


@pytest.mark.django_db
def test_reviewers_administrators_and_the_workflow_exist_after_migrate():
    reviewers = Group.objects.get(name="広報部会")
    assert reviewers.permissions.filter(codename="edit_all_forums").exists()
    assert GroupPagePermission.objects.filter(
        group=reviewers, page__depth=1, permission__codename="publish_page"
    ).exists()
    administrators = Group.objects.get(name="事務局")
    assert set(administrators.permissions.values_list("codename", flat=True)) >= {
        "access_admin",
        "add_user",
        "change_user",
        "change_group",
    }
    workflow = Workflow.objects.get(name="広報部会の承認")
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [reviewers]
    # Wagtail's default "Moderators approval" no longer covers the whole tree, nor is offered;
    # its English groups, which nobody was put in, are gone.
    assert not WorkflowPage.objects.filter(page__depth=1).exists()
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


@pytest.mark.django_db
def test_reviewers_get_the_project_models_only_and_no_personal_data(client, reviewer):
    reviewers = Group.objects.get(name="広報部会")
    held = {
        f"{app}.{codename}"
        for app, codename in reviewers.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    assert {"news.change_newspage", "events.view_registration", "website.edit_all_forums"} <= held
    # Not the installed packages' models: users, groups, sites, sessions, login attempts…
    assert not {"auth.change_user", "auth.view_group", "wagtailcore.change_site"} & held
    assert not {name for name in held if name.split(".")[0] in {"sessions", "axes", "account"}}
    # Personal data is for those given it by name (事務局, a lesson's staff).
    assert not {name for name in held if name.endswith("_personal_data")}

    client.force_login(reviewer)
    for url in ("/admin/users/", "/admin/groups/", "/admin/sites/"):
        assert refused(client.get(url)), url
    assert client.get("/admin/event_registrations/").status_code == 200


@pytest.mark.django_db
def test_sync_takes_back_what_reviewers_should_never_have_held():
    from django.contrib.auth.models import Permission

    reviewers = Group.objects.get(name="広報部会")
    extra = Permission.objects.get(content_type__app_label="auth", codename="change_user")
    reviewers.permissions.add(extra)
    teams.sync_teams()
    assert not reviewers.permissions.filter(pk=extra.pk).exists()
    assert reviewers.permissions.filter(codename="edit_all_forums").exists()


SECRETARIAT_MODELS = {
    "members": ("memberorganisation", "memberaccount", "contactperson", "localgovernment"),
    "mailings": ("subscriber", "issue", "delivery"),
}


def held_by(group):
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def shown_menu_labels(items, request):
    for item in items:
        yield str(item.label)
        if hasattr(item, "menu"):
            yield from shown_menu_labels(item.menu.menu_items_for_request(request), request)


@pytest.mark.django_db
def test_the_register_and_the_mailings_are_the_secretariats_not_the_reviewers(client, rf, reviewer):
    from wagtail.admin.menu import admin_menu

    from tests.mailings.factories import SubscriberFactory
    from tests.members.factories import MemberAccountFactory

    held = held_by(Group.objects.get(name="広報部会"))
    assert not {
        name
        for name in held
        for app, models in SECRETARIAT_MODELS.items()
        if name.startswith(f"{app}.") and name.split("_", 1)[1] in models
    }
    # What 広報部会 approves stays theirs: pages (the members' pages too), KPI, matching,
    # 検索のおすすめ.
    assert {
        "members.change_memberspage",
        "kpi.change_enteredfigure",
        "matching.change_seed",
        "wagtailsearchpromotions.change_searchpromotion",
    } <= held
    secretariat = held_by(Group.objects.get(name="事務局"))
    assert {"members.view_memberaccount", "mailings.change_subscriber"} <= secretariat

    account = MemberAccountFactory(user__username="login@example.jp")
    subscriber = SubscriberFactory(email="reader@example.jp")
    client.force_login(reviewer)
    for url in (
        "/admin/member_accounts/",
        f"/admin/member_accounts/edit/{account.pk}/",
        "/admin/member_contacts/",
        "/admin/snippets/members/memberorganisation/",
        "/admin/snippets/members/localgovernment/",
        "/admin/mail_subscribers/",
        f"/admin/mail_subscribers/edit/{subscriber.pk}/",
        "/admin/snippets/mailings/issue/",
    ):
        response = client.get(url)
        assert refused(response), url
    request = rf.get("/admin/")
    request.user = reviewer
    labels = set(shown_menu_labels(admin_menu.menu_items_for_request(request), request))
    assert "ニュース" in labels
    assert not {"会員", "会員名簿", "会員アカウント", "メール購読者", "情報発信メール"} & labels
    home = client.get("/admin/").content.decode()
    assert "login@example.jp" not in home and "reader@example.jp" not in home


@pytest.mark.django_db
def test_sync_takes_back_the_register_and_subscribers_an_earlier_version_gave_reviewers():
    from django.contrib.auth.models import Permission

    reviewers = Group.objects.get(name="広報部会")
    earlier = Permission.objects.filter(
        content_type__app_label__in=SECRETARIAT_MODELS,
        content_type__model__in=[m for models in SECRETARIAT_MODELS.values() for m in models],
    ).exclude(codename__endswith="_personal_data")
    reviewers.permissions.add(*earlier)
    teams.sync_teams()
    assert not held_by(reviewers) & {f"{p.content_type.app_label}.{p.codename}" for p in earlier}
    assert "news.change_newspage" in held_by(reviewers)


@pytest.mark.django_db
def test_a_model_an_app_names_for_the_secretariat_is_kept_from_reviewers_and_forum_editors():
    from wagtail import hooks

    def secretariat_keeps_the_activities():
        return ["kpi.view_activity"]

    with hooks.register_temporarily("secretariat_permissions", secretariat_keeps_the_activities):
        teams.sync_teams()
        forum = ForumFactory(name="北海道インフラメンテナンス地方フォーラム", slug="hokkaido")
    reviewers = held_by(Group.objects.get(name="広報部会"))
    editors = held_by(forum.editor_group)
    activity = {f"kpi.{action}_activity" for action in teams.DEFAULT_ACTIONS}
    assert not activity & reviewers and not activity & editors
    assert "kpi.change_enteredfigure" in reviewers and "kpi.change_enteredfigure" in editors
    assert "kpi.view_activity" in held_by(Group.objects.get(name="事務局"))


@pytest.mark.django_db
def test_a_new_forum_gets_its_editor_group_and_a_renamed_one_renames_it(home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    forum = ForumFactory(name="北海道インフラメンテナンス地方フォーラム", slug="hokkaido")
    group = forum.editor_group
    assert group.name == "北海道インフラメンテナンス地方フォーラム 編集者"
    assert group.permissions.filter(codename="access_admin").exists()
    assert set(
        GroupPagePermission.objects.filter(group=group, page=news_index).values_list(
            "permission__codename", flat=True
        )
    ) == {"add_page", "change_page"}

    forum.name = "北海道フォーラム"
    forum.save()
    group.refresh_from_db()
    assert group.name == "北海道フォーラム 編集者"


@pytest.mark.django_db
def test_index_pages_share_themselves_with_forum_groups_and_get_the_workflow(home_page, kyushu):
    from tests.outreach.factories import LessonIndexPageFactory

    news_index = NewsIndexPageFactory(parent=home_page)
    lessons = LessonIndexPageFactory(parent=home_page)
    assert WorkflowPage.objects.get(page=news_index).workflow.name == "広報部会の承認"
    assert not WorkflowPage.objects.filter(page=lessons).exists()
    assert set(
        GroupPagePermission.objects.filter(group=kyushu.editor_group, page=lessons).values_list(
            "permission__codename", flat=True
        )
    ) == {"add_page", "change_page", "publish_page"}


@pytest.mark.django_db
def test_a_forums_editors_add_under_a_shared_index_but_never_edit_publish_or_unpublish_it(
    client, home_page, kyushu_editor
):
    from tests.outreach.factories import LessonIndexPageFactory

    lessons = LessonIndexPageFactory(parent=home_page)  # its editors publish their own lessons
    news_index = NewsIndexPageFactory(parent=home_page)
    client.force_login(kyushu_editor)
    for index in (lessons, news_index):
        tester = index.permissions_for_user(kyushu_editor)
        assert tester.can_add_subpage()
        assert not (tester.can_edit() or tester.can_publish() or tester.can_unpublish())
        assert not (tester.can_delete() or tester.can_move() or tester.can_lock())
        response = client.get(f"/admin/pages/{index.pk}/add_subpage/", follow=True)
        assert response.status_code == 200 and "/admin/pages/add/" in response.request["PATH_INFO"]
        for view in ("edit", "unpublish", "delete", "move"):
            assert refused(client.get(f"/admin/pages/{index.pk}/{view}/")), view
    response = client.post(f"/admin/pages/{lessons.pk}/unpublish/")
    assert refused(response)
    lessons.refresh_from_db()
    assert lessons.live


@pytest.mark.django_db
def test_sync_teams_is_idempotent(news_index, kyushu):
    count = GroupPagePermission.objects.count(), Group.objects.count()
    teams.sync_teams()
    teams.sync_teams()
    assert (GroupPagePermission.objects.count(), Group.objects.count()) == count


@pytest.mark.django_db
def test_setting_up_the_forum_groups_reads_what_they_share_once(news_index, kyushu, kinki):
    """``sync_teams`` (after every ``migrate``) reads the forum groups' permissions, less the
    secretariat's models, and the index pages once for all the forums: each group costs its
    own checks and writes only (11 queries; 17 when each group read them again)."""
    secretariat_codename = teams.secretariat_hook_permission_names()[0].split(".", 1)[1]

    def sync():
        with CaptureQueriesContext(connection) as captured:
            teams.sync_teams()
        sqls = [query["sql"] for query in captured.captured_queries]
        return len(sqls), sum(secretariat_codename in sql for sql in sqls)

    queries_for_two, secretariat_reads_for_two = sync()
    ForumFactory.create_batch(13)
    queries_for_fifteen, secretariat_reads_for_fifteen = sync()
    assert secretariat_reads_for_fifteen == secretariat_reads_for_two
    assert queries_for_fifteen - queries_for_two <= 13 * 11


# --- through the admin views ----------------------------------------------------------------


@pytest.mark.django_db
def test_forum_editor_creates_news_of_their_forum_only(
    client, kyushu_editor, news_index, kyushu, kinki
):
    client.force_login(kyushu_editor)
    url = f"/admin/pages/add/news/newspage/{news_index.pk}/"
    html = client.get(url).content.decode()
    assert kyushu.name in html and kinki.name not in html
    assert 'name="action-publish"' not in html  # news goes through 広報部会

    response = client.post(url, news_form(kinki))
    assert response.status_code == 200
    assert "正しく選択してください" in response.content.decode()
    assert not NewsPage.objects.exists()

    client.post(url, news_form(kyushu, **{"action-publish": "publish"}))
    page = NewsPage.objects.get()
    assert page.forum == kyushu and not page.live


@pytest.mark.django_db
def test_forum_editor_cannot_touch_another_forums_news(client, kyushu_editor, kinki_news, kyushu):
    client.force_login(kyushu_editor)
    for url in [
        f"/admin/pages/{kinki_news.pk}/edit/",
        f"/admin/pages/{kinki_news.pk}/delete/",
        f"/admin/pages/{kinki_news.pk}/move/",
        f"/admin/pages/{kinki_news.pk}/unpublish/",
        f"/admin/pages/{kinki_news.pk}/copy/",
    ]:
        assert refused(client.get(url)), url
    assert refused(client.post(f"/admin/pages/{kinki_news.pk}/edit/", news_form(kyushu)))
    assert refused(client.post(f"/admin/pages/{kinki_news.pk}/delete/"))
    assert Page.objects.filter(pk=kinki_news.pk, live=True).exists()


@pytest.mark.django_db
def test_forum_editor_edits_and_submits_own_news_but_cannot_move_it_to_another_forum(
    client, kyushu_editor, kyushu_news, kyushu, kinki
):
    client.force_login(kyushu_editor)
    url = f"/admin/pages/{kyushu_news.pk}/edit/"
    html = client.get(url).content.decode()
    assert "action-submit" in html and 'name="action-publish"' not in html

    response = client.post(url, news_form(kinki))
    assert "正しく選択してください" in response.content.decode()
    kyushu_news.refresh_from_db()
    assert kyushu_news.forum == kyushu

    response = client.post(url, news_form(kyushu, **{"action-submit": "submit"}))
    assert response.status_code == 302
    kyushu_news.refresh_from_db()
    assert kyushu_news.workflow_in_progress
    assert kyushu_news.current_workflow_task.name == "広報部会の確認"
    assert not kyushu_news.live


@pytest.mark.django_db
def test_an_editor_of_one_forum_finds_it_filled_in(client, kyushu_editor, news_index, kyushu):
    import re

    client.force_login(kyushu_editor)
    html = client.get(f"/admin/pages/add/news/newspage/{news_index.pk}/").content.decode()
    select = re.search(r'<select name="forum".*?</select>', html, re.S)[0]
    assert re.search(rf'<option value="{kyushu.pk}"[^>]*selected', select)
    assert "---------" not in select


@pytest.mark.django_db
def test_an_editor_of_two_forums_chooses_between_them(
    client, kyushu_editor, news_index, kyushu, kinki
):
    kyushu_editor.groups.add(kinki.editor_group)
    client.force_login(kyushu_editor)
    html = client.get(f"/admin/pages/add/news/newspage/{news_index.pk}/").content.decode()
    assert kyushu.name in html and kinki.name in html
    assert '<optgroup label="地方フォーラム">' in html


@pytest.mark.django_db
def test_reviewer_edits_and_publishes_any_forums_news(client, reviewer, kinki_news, kinki):
    client.force_login(reviewer)
    url = f"/admin/pages/{kinki_news.pk}/edit/"
    assert 'name="action-publish"' in client.get(url).content.decode()
    response = client.post(url, news_form(kinki, **{"action-publish": "publish"}))
    assert response.status_code == 302
    kinki_news.refresh_from_db()
    assert kinki_news.title == "九州の橋の点検報告" and kinki_news.live


@pytest.mark.django_db
def test_forum_editor_publishes_the_report_of_their_held_event_directly(
    client, home_page, kyushu_editor, kyushu, kinki
):
    index = EventIndexPageFactory(parent=home_page)
    past = EventPageFactory(
        parent=index, forum=kyushu, start=datetime.datetime(2021, 7, 1, 10, tzinfo=datetime.UTC)
    )
    future = EventPageFactory(
        parent=index, forum=kyushu, start=datetime.datetime(2099, 7, 1, 10, tzinfo=datetime.UTC)
    )
    other = EventPageFactory(
        parent=index, forum=kinki, start=datetime.datetime(2021, 7, 1, 10, tzinfo=datetime.UTC)
    )
    assert past.permissions_for_user(kyushu_editor).can_publish()
    assert not future.permissions_for_user(kyushu_editor).can_publish()
    assert not other.permissions_for_user(kyushu_editor).can_edit()
    client.force_login(kyushu_editor)
    assert 'name="action-publish"' in client.get(f"/admin/pages/{past.pk}/edit/").content.decode()


# --- forum-owned snippets and models --------------------------------------------------------


@pytest.mark.django_db
def test_forum_editor_sees_and_edits_own_forums_kpi_activities_only(
    client, kyushu_editor, kyushu, kinki
):
    from tests.kpi.factories import ActivityFactory

    own = ActivityFactory(forum=kyushu, title="九州の出前授業")
    other = ActivityFactory(forum=kinki, title="近畿の出前授業")
    client.force_login(kyushu_editor)
    html = client.get("/admin/snippets/kpi/activity/").content.decode()
    assert "九州の出前授業" in html and "近畿の出前授業" not in html
    assert client.get(f"/admin/snippets/kpi/activity/edit/{own.pk}/").status_code == 200
    assert refused(client.get(f"/admin/snippets/kpi/activity/edit/{other.pk}/"))
    assert refused(client.get(f"/admin/snippets/kpi/activity/delete/{other.pk}/"))
    form = client.get("/admin/snippets/kpi/activity/add/").content.decode()
    assert kyushu.name in form and kinki.name not in form


@pytest.mark.django_db
def test_forum_editor_sees_registrations_of_own_events_only(
    client, home_page, kyushu_editor, kyushu, kinki
):
    index = EventIndexPageFactory(parent=home_page)
    own = RegistrationFactory(
        event=EventPageFactory(parent=index, forum=kyushu, registration_mode="site"),
        name="九州 太郎",
    )
    other = RegistrationFactory(
        event=EventPageFactory(parent=index, forum=kinki, registration_mode="site"),
        name="近畿 花子",
    )
    client.force_login(kyushu_editor)
    html = client.get("/admin/event_registrations/").content.decode()
    assert own.reference in html and other.reference not in html
    assert "九州 太郎" not in html  # names need the personal-data permission as well
    assert refused(client.get(f"/admin/event_registrations/edit/{other.pk}/"))

    # Given the right to change registrations by another group, still their forum's only.
    from django.contrib.auth.models import Group, Permission

    handlers = Group.objects.create(name="申込み担当")
    handlers.permissions.add(Permission.objects.get(codename="change_registration"))
    kyushu_editor.groups.add(handlers)
    assert client.get(f"/admin/event_registrations/history/{own.pk}/").status_code == 200
    assert refused(client.get(f"/admin/event_registrations/history/{other.pk}/"))


def test_forum_editor_sees_and_handles_bookings_of_own_lessons_only(
    client, home_page, kyushu_editor, kyushu, kinki
):
    from django.contrib.auth.models import Permission

    from tests.outreach.factories import BookingFactory, LessonIndexPageFactory, LessonPageFactory

    index = LessonIndexPageFactory(parent=home_page)
    own = BookingFactory(lesson=LessonPageFactory(parent=index, forum=kyushu))
    other = BookingFactory(lesson=LessonPageFactory(parent=index, forum=kinki))
    kyushu_editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="outreach", codename__in=["view_booking", "change_booking"]
        )
    )
    client.force_login(kyushu_editor)
    html = client.get("/admin/lesson_bookings/").content.decode()
    assert own.reference in html and other.reference not in html
    for url in ("edit/{}/", "inspect/{}/", "status/{}/"):
        assert client.get(f"/admin/lesson_bookings/{url.format(own.pk)}").status_code == 200
        response = client.get(f"/admin/lesson_bookings/{url.format(other.pk)}")
        assert refused(response) or response.status_code == 404


@pytest.mark.django_db
def test_forum_editors_keep_the_slots_and_bookings_of_their_own_lessons(
    client, home_page, kyushu_editor, kyushu, kinki
):
    from outreach.models import LessonSlot
    from tests.outreach.factories import (
        BookingFactory,
        LessonIndexPageFactory,
        LessonPageFactory,
        LessonSlotFactory,
    )

    index = LessonIndexPageFactory(parent=home_page)
    own_lesson = LessonPageFactory(parent=index, forum=kyushu, title="九州の授業")
    other_lesson = LessonPageFactory(parent=index, forum=kinki, title="近畿の授業")
    own_slot = LessonSlotFactory(lesson=own_lesson, note="九州の枠")
    other_slot = LessonSlotFactory(lesson=other_lesson, note="近畿の枠")
    own_booking = BookingFactory(lesson=own_lesson)
    client.force_login(kyushu_editor)  # a member of 「九州フォーラム 編集者」, nothing more

    html = client.get("/admin/lesson_slots/").content.decode()
    assert "九州の枠" in html and "近畿の枠" not in html
    assert own_booking.reference in client.get("/admin/lesson_bookings/").content.decode()
    assert client.get(f"/admin/lesson_slots/edit/{own_slot.pk}/").status_code == 200
    assert refused(client.get(f"/admin/lesson_slots/edit/{other_slot.pk}/"))
    assert refused(client.post(f"/admin/lesson_slots/delete/{other_slot.pk}/"))

    form = client.get(f"/admin/lesson_slots/new/?lesson={own_lesson.pk}").content.decode()
    assert "九州の授業" in form and "近畿の授業" not in form
    # A list of their own lessons, the one asked for chosen (not a chooser of every lesson).
    assert f'<option value="{own_lesson.pk}" selected>九州の授業</option>' in form
    assert f'value="{other_lesson.pk}"' not in form
    assert "まだ授業がありません" not in form
    slot = {"date": "2030-06-01", "start_time": "10:00", "periods": "2", "capacity": "1"}
    refused_slot = client.post("/admin/lesson_slots/new/", {**slot, "lesson": other_lesson.pk})
    assert refused_slot.status_code == 200  # the form answers: not one of their lessons
    assert not LessonSlot.objects.filter(lesson=other_lesson, date="2030-06-01").exists()
    added = client.post("/admin/lesson_slots/new/", {**slot, "lesson": own_lesson.pk})
    assert added.status_code == 302
    assert LessonSlot.objects.filter(lesson=own_lesson, date="2030-06-01").exists()


@pytest.mark.django_db
def test_a_forum_without_lessons_is_told_to_make_one_before_its_slots(client, kyushu_editor):
    client.force_login(kyushu_editor)
    form = client.get("/admin/lesson_slots/new/").content.decode()
    assert "まだ授業がありません。先に「出前授業」のページで授業を作成してください。" in form


@pytest.mark.django_db
def test_a_forums_editors_find_their_lessons_in_the_menu_without_the_page_tree(
    client, rf, home_page, kyushu, kinki, kyushu_editor
):
    from wagtail.admin.menu import admin_menu

    from tests.outreach.factories import LessonIndexPageFactory, LessonPageFactory
    from tests.website.test_admin_menus import menu_labels

    lessons = LessonIndexPageFactory(parent=home_page)
    ours = LessonPageFactory(parent=lessons, forum=kyushu, title="九州の橋の点検を体験しよう")
    LessonPageFactory(parent=lessons, forum=kinki, title="近畿の堤防を歩こう")
    client.force_login(kyushu_editor)

    client.get("/admin/")  # loads the admin's URLs, which register the viewsets' menus
    request = rf.get("/admin/")
    request.user = kyushu_editor
    assert "授業の一覧" in set(menu_labels(admin_menu.menu_items_for_request(request)))
    listing = client.get("/admin/lesson_pages/").content.decode()
    assert "九州の橋の点検を体験しよう" in listing and f"/admin/pages/{ours.pk}/edit/" in listing
    assert "近畿の堤防を歩こう" not in listing
