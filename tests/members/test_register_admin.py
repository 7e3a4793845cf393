"""The register in the admin: search by name or kana, CSV in Japanese Excel form, personal data."""

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import MemberOrganisation
from tests.factories import ForumFactory
from tests.members.factories import (
    ContactPersonFactory,
    MemberOrganisationFactory,
    government_member,
)

pytestmark = pytest.mark.django_db

INDEX = "wagtailsnippets_members_memberorganisation:list"
EXPORT = "wagtailsnippets_members_memberorganisation:export_register"
IMPORT = "wagtailsnippets_members_memberorganisation:import_register"
HEADER = "会員ID,会員種別,名称,名称（カナ）,都道府県,団体コード,入会日,退会日,参加フォーラム,紹介文,ウェブサイト"


def upload(admin_client, text, encoding="utf-8-sig"):
    data = SimpleUploadedFile("register.csv", text.encode(encoding), content_type="text/csv")
    return admin_client.post(reverse(IMPORT), {"file": data})


def test_search_by_name_or_kana(admin_client):
    MemberOrganisationFactory(name="株式会社みらい保全", kana="ミライホゼン")
    MemberOrganisationFactory(name="橋守の会", kana="ハシモリノカイ")
    html = admin_client.get(reverse(INDEX), {"q": "ミライ"}).content.decode()
    assert "株式会社みらい保全" in html and "橋守の会" not in html
    html = admin_client.get(reverse(INDEX), {"q": "橋守"}).content.decode()
    assert "橋守の会" in html and "株式会社みらい保全" not in html


def test_export_is_utf8_with_bom_and_japanese_headers(admin_client, governments):
    forum = ForumFactory(name="近畿インフラメンテナンスフォーラム")
    government_member("271004", joined_on=datetime.date(2019, 4, 1), forums=[forum])
    MemberOrganisationFactory(name='=HYPERLINK("x")', kana="ア")
    response = admin_client.get(reverse(EXPORT))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    text = response.content.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text)))
    assert ",".join(rows[0]) == HEADER
    osaka = next(row for row in rows if row[5] == "271004")
    assert osaka[1:5] == ["地方公共団体", "大阪府大阪市", "", "大阪府"]
    assert osaka[8] == "近畿インフラメンテナンスフォーラム"
    assert any(row[2] == '\'=HYPERLINK("x")' for row in rows)  # no formula in Excel


def test_export_then_import_round_trips(admin_client, governments):
    government_member("131016", joined_on=datetime.date(2018, 4, 1))
    exported = admin_client.get(reverse(EXPORT)).content
    response = admin_client.post(
        reverse(IMPORT), {"file": SimpleUploadedFile("r.csv", exported)}, follow=True
    )
    assert "追加 0 件、更新 1 件" in response.content.decode()
    assert MemberOrganisation.objects.count() == 1


def test_import_adds_and_updates_rows_in_shift_jis_too(admin_client, governments):
    forum = ForumFactory(name="全国フォーラム")
    existing = MemberOrganisationFactory(name="旧名称", kana="キュウ")
    text = "\r\n".join(
        [
            HEADER,
            f"{existing.pk},企業,新名称株式会社,シンメイショウ,東京都,,2020/04/01,,全国フォーラム,,",
            ",地方公共団体,千代田区,チヨダク,,131016,2021年4月1日,,,,",
        ]
    )
    response = upload(admin_client, text, encoding="cp932")
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.name == "新名称株式会社" and existing.prefecture_id == "13"
    assert list(existing.forums.all()) == [forum]
    chiyoda = MemberOrganisation.objects.get(local_government="131016")
    assert chiyoda.joined_on == datetime.date(2021, 4, 1)
    assert chiyoda.prefecture_id == "13"  # taken from the local government


def test_import_with_an_error_stores_nothing_and_names_each_row(admin_client, governments):
    text = "\n".join(
        [
            HEADER,
            ",企業,正しい会社,タダシイ,,,2021-04-01,,,,",
            ",銀行,種別違い,,,,2021-04-01,,,,",
            ",地方公共団体,コード違い,,,131017,2021-04-01,,,,",
            ",地方公共団体,コードなし,,,,2021-04-01,,,,",
            ",企業,日付違い,,,,2021-13-01,,,,",
            ",企業,退会が先,,,,2021-04-01,2020-04-01,,,",
            ",企業,フォーラム違い,,,,2021-04-01,,ない会議,,",
            ",企業,,,,,,,,,",
        ]
    )
    response = upload(admin_client, text)
    assert response.status_code == 200
    html = response.content.decode()
    assert "何も保存していません" in html
    for message in [
        "3行目：会員種別「銀行」は選べません",
        "4行目：団体コード「131017」は全国地方公共団体コードにありません。",
        "5行目：地方公共団体：地方公共団体の会員は、団体を選んでください。",
        "6行目：入会日「2021-13-01」を日付として読めません",
        "7行目：退会日：退会日は入会日より後の日付にしてください。",
        "8行目：参加フォーラム「ない会議」が見つかりません。",
        "9行目：「名称」が空欄です。",
    ]:
        assert message in html
    assert not MemberOrganisation.objects.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x81\x00\xff\xfe garbage", "文字コードが読めません"),
        ("名称,入会日\n".encode(), "1行目の見出しに"),
        (b"", "ファイルが空です"),
    ],
)
def test_unreadable_files_get_a_japanese_message(admin_client, content, message):
    data = SimpleUploadedFile("r.csv", content or b" ")
    response = admin_client.post(reverse(IMPORT), {"file": data})
    assert message in response.content.decode() or "空" in response.content.decode()
    assert not MemberOrganisation.objects.exists()


