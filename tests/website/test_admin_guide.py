"""The admin's help for editors is Japanese: 「編集の手引き」 instead of Wagtail's
English editor guide, the root collection's name, the keyboard shortcuts dialog."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Collection, Page

from tests.website.test_admin_japanese import english_on

GUIDE = "/admin/guide/"


def sidebar(html):
    """The admin's sidebar menus (help menu included), which come as JSON props for its script."""
    props = BeautifulSoup(html, "html.parser").find(id="wagtail-sidebar-props")
    return json.dumps(json.loads(props.string), ensure_ascii=False)


@pytest.mark.django_db
def test_forum_editor_opens_the_japanese_guide_from_the_help_menu_and_the_dashboard(
    client, kyushu_editor, news_index
):
    client.force_login(kyushu_editor)
    home = client.get("/admin/").content.decode()
    menus = sidebar(home)
    assert "編集の手引き" in menus and GUIDE in menus
    assert "Wagtail 8" not in menus  # what's new in Wagtail (English) is gone
    assert "guide.wagtail.org" not in home  # neither in the help menu nor on the dashboard
    assert "editor guide" not in home.lower()
    assert f'href="{GUIDE}">編集の手引き</a>' in home  # beside the account link

    response = client.get(GUIDE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "編集の手引き" in html
    for step in (
        "広報部会の承認に提出する",
        "公開の予定を設定",
        "説明文",
        "装飾用の画像",
        "修正を依頼",
    ):
        assert step in html, step
    assert english_on(html) == []


@pytest.mark.django_db
def test_the_guide_is_for_staff_only(client):
    response = client.get(GUIDE)
    assert response.status_code == 302 and "/admin/login/" in response.url


@pytest.mark.django_db
def test_the_root_collection_has_a_japanese_name(admin_client):
    root = Collection.get_first_root_node()
    assert root.name == "共通"
    root.add_child(name="会員資料")  # with a second collection, the upload form offers a choice
    html = admin_client.get("/admin/images/multiple/add/").content.decode()
    select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": "collection"})
    assert [option.get_text(strip=True) for option in select.find_all("option")][0] == "共通"
    assert "Root" not in html


@pytest.mark.django_db
def test_keyboard_shortcuts_read_as_japanese_manuals_write_them(client, kyushu_editor):
    client.force_login(kyushu_editor)
    html = client.get("/admin/").content.decode()
    dialog = str(BeautifulSoup(html, "html.parser").find(id="keyboard-shortcuts-dialog"))
    assert "Ctrl キーを押しながら S キーを押します" in dialog
    assert "<kbd>Ctrl</kbd> + <kbd>S</kbd>" in dialog  # save: capital S, as on the key
    assert "<kbd>Esc</kbd> キー" in dialog
    assert "Ctrl + s" not in dialog


@pytest.mark.django_db
def test_the_root_page_has_a_japanese_title(admin_client):
    root = Page.get_first_root_node()
    assert root.title == root.draft_title == "サイト全体"
    html = admin_client.get(f"/admin/pages/{root.pk}/").content.decode()
    assert "サイト全体" in html
    assert "Root" not in BeautifulSoup(html, "html.parser").title.get_text()
