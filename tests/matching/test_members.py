"""Members see more than the public where the organisation allows it: needs and seeds shown
to members, the seeds' contact points; never an anonymous seed, never a respondent's details.
Their pages are their own (never kept in a shared cache). Seed photos and documents."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from matching.models import SeedDocument, SeedPhoto, Stage
from tests.members.factories import MemberAccountFactory, MemberOrganisationFactory

from .factories import MatchingFactory, NeedFactory, SeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = MemberAccountFactory().user
    client.force_login(user)
    return user


@pytest.fixture
def contents():
    return {
        "public_need": NeedFactory(theme="公開の堤防点検ニーズ"),
        "members_need": NeedFactory(
            theme="会員向けの岸壁点検ニーズ",
            is_public=False,
            shown_to_members=True,
            contact_name="回答 花子",
            contact_email="hanako@example.jp",
        ),
        "private_need": NeedFactory(theme="非公開の砂防ニーズ", is_public=False),
        "public_seed": SeedFactory(
            technology="公開の衛星監視",
            contact_department="営業部 窓口課",
            contact_email="madoguchi@example.jp",
            contact_phone="03-0000-0000",
        ),
        "members_seed": SeedFactory(
            technology="会員向けのレーダ検査", is_public=False, shown_to_members=True
        ),
        "anonymous_seed": SeedFactory(
            technology="匿名の水中ロボット", anonymous=True, shown_to_members=True
        ),
    }


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def test_visitors_see_the_public_needs_and_seeds_only(client, matching_index, contents):
    needs = html(client, "/matching/needs/")
    seeds = html(client, "/matching/seeds/")

    assert "公開の堤防点検ニーズ" in needs
    assert "会員向けの岸壁点検ニーズ" not in needs and "非公開の砂防ニーズ" not in needs
    assert "公開の衛星監視" in seeds
    assert "会員向けのレーダ検査" not in seeds and "匿名の水中ロボット" not in seeds
    assert client.get(f"/matching/needs/{contents['members_need'].pk}/").status_code == 404
    assert client.get(f"/matching/seeds/{contents['members_seed'].pk}/").status_code == 404


def test_members_also_see_what_organisations_let_members_see(
    client, matching_index, contents, member
):
    needs = html(client, "/matching/needs/")
    seeds = html(client, "/matching/seeds/")

    assert "公開の堤防点検ニーズ" in needs and "会員向けの岸壁点検ニーズ" in needs
    assert "会員限定" in needs
    assert "非公開の砂防ニーズ" not in needs
    assert "公開の衛星監視" in seeds and "会員向けのレーダ検査" in seeds
    assert "匿名の水中ロボット" not in seeds
    page = html(client, f"/matching/needs/{contents['members_need'].pk}/")
    assert "会員向けの岸壁点検ニーズ" in page
    # The respondent's details are for the admin only, members or not.
    assert "回答 花子" not in page and "hanako@example.jp" not in page
    assert "会員向けのレーダ検査" in html(client, f"/matching/seeds/{contents['members_seed'].pk}/")
    html(client, f"/matching/needs/{contents['private_need'].pk}/", status=404)
    html(client, f"/matching/seeds/{contents['anonymous_seed'].pk}/", status=404)


def test_the_filters_count_what_members_see(client, matching_index, contents, member):
    page = html(client, "/matching/needs/")
    assert ">河川（2件）<" in page


def test_a_seeds_contact_point_is_for_members_only(client, matching_index, contents):
    url = f"/matching/seeds/{contents['public_seed'].pk}/"
    page = html(client, url)
    assert "madoguchi@example.jp" not in page and "03-0000-0000" not in page
    assert "ログインした会員にだけ表示します" in page

    client.force_login(MemberAccountFactory().user)
    page = html(client, url)
    assert "営業部 窓口課" in page and "madoguchi@example.jp" in page and "03-0000-0000" in page


def test_a_former_member_sees_what_the_public_sees(client, matching_index, contents):
    organisation = MemberOrganisationFactory(
        joined_on=datetime.date(2020, 4, 1), left_on=datetime.date(2021, 4, 1)
    )
    client.force_login(MemberAccountFactory(organisation=organisation).user)

    assert "会員向けの岸壁点検ニーズ" not in html(client, "/matching/needs/")
    page = html(client, f"/matching/seeds/{contents['public_seed'].pk}/")
    assert "madoguchi@example.jp" not in page


def test_members_pages_are_private_and_never_served_to_visitors_from_the_cache(
    client, matching_index, contents, member, settings
):
    from django.test import Client

    settings.PAGE_CACHE_ENABLED = True
    for url in ("/matching/needs/", f"/matching/seeds/{contents['public_seed'].pk}/"):
        response = client.get(url)
        assert "private" in response["Cache-Control"]
        visitor = Client()
        visitor.get(url)
        page = visitor.get(url).content.decode()
        assert "会員向けの岸壁点検ニーズ" not in page and "madoguchi@example.jp" not in page


def test_a_needs_page_names_the_seeds_members_may_see(client, matching_index, contents, member):
    matching = MatchingFactory(
        need=contents["public_need"],
        seeds=[contents["members_seed"], contents["anonymous_seed"]],
    )
    matching.reach(Stage.CONSIDERED)
    url = f"/matching/needs/{contents['public_need'].pk}/"

    page = html(client, url)
    assert "会員向けのレーダ検査" in page and "匿名の水中ロボット" not in page
    client.logout()
    page = html(client, url)
    assert "会員向けのレーダ検査" not in page and "非公開のシーズ" in page


def document(title, collection=None):
    item = Document(title=title, collection=collection or Collection.get_first_root_node())
    item.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4 seed"), save=False)
    item.save()
    return item


def test_a_seeds_page_shows_its_photos_and_documents(client, matching_index):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    seed = SeedFactory(technology="衛星による堤防の監視")
    image = Image.objects.create(title="堤防の写真", file=get_test_image_file())
    SeedPhoto.objects.create(seed=seed, image=image, caption="観測した堤防")
    members_only = Collection.get_first_root_node().add_child(name="会員専用資料")
    CollectionViewRestriction.objects.create(collection=members_only, restriction_type="login")
    SeedDocument.objects.create(seed=seed, document=document("技術資料"), sort_order=0)
    SeedDocument.objects.create(
        seed=seed, document=document("会員向け価格表", members_only), sort_order=1
    )

    page = html(client, f"/matching/seeds/{seed.pk}/")
    assert "観測した堤防" in page and "<img" in page
    assert "技術資料" in page and "会員向け価格表" not in page

    client.force_login(MemberAccountFactory().user)
    page = html(client, f"/matching/seeds/{seed.pk}/")
    assert "技術資料" in page and "会員向け価格表" in page


def test_a_seeds_page_takes_the_same_queries_however_many_documents(
    client, matching_index, django_assert_max_num_queries
):
    seed = SeedFactory()
    SeedDocument.objects.create(seed=seed, document=document("資料0"))
    url = f"/matching/seeds/{seed.pk}/"
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(1, 8):
        SeedDocument.objects.create(seed=seed, document=document(f"資料{n}"), sort_order=n)
    with django_assert_max_num_queries(len(few)):
        assert "資料7" in client.get(url).content.decode()


def test_a_seed_without_a_contact_point_names_the_secretariat_to_ask(
    client, matching_index, contents, home_page
):
    # It said 「フォーラムの事務局におたずねください」, though a seed belongs to no forum.
    from website.models import SiteSettings

    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.secretariat_name = "インフラメンテナンス国民会議 事務局"
    site_settings.email = "info@example.jp"
    site_settings.save()
    ask = (
        'インフラメンテナンス国民会議 事務局（<a href="mailto:info@example.jp">info@example.jp</a>）'
        "におたずねください。"
    )
    url = f"/matching/seeds/{contents['members_seed'].pk}/"
    client.force_login(MemberAccountFactory().user)
    page = html(client, url)
    assert f"問い合わせ窓口は登録されていません。{ask}" in page
    client.logout()
    page = html(client, f"/matching/seeds/{contents['public_seed'].pk}/")
    assert f"会員でない方は、{ask}" in page
    assert "フォーラムの事務局" not in page
