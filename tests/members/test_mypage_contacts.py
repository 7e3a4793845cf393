"""A member's page: their organisation's contact people (担当者), kept up to date by its own
members; others' contacts are never shown or changed."""

import pytest
from django.urls import reverse

from members.models import ContactPerson
from tests.members.factories import ContactPersonFactory

pytestmark = pytest.mark.django_db

URL = "/member-account/mypage/contacts/"


def management(total, initial=0, prefix="contacts"):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "5",
    }


def test_members_add_change_and_remove_their_contacts(client, kinki_member):
    organisation = kinki_member.member_account.organisation
    client.force_login(kinki_member)
    page = client.get(URL)
    assert page.status_code == 200 and "private" in page["Cache-Control"]
    assert "<h1>担当者の連絡先</h1>" in page.content.decode()

    added = client.post(
        URL,
        {
            **management(1),
            "contacts-0-name": "保全 一郎",
            "contacts-0-department": "技術部",
            "contacts-0-email": "ichiro@kinki-hozen.example.jp",
            "contacts-0-phone": "06-0000-0000",
        },
    )
    assert added.status_code == 302 and added["Location"] == reverse("members_mypage")
    contact = ContactPerson.objects.get(organisation=organisation)
    mypage = client.get(reverse("members_mypage")).content.decode()
    assert "保全 一郎（技術部）" in mypage and "担当者の連絡先を更新しました。" in mypage

    changed = client.post(
        URL,
        {
            **management(1, initial=1),
            "contacts-0-id": contact.pk,
            "contacts-0-name": "保全 一郎",
            "contacts-0-email": "ichiro.hozen@kinki-hozen.example.jp",
            "contacts-0-DELETE": "",
        },
    )
    assert changed.status_code == 302
    contact.refresh_from_db()
    assert contact.email == "ichiro.hozen@kinki-hozen.example.jp"

    client.post(
        URL,
        {
            **management(1, initial=1),
            "contacts-0-id": contact.pk,
            "contacts-0-name": "保全 一郎",
            "contacts-0-DELETE": "on",
        },
    )
    assert not ContactPerson.objects.filter(organisation=organisation).exists()


