"""Admin menus and choosers: events have their own entry like news, the two kinds
of application are named apart, the forum choice lists every forum grouped without paging."""

import pytest
from wagtail.admin.menu import admin_menu

from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import ForumFactory
from tests.website.test_admin_japanese import KNOWN_ENGLISH


def menu_labels(items):
    for item in items:
        yield str(item.label)
        yield from menu_labels(getattr(getattr(item, "menu", None), "registered_menu_items", []))


@pytest.mark.django_db
def test_menu_has_events_and_names_the_two_kinds_of_application(rf, admin_client, admin_user):
    admin_client.get("/admin/")  # loads the admin's URLs, which register the viewsets' menus
    request = rf.get("/admin/")
    request.user = admin_user
    labels = set(menu_labels(admin_menu.menu_items_for_request(request)))
    assert {"ニュース", "イベント", "イベント参加申込み", "出前授業の申込み"} <= labels
    assert "申込み" not in labels and "参加申込み" not in labels
    assert not labels & KNOWN_ENGLISH


@pytest.mark.django_db
def test_event_listing_filters_by_forum(admin_client, home_page):
    index = EventIndexPageFactory(parent=home_page)
    kyushu = ForumFactory(name="九州フォーラム", slug="kyushu")
    kinki = ForumFactory(name="近畿フォーラム", slug="kinki")
    EventPageFactory(parent=index, forum=kyushu, title="九州の点検講座")
    EventPageFactory(parent=index, forum=kinki, title="近畿のシンポジウム")
    html = admin_client.get("/admin/event_pages/", {"forum": kyushu.pk}).content.decode()
    assert "九州の点検講座" in html and "近畿のシンポジウム" not in html


@pytest.mark.django_db
def test_forum_choice_lists_all_forums_grouped_without_paging(admin_client, home_page):
    index = EventIndexPageFactory(parent=home_page)
    national = [ForumFactory(name=f"全国テスト{n}") for n in range(5)]
    regional = [ForumFactory(name=f"地方テスト{n}", regional=True) for n in range(10)]
    html = admin_client.get(f"/admin/pages/add/events/eventpage/{index.pk}/").content.decode()
    start = html.index('name="forum"')
    select = html[start : html.index("</select>", start)]
    assert '<optgroup label="全国フォーラム">' in select
    assert '<optgroup label="地方フォーラム">' in select
    assert all(forum.name in select for forum in national + regional)
    assert (
        select.index("全国テスト4")
        < select.index('label="地方フォーラム"')
        < select.index("地方テスト0")
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group", "sees_pages"),
    [("事務局", False), ("広報部会", True), ("九州フォーラム 編集者", True)],
)
def test_the_page_lists_are_in_the_menu_of_those_who_work_on_pages(
    rf, admin_client, home_page, django_user_model, group, sees_pages
):
    from django.contrib.auth.models import Group

    from tests.news.factories import NewsIndexPageFactory

    ForumFactory(name="九州フォーラム", slug="kyushu", regional=True)
    # The index pages share themselves with the forums' editors.
    EventIndexPageFactory(parent=home_page)
    NewsIndexPageFactory(parent=home_page)
    admin_client.get("/admin/")  # registers the viewsets' menus
    user = django_user_model.objects.create_user("staff", password="x")
    user.groups.add(Group.objects.get(name=group))
    request = rf.get("/admin/")
    request.user = user
    labels = {str(item.label) for item in admin_menu.menu_items_for_request(request)}
    assert ({"ニュース", "イベント"} <= labels) is sees_pages
    assert bool({"ニュース", "イベント"} & labels) is sees_pages
