"""The public needs and seeds pages invite member organisations to offer their technology,
and show a seed's owner the way to change it, without handing anything of a member to a
visitor through a shared cache."""

import pytest
from django.test import Client

from tests.members.factories import MemberOrganisationFactory

from .factories import NeedFactory, SeedFactory

pytestmark = pytest.mark.django_db

FORM = 'href="/member-account/seeds/new/"'
LOGIN_FIRST = 'href="/accounts/login/?next=%2Fmember-account%2Fseeds%2Fnew%2F"'


@pytest.fixture
def organisation():
    return MemberOrganisationFactory(name="近畿保全テック株式会社")


@pytest.fixture
def need():
    return NeedFactory(theme="橋梁床版の劣化把握")


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def offer_urls(need):
    return ("/matching/", "/matching/seeds/", f"/matching/needs/{need.pk}/")


def test_visitors_are_invited_to_log_in_and_offer_a_seed(client, matching_index, need):
    for url in offer_urls(need):
        page = html(client, url)
        assert f"{LOGIN_FIRST}>会員ページからシーズを登録</a>できます。" in page
        assert FORM not in page
    page = html(client, f"/matching/needs/{need.pk}/")
    assert "この課題に役立つ技術をお持ちの会員の方は、" in page


def test_members_go_straight_to_the_form_on_a_page_of_their_own(
    client, matching_index, need, owner
):
    for url in offer_urls(need):
        response = client.get(url)
        page = response.content.decode()
        assert FORM in page and LOGIN_FIRST not in page
        assert "private" in response["Cache-Control"]

    response = client.get("/member-account/seeds/new/")
    assert response.status_code == 200


def test_an_owner_finds_the_edit_link_on_its_own_seeds_page_only(
    client, matching_index, organisation, owner
):
    own = SeedFactory(member=organisation, technology="自社の床版検査")
    other = SeedFactory(member=MemberOrganisationFactory(), technology="他社の技術")

    page = html(client, f"/matching/seeds/{own.pk}/")
    assert f'href="/member-account/seeds/{own.pk}/edit/">編集する</a>' in page
    page = html(client, f"/matching/seeds/{other.pk}/")
    assert "/edit/" not in page and "貴団体が登録したシーズです" not in page


def test_a_visitor_never_gets_the_owners_edit_link_even_from_the_page_cache(
    client, matching_index, need, organisation, owner, settings
):
    settings.PAGE_CACHE_ENABLED = True
    seed = SeedFactory(member=organisation, technology="自社の床版検査")
    url = f"/matching/seeds/{seed.pk}/"

    response = client.get(url)
    assert f"/member-account/seeds/{seed.pk}/edit/" in response.content.decode()
    assert "private" in response["Cache-Control"]
    # The index page also shows a member their own link to the form: never kept for others.
    assert "private" in client.get("/matching/")["Cache-Control"]

    visitor = Client()
    for address in (url, "/matching/"):
        visitor.get(address)
        response = visitor.get(address)
        assert response["X-Cache"] == "HIT"
        page = response.content.decode()
        assert "/edit/" not in page and "貴団体が登録したシーズです" not in page
        assert FORM not in page
    assert LOGIN_FIRST in page
