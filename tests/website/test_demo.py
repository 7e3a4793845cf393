import pytest
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Page, Site

from website.models import Forum, HomePage, StandardPage


@pytest.mark.django_db
def test_demo_loader_is_idempotent_and_every_page_renders(client, django_user_model):
    call_command("load_demo")
    counts = (
        Page.objects.count(),
        Forum.objects.count(),
        Image.objects.count(),
        django_user_model.objects.count(),
    )
    call_command("load_demo")
    assert (
        Page.objects.count(),
        Forum.objects.count(),
        Image.objects.count(),
        django_user_model.objects.count(),
    ) == counts

    assert Forum.objects.national().count() == 5
    assert Forum.objects.regional().count() == 10
    assert Forum.objects.get(slug="kinki").prefectures.filter(name="大阪府").exists()
    # One home page, and its English translation (issue 24).
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

    # The English version (issue 24): the home page, about, the forums list, the overseas
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
    assert client.get("/en/forums/kinki/").status_code == 404


def test_each_lesson_subject_gets_its_own_kind_of_picture():
    """Not one recoloured bridge for every subject (issue #23)."""
    from outreach.demo import LESSONS
    from website.demo import SCENES, scene_for

    scenes = [scene_for(f"出前授業「{spec['title']}」") for spec in LESSONS]
    assert len(set(scenes)) == len(scenes)
    assert scene_for("トンネルの点検") == "tunnel" and scene_for("下水道の管路") == "pipes"
    assert set(scenes) <= set(SCENES)