@pytest.fixture
def register_editor(django_user_model):
    user = django_user_model.objects.create_user(username="register", password="pw-12345-abc")
    group = Group.objects.create(name="会員担当")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="members", codename__endswith="memberorganisation"
        ),
        *Permission.objects.filter(
            content_type__app_label="members", codename__endswith="contactperson"
        ),
    )
    user.groups.add(group)
    return user


def test_contact_people_are_hidden_without_the_personal_data_permission(client, register_editor):
    contact = ContactPersonFactory(name="保全 花子", email="hanako@example.jp")
    client.force_login(register_editor)
    contacts = reverse("member_contacts:index")
    for url in (contacts, reverse("member_contacts:edit", args=[contact.pk])):
        response = client.get(url, follow=True)
        assert "保全 花子" not in response.content.decode()
        assert response.redirect_chain  # Wagtail sends them back with "permission denied"
    html = client.get(reverse(INDEX)).content.decode()
    assert contact.organisation.name in html and "保全 花子" not in html

    register_editor.groups.first().permissions.add(
        Permission.objects.get(codename="view_contact_personal_data")
    )
    client.force_login(register_editor)
    html = client.get(contacts).content.decode()
    assert "保全 花子" in html and "hanako@example.jp" in html


def test_the_member_chooser_searches_by_name_or_kana(admin_client):
    MemberOrganisationFactory(name="株式会社みらい保全", kana="ミライホゼン")
    MemberOrganisationFactory(name="橋守の会", kana="ハシモリノカイ")
    url = reverse("wagtailsnippetchoosers_members_memberorganisation:choose_results")
    html = admin_client.get(url, {"q": "ﾐﾗｲ"}).content.decode()  # half-width kana too
    assert "株式会社みらい保全" in html and "橋守の会" not in html


def test_the_secretariat_keeps_the_register_with_its_contacts(client, django_user_model):
    contact = ContactPersonFactory(name="保全 花子", email="hanako@example.jp")
    secretariat = django_user_model.objects.create_user("jimukyoku", password="x")
    secretariat.groups.add(Group.objects.get(name="事務局"))
    client.force_login(secretariat)
    html = client.get(reverse(INDEX)).content.decode()
    assert contact.organisation.name in html
    html = client.get(reverse("member_contacts:index")).content.decode()
    assert "保全 花子" in html and "hanako@example.jp" in html
    # 広報部会 approves content: the register's contacts are not theirs to read.
    reviewer = django_user_model.objects.create_user("koho", password="x")
    reviewer.groups.add(Group.objects.get(name="広報部会"))
    client.force_login(reviewer)
    response = client.get(reverse("member_contacts:index"), follow=True)
    assert "hanako@example.jp" not in response.content.decode()


def test_a_members_page_lists_its_contacts_to_those_who_may_see_them(client, register_editor):
    contact = ContactPersonFactory(name="保全 花子", email="hanako@example.jp", phone="")
    ContactPersonFactory(name="よその 人")  # another member's
    edit = reverse(
        "wagtailsnippets_members_memberorganisation:edit", args=[contact.organisation.pk]
    )
    client.force_login(register_editor)
    html = client.get(edit).content.decode()
    assert "担当者（個人情報）" not in html and "保全 花子" not in html

    register_editor.groups.first().permissions.add(
        Permission.objects.get(codename="view_contact_personal_data")
    )
    client.force_login(register_editor)
    html = client.get(edit).content.decode()
    assert "担当者（個人情報）" in html
    assert f'<a href="{reverse("member_contacts:edit", args=[contact.pk])}">保全 花子</a>' in html
    assert 'href="mailto:hanako@example.jp"' in html
    assert "よその 人" not in html

    empty = MemberOrganisationFactory()
    html = client.get(
        reverse("wagtailsnippets_members_memberorganisation:edit", args=[empty.pk])
    ).content.decode()
    assert "担当者は登録されていません。" in html


def test_the_register_keeps_dates_and_membership_on_one_line(admin_client):
    MemberOrganisationFactory(name="あおば建設株式会社", joined_on=datetime.date(2017, 12, 24))
    MemberOrganisationFactory(
        name="旧会員株式会社",
        joined_on=datetime.date(2016, 11, 28),
        left_on=datetime.date(2020, 3, 31),
    )
    html = admin_client.get(reverse(INDEX), {"ordering": "joined_on"}).content.decode()
    # At 1280 px 「2017年12月24日」 broke before its 日, and 「在籍中」 over two lines.
    assert re.search(r'<td class="w-whitespace-nowrap">\s*2017年12月24日\s*</td>', html)
    assert re.search(r'<td class="w-whitespace-nowrap">\s*2020年3月31日\s*</td>', html)
    assert re.search(r'<span class="w-status w-status--primary">\s*在籍中\s*</span>', html)
    assert re.search(r'<span class="w-status w-status--primary">\s*退会\s*</span>', html)
    assert html.index("旧会員株式会社") < html.index("あおば建設株式会社")  # sorted by 入会日
