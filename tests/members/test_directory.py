"""The members' directory (会員名簿): today's member organisations from the register, for
logged-in members only, without individuals' names or the secretariat's notes."""

import datetime

import pytest
from django.test import Client

from members.models import MembersDirectoryPage, OrganisationType
from tests.members.factories import MemberOrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(area, forums):
    page = area["index"].add_child(
        instance=MembersDirectoryPage(title="会員名簿", slug="directory", introduction="会員の一覧")
    )
    MemberOrganisationFactory(
        name="大阪橋梁コンサルタント株式会社",
        kana="オオサカキョウリョウ",
        prefecture_id="27",
        public_description="橋梁の点検と補修設計を行っています。",
        website_url="https://bridge.example.jp/",
        notes="事務局だけのメモ",
        forums=[forums[0]],
    )
    MemberOrganisationFactory(
        name="福岡みちまもりの会",
        kana="フクオカミチマモリ",
        type=OrganisationType.CITIZEN_GROUP,
        prefecture_id="40",
    )
    MemberOrganisationFactory(
        name="山田 花子", kana="ヤマダハナコ", type=OrganisationType.INDIVIDUAL
    )
    MemberOrganisationFactory(
        name="退会済み工業株式会社",
        joined_on=datetime.date(2018, 4, 1),
        left_on=datetime.date(2020, 4, 1),
    )
    return page


def logged_in(user):
    c = Client()
    c.force_login(user)
    return c


def test_members_see_todays_organisations_without_individuals_or_notes(directory, kinki_member):
    response = logged_in(kinki_member).get(directory.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "大阪橋梁コンサルタント株式会社" in html and "福岡みちまもりの会" in html
    assert "橋梁の点検と補修設計を行っています。" in html
    assert 'href="https://bridge.example.jp/"' in html and "近畿フォーラム" in html
    assert "近畿保全株式会社" in html  # the member's own organisation
    assert "山田 花子" not in html and "個人会員（1名）" in html
    assert "退会済み工業株式会社" not in html
    assert "事務局だけのメモ" not in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_in_kana_order_local_governments_by_the_lists_kana(directory, kinki_member, governments):
    from tests.members.factories import government_member

    government_member("131016")  # 千代田区, チヨダク: without kana of its own in the register
    html = logged_in(kinki_member).get(directory.url).content.decode()
    # オオサカ…, キンキ…(the fixture's テストケンセツ kana aside), チヨダク, フクオカ…
    order = ["大阪橋梁コンサルタント株式会社", "東京都千代田区", "福岡みちまもりの会"]
    positions = [html.index(f">{name}<") for name in order]
    assert positions == sorted(positions)


def test_filters_by_name_type_and_prefecture(directory, kinki_member):
    c = logged_in(kinki_member)
    by_kana = c.get(directory.url, {"q": "ｷｮｳﾘｮｳ"}).content.decode()  # half-width kana
    assert "大阪橋梁コンサルタント株式会社" in by_kana and "福岡みちまもりの会" not in by_kana
    by_type = c.get(directory.url, {"type": "citizen_group"}).content.decode()
    assert "福岡みちまもりの会" in by_type and "大阪橋梁" not in by_type
    by_prefecture = c.get(directory.url, {"prefecture": "40"}).content.decode()
    assert "福岡みちまもりの会" in by_prefecture and "大阪橋梁" not in by_prefecture
    junk = c.get(directory.url, {"type": "individual", "prefecture": "99"})
    assert junk.status_code == 200
    html = junk.content.decode()
    assert "この条件を外して表示しています" in html and "山田 花子" not in html


def test_a_too_long_name_is_explained_in_the_sites_words(directory, kinki_member):
    response = logged_in(kinki_member).get(directory.url, {"q": "橋" * 500})
    assert response.status_code == 200
    html = response.content.decode()
    assert "名称は50文字以内で入力してください（いま500文字です）。" in html
    assert "文字以下でなければなりません" not in html


def test_only_members_open_it(client, directory, kinki_member):
    response = client.get(directory.url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    organisation = kinki_member.member_account.organisation
    organisation.left_on = datetime.date.today()
    organisation.save()
    assert logged_in(kinki_member).get(directory.url).status_code == 403


def test_the_area_links_to_it(directory, kinki_member):
    html = logged_in(kinki_member).get(directory.url.rsplit("/", 2)[0] + "/").content.decode()
    assert f'href="{directory.url}"' in html


def test_queries_do_not_grow_with_the_number_of_members(
    directory, kinki_member, forums, django_assert_max_num_queries
):
    c = logged_in(kinki_member)
    c.get(directory.url)
    with django_assert_max_num_queries(60) as captured:
        c.get(directory.url)
    few = len(captured)
    for n in range(10):
        MemberOrganisationFactory(forums=[forums[n % 2]], prefecture_id="13")
    with django_assert_max_num_queries(few):
        assert c.get(directory.url).status_code == 200


@pytest.mark.parametrize(
    "value",
    ["\x00", "<script>alert(1)</script>", "' OR 1=1 --", "%_%", "ｷ" * 500, "9" * 40],
)
def test_hostile_filter_values_never_break_it(directory, kinki_member, value):
    c = logged_in(kinki_member)
    response = c.get(
        directory.url,
        {"q": value, "type": value, "prefecture": value, "forum": value, "page": value},
    )
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
