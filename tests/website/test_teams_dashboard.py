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


def test_the_dashboard_override_is_wagtails_own_block_but_for_the_search_forms_condition():
    """templates/wagtailadmin/home.html copies Wagtail's content block: an upgrade that changes
    Wagtail's must fail here, not drift silently."""
    from pathlib import Path

    import wagtail
    from django.conf import settings

    def block_lines(path):
        content = Path(path).read_text(encoding="utf-8").split("{% block content %}")[1]
        content = content.split("{% block extra_js %}")[0].rsplit("{% endblock %}", 1)[0]
        lines = [line.strip() for line in content.splitlines()]
        # What the override changes: the condition around the form, its action and button.
        changed = ("{% if root_page %}", "{% endif %}", "action=", '<div class="submit w-sr-only">')
        return [line for line in lines if line and not line.startswith(changed)]

    wagtails = Path(wagtail.__file__).parent / "admin/templates/wagtailadmin/home.html"
    ours = Path(settings.BASE_DIR) / "templates/wagtailadmin/home.html"
    assert block_lines(ours) == block_lines(wagtails)
