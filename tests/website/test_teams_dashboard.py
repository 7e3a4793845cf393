"""The dashboard offers the page search to those who may explore pages only."""

import pytest
from django.contrib.auth.models import Group

from website import teams

PAGE_SEARCH = "すべてのページを検索"


@pytest.fixture
def secretariat(django_user_model):
    user = django_user_model.objects.create_user(username="jimukyoku", password="x")
    user.groups.add(Group.objects.get(name=teams.ADMINISTRATORS))
    return user


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_secretariat_is_not_offered_a_page_search_it_may_not_use(client, secretariat):
    html = dashboard(client, secretariat)
    assert PAGE_SEARCH not in html
    assert 'role="search"' not in html
    # What the form would have led to: Wagtail's explorer refuses them.
    response = client.get("/admin/pages/", {"q": "橋"})
    assert response.status_code == 403 or response.url == "/admin/"


@pytest.mark.django_db
def test_forum_editors_and_superusers_keep_the_page_search(
    client, news_index, kyushu_editor, admin_user
):
    for user in (kyushu_editor, admin_user):
        html = dashboard(client, user)
        assert PAGE_SEARCH in html
        assert 'action="/admin/pages/' in html
