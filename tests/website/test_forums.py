import pytest

from tests.factories import ForumFactory, prefecture
from website.models import Forum, Prefecture


@pytest.mark.django_db
def test_prefectures_are_loaded_with_their_regional_block():
    assert Prefecture.objects.count() == 47
    assert prefecture("27").name == "大阪府"
    assert prefecture("27").region == "kinki"
    assert prefecture("47").region == "okinawa"


@pytest.mark.django_db
def test_forum_pages_list_forums_and_show_one(client, home_page):
    kinki = ForumFactory(
        name="近畿本部フォーラム",
        slug="kinki",
        regional=True,
        prefectures=[prefecture("26"), prefecture("27")],
    )
    ForumFactory(name="市民参画フォーラム", slug="citizen-participation")
    response = client.get("/forums/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "近畿本部フォーラム" in html and "市民参画フォーラム" in html

    response = client.get(kinki.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "京都府、大阪府" in html
    assert "地方フォーラム" in html
    assert client.get("/forums/no-such-forum/").status_code == 404


@pytest.mark.django_db
def test_editor_manages_forums_as_snippets(admin_client):
    response = admin_client.get("/admin/snippets/website/forum/")
    assert response.status_code == 200
    response = admin_client.post(
        "/admin/snippets/website/forum/add/",
        {
            "name": "四国フォーラム",
            "slug": "shikoku",
            "kind": "regional",
            "short_description": "四国4県のフォーラムです。",
            "prefectures": ["36", "37", "38", "39"],
            "website_url": "",
            "sort_order": "18",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    forum = Forum.objects.get(slug="shikoku")
    assert forum.is_regional
    assert sorted(forum.prefectures.values_list("code", flat=True)) == ["36", "37", "38", "39"]
