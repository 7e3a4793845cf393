"""Editors get the same Japanese matching in the admin: pages, snippets, images, and the
listings searched in the database (registrations, bookings, slots, most snippets)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from casestudies.models import InfrastructureKind
from tests.events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories import ForumFactory, ImageFactory, StandardPageFactory
from tests.outreach.factories import BookingFactory


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


# --- listings searched in the database (not in the search index) --------------------------


@pytest.mark.django_db
def test_booking_search_matches_spellings_and_widths(admin_client):
    BookingFactory(school_name="釜石市立第一小学校", city="釜石市")
    BookingFactory(school_name="大船渡市立第2小学校", city="大船渡市")
    BookingFactory(school_name="ｶﾏｲｼ学園", city="遠野市")

    def schools(query):
        response = admin_client.get(reverse("lesson_bookings:index"), {"q": query})
        assert response.status_code == 200
        return {booking.school_name for booking in response.context["object_list"]}

    assert schools("第1小学校") == {"釜石市立第一小学校"}
    assert schools("第二小学校") == {"大船渡市立第2小学校"}
    assert schools("釜石 第一") == {"釜石市立第一小学校"}  # every word, in any field
    assert schools("ｶﾏｲｼ") == {"ｶﾏｲｼ学園"}  # as typed
    assert schools("第一 大船渡") == set()


@pytest.mark.django_db
def test_booking_search_finds_a_phrase_with_particles_by_its_content_words(admin_client):
    BookingFactory(school_name="第一小学校", city="釜石市")
    BookingFactory(school_name="遠野市立第一小学校", city="遠野市")

    def schools(query):
        response = admin_client.get(reverse("lesson_bookings:index"), {"q": query})
        assert response.status_code == 200
        return {booking.school_name for booking in response.context["object_list"]}

    # Each content word in any field (釜石 is the city), in any spelling (第1 = 第一).
    assert schools("釜石の第1小学校") == {"第一小学校"}
    assert schools("遠野市立の小学校") == {"遠野市立第一小学校"}
    assert schools("第一小学校") == {"第一小学校", "遠野市立第一小学校"}
    assert schools("盛岡の第一小学校") == set()


@pytest.mark.django_db
def test_registration_search_is_japanese_and_personal_fields_need_the_permission(
    client, django_user_model, home_page
):
    from tests.events.test_admin import staff_user

    event_index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=event_index, title="橋の点検", registration_mode="site")
    RegistrationFactory(event=event, name="山田 太郎", affiliation="子ども会")
    RegistrationFactory(event=event, name="佐藤 花子", affiliation="町内会")

    def names(query):
        response = client.get(reverse("event_registrations:index"), {"q": query})
        assert response.status_code == 200
        return {registration.name for registration in response.context["object_list"]}

    client.force_login(staff_user(django_user_model, personal_data=True))
    assert names("子供会") == {"山田 太郎"}
    assert names("子ども会") == {"山田 太郎"}
    client.logout()
    django_user_model.objects.filter(username="event-staff").delete()
    Group.objects.all().delete()
    client.force_login(staff_user(django_user_model, personal_data=False))
    assert names("子ども会") == set()  # who registered stays hidden
    assert names("山田") == set()


@pytest.mark.django_db
def test_snippet_listing_search_matches_spellings(admin_client):
    InfrastructureKind.objects.create(name="橋りょう（試験）", slug="bridge-test", sort_order=1)
    response = admin_client.get("/admin/snippets/casestudies/infrastructurekind/", {"q": "橋梁"})
    assert response.status_code == 200
    assert "橋りょう（試験）" in response.content.decode()


def test_wagtail_still_has_the_listing_search_this_replaces():
    from wagtail.admin.views.generic.base import BaseListingView

    from website.search import admin

    assert BaseListingView.search_queryset is admin.search_queryset
    assert admin._wagtail_search_queryset.__qualname__ == "BaseListingView.search_queryset"
