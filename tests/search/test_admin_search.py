"""Editors get the same Japanese matching in the admin: pages, snippets and images."""

import pytest

from tests.factories import ForumFactory, ImageFactory, StandardPageFactory


@pytest.mark.django_db
def test_page_explorer_search_finds_japanese_words_in_titles(admin_client, home_page):
    StandardPageFactory(parent=home_page, title="市内の橋梁を定期点検しました")
    StandardPageFactory(parent=home_page, title="小学校で出前授業")
    StandardPageFactory(parent=home_page, title="ｽﾏｰﾄﾒﾝﾃﾅﾝｽ", live=False)

    def titles(query):
        response = admin_client.get("/admin/pages/search/", {"q": query})
        assert response.status_code == 200
        return {page.title for page in response.context["pages"]}

    assert titles("橋梁") == {"市内の橋梁を定期点検しました"}
    assert titles("点検") == {"市内の橋梁を定期点検しました"}
    assert titles("出前授業") == {"小学校で出前授業"}
    assert titles("授業前出") == set()
    assert titles("スマート") == {"ｽﾏｰﾄﾒﾝﾃﾅﾝｽ"}  # drafts too: editors search everything
    assert titles('"出前授業" 小学校') == {"小学校で出前授業"}


@pytest.mark.django_db
def test_snippet_listing_search_finds_japanese_words(admin_client):
    ForumFactory(name="近畿ブロックインフラメンテナンス協議会", slug="kinki")
    ForumFactory(name="革新的技術フォーラム", slug="innovative-tech")
    response = admin_client.get("/admin/snippets/website/forum/", {"q": "近畿"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "近畿ブロックインフラメンテナンス協議会" in html
    assert "革新的技術フォーラム" not in html


@pytest.mark.django_db
def test_image_library_search_finds_japanese_words(admin_client):
    ImageFactory(title="橋梁点検の様子")
    ImageFactory(title="出前授業の様子")
    response = admin_client.get("/admin/images/", {"q": "点検"})
    assert response.status_code == 200
    titles = {image.title for image in response.context["page_obj"]}
    assert titles == {"橋梁点検の様子"}


@pytest.mark.django_db
def test_page_chooser_search_finds_japanese_words(admin_client, home_page):
    StandardPageFactory(parent=home_page, title="道路パトロールの報告")
    response = admin_client.get("/admin/choose-page/search/", {"q": "道路"})
    assert response.status_code == 200
    assert "道路パトロールの報告" in response.content.decode()