def test_a_mistake_keeps_what_was_typed_and_stores_nothing(client, kinki_member):
    client.force_login(kinki_member)
    response = client.post(
        URL,
        {
            **management(2),
            "contacts-0-name": "保全 一郎",
            "contacts-0-email": "ichiro@kinki-hozen.example.jp",
            "contacts-1-name": "保全 二郎",
            "contacts-1-email": "jiro@",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>入力エラー：" in html
    assert (
        "2人目のメールアドレス：メールアドレスを name@example.jp の形で入力してください。" in html
    )
    assert 'value="jiro@"' in html and 'value="保全 一郎"' in html
    assert not ContactPerson.objects.exists()


def test_another_organisations_contacts_are_neither_shown_nor_changed(
    client, kinki_member, kyushu_member
):
    theirs = ContactPersonFactory(
        organisation=kyushu_member.member_account.organisation, name="九州 花子"
    )
    client.force_login(kinki_member)
    assert "九州 花子" not in client.get(URL).content.decode()
    assert "九州 花子" not in client.get(reverse("members_mypage")).content.decode()
    # A tampered form naming another organisation's contact changes nothing (the formset
    # only knows this organisation's contacts) and creates nothing.
    client.post(
        URL,
        {**management(1, initial=1), "contacts-0-id": theirs.pk, "contacts-0-name": "乗っ取り"},
    )
    client.post(
        URL,
        {
            **management(1, initial=1),
            "contacts-0-id": theirs.pk,
            "contacts-0-name": "九州 花子",
            "contacts-0-DELETE": "on",
        },
    )
    theirs.refresh_from_db()
    assert (
        theirs.name == "九州 花子"
        and theirs.organisation == kyushu_member.member_account.organisation
    )


def test_only_logged_in_members_open_it(client, django_user_model):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    user = django_user_model.objects.create_user("someone", "someone@example.jp", "pw-x-12345")
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_contacts_are_checked_in_the_sites_words_and_nothing_half_saved(client, kinki_member):
    client.force_login(kinki_member)
    typed = {
        **management(1),
        "contacts-0-name": "",
        "contacts-0-department": "技術部",
        "contacts-0-email": "ichiro@kinki-hozen.example.jp",
        "contacts-0-phone": "abc",
    }
    response = client.post(URL, typed)
    html = response.content.decode()
    assert response.status_code == 200
    assert "氏名を入力してください。" in html
    assert "この項目は必須です" not in html
    assert "03-1234-5678 や 090-1234-5678 のように市外局番から入力してください。" in html
    assert 'value="ichiro@kinki-hozen.example.jp"' in html  # kept as typed
    assert not ContactPerson.objects.exists()

    typed.update({"contacts-0-name": "保全 一郎", "contacts-0-phone": "０６－００００－００００"})
    assert client.post(URL, typed).status_code == 302
    assert ContactPerson.objects.get().phone == "06-0000-0000"


def test_the_empty_row_offers_no_delete_and_an_unchanged_form_says_so(client, kinki_member):
    ContactPersonFactory(organisation=kinki_member.member_account.organisation)
    client.force_login(kinki_member)
    html = client.get(URL).content.decode()
    assert html.count('name="contacts-0-DELETE"') == 1
    assert 'name="contacts-1-DELETE"' not in html  # the row to add someone

    contact = ContactPerson.objects.get()
    unchanged = {
        **management(2, initial=1),
        "contacts-0-id": str(contact.pk),
        "contacts-0-name": contact.name,
        "contacts-0-department": contact.department,
        "contacts-0-email": contact.email,
        "contacts-0-phone": contact.phone,
    }
    response = client.post(URL, unchanged, follow=True)
    html = response.content.decode()
    assert "変更はありませんでした" in html and "更新しました" not in html


def test_contacts_typed_in_full_width_are_kept_as_the_public_forms_keep_them(client, kinki_member):
    client.force_login(kinki_member)
    response = client.post(
        URL,
        {
            **management(1),
            "contacts-0-name": "　保全　一郎　",
            "contacts-0-department": "技術部",
            "contacts-0-email": "ｉｃｈｉｒｏ＠ｋｉｎｋｉ－ｈｏｚｅｎ．ｅｘａｍｐｌｅ．ｊｐ",
            "contacts-0-phone": "０６－００００－００００",
        },
    )
    assert response.status_code == 302
    contact = ContactPerson.objects.get()
    assert contact.name == "保全 一郎"
    assert contact.email == "ichiro@kinki-hozen.example.jp"


def test_the_profile_says_who_reads_the_description(client, kinki_member):
    # It said 「紹介文（公開）」 while the directory it goes in is for members only.
    client.force_login(kinki_member)
    html = client.get("/member-account/mypage/").content.decode()
    assert "紹介文（公開）" not in html
    assert "紹介文（会員名簿）" in html
    assert "会員名簿（ログインした会員だけが見るページ）に載せる紹介文" in html


def test_a_contact_needs_an_address_or_a_phone_and_the_row_to_add_someone_may_stay_empty(
    client, kinki_member
):
    client.force_login(kinki_member)
    html = client.get(URL).content.decode()
    # The empty row: nothing in it is required unless it is used.
    row = html.split("担当者を追加", 1)[1].split("</fieldset>", 1)[0]
    assert "（必須）" not in row

    only_a_name = {**management(1), "contacts-0-name": "保全 一郎"}
    response = client.post(URL, only_a_name)
    assert response.status_code == 200
    assert "メールアドレスか電話番号の、どちらかを入力してください。" in response.content.decode()
    assert 'value="保全 一郎"' in response.content.decode()
    assert not ContactPerson.objects.exists()

    no_name = {**management(1), "contacts-0-email": "ichiro@kinki-hozen.example.jp"}
    response = client.post(URL, no_name)
    assert "1人目の氏名：氏名を入力してください。" in response.content.decode()
    assert not ContactPerson.objects.exists()

    assert client.post(URL, {**only_a_name, "contacts-0-phone": "06-1234-5678"}).status_code == 302
    assert ContactPerson.objects.get().phone == "06-1234-5678"


def test_a_contact_removed_in_another_tab_asks_to_type_again_in_japanese(client, kinki_member):
    organisation = kinki_member.member_account.organisation
    gone = ContactPersonFactory(organisation=organisation, name="保全 一郎")
    kept = ContactPersonFactory(organisation=organisation, name="保全 花子")
    client.force_login(kinki_member)
    stale_form = {  # the page as a first tab showed it, with a change typed in
        **management(3, initial=2),
        "contacts-0-id": gone.pk,
        "contacts-0-name": "保全 一郎",
        "contacts-0-department": "技術部",
        "contacts-0-email": "ichiro@example.jp",
        "contacts-1-id": kept.pk,
        "contacts-1-name": "保全 花子",
        "contacts-1-email": "hanako@example.jp",
    }
    gone.delete()  # removed in a second tab

    response = client.post(URL, stale_form, follow=True)

    html = response.content.decode()
    assert response.redirect_chain == [(URL, 302)]
    assert "別の画面で変更されていた" in html
    # not Django's message about the hidden field (「1人目のId：正しく選択してください…」); the
    # page's CSRF token is random, so "Id" alone may well be in it
    assert "のId" not in html and "正しく選択してください" not in html
    kept_before = (kept.name, kept.email)
    kept.refresh_from_db()
    assert organisation.contacts.count() == 1 and (kept.name, kept.email) == kept_before
