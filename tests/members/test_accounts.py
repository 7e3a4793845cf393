"""Members' accounts: invitation, password, log in and out in Japanese, brute-force lockout,
no admin for members."""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse

from members.models import MemberAccount
from tests.members.conftest import PASSWORD
from tests.members.factories import MemberOrganisationFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def invite(admin_client, capture, email="new.member@example.jp"):
    organisation = MemberOrganisationFactory(name="保全テック株式会社")
    with capture(execute=True):
        response = admin_client.post(
            reverse("member_accounts:add"),
            {"email": email, "name": "保全 次郎", "organisation": organisation.pk},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return MemberAccount.objects.get(user__email=email)


def link_in(message):
    return re.search(r"https?://\S+/member-account/invitation/\S+/", message.body).group(0)


def test_the_secretariat_invites_and_the_person_sets_a_password(
    admin_client, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://www.example.jp"
    account = invite(admin_client, django_capture_on_commit_callbacks)
    assert account.invited_at and account.activated_at is None
    assert not account.user.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["new.member@example.jp"]
    assert "会員専用ページへのご招待" in message.subject and "保全テック株式会社" in message.body
    path = link_in(message).removeprefix("https://www.example.jp")

    visitor = Client()
    page = visitor.get(path)
    assert "パスワードの設定" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    mismatch = visitor.post(path, {"password1": PASSWORD, "password2": "other-one-2026"})
    assert "2つのパスワードが一致しません。" in mismatch.content.decode()
    weak = visitor.post(path, {"password1": "12345678", "password2": "12345678"})
    assert weak.status_code == 200 and "パスワード" in weak.content.decode()
    done = visitor.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("members_mypage")
    account.refresh_from_db()
    assert account.activated_at is not None
    mypage = visitor.get(reverse("members_mypage")).content.decode()
    assert "保全テック株式会社（企業）としてログインしています" in mypage

    # The link works once.
    assert Client().get(path).status_code == 400


def test_a_wrong_or_altered_link_is_refused_in_japanese(client):
    response = client.get("/member-account/invitation/MQ/abc-def/")
    assert response.status_code == 400
    assert "この招待リンクは、使用済みか" in response.content.decode()


def test_an_address_is_invited_only_once(admin_client, django_capture_on_commit_callbacks):
    invite(admin_client, django_capture_on_commit_callbacks)
    organisation = MemberOrganisationFactory()
    response = admin_client.post(
        reverse("member_accounts:add"),
        {"email": "NEW.member@example.jp", "name": "", "organisation": organisation.pk},
    )
    assert "このメールアドレスのアカウントはすでにあります。" in response.content.decode()


def test_members_log_in_with_their_address_and_log_out(client, kinki_member):
    page = client.get(LOGIN).content.decode()
    assert "会員ログイン" in page
    assert (
        '<label for="id_login">メールアドレス' in page
        and '<label for="id_password">パスワード' in page
    )
    response = client.post(LOGIN, {"login": kinki_member.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("members_mypage")
    mypage = client.get(reverse("members_mypage")).content.decode()
    assert "近畿保全株式会社" in mypage
    # Said once, by the page itself: not again by a message above it.
    assert "としてログインしました" not in mypage
    assert "ログアウトしますか" in client.get("/accounts/logout/").content.decode()
    client.post("/accounts/logout/")
    assert client.get(reverse("members_mypage")).status_code == 302


def test_a_wrong_password_is_answered_in_japanese(client, kinki_member):
    response = client.post(LOGIN, {"login": kinki_member.email, "password": "wrong"})
    assert response.status_code == 200
    assert (
        "入力されたメールアドレスもしくはパスワードが正しくありません。"
        in response.content.decode()
    )


def test_five_wrong_passwords_lock_the_address_out(kinki_member, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    client = Client(REMOTE_ADDR="192.0.2.44")
    for _ in range(4):
        assert client.post(LOGIN, {"login": kinki_member.email, "password": "x"}).status_code == 200
    locked = client.post(LOGIN, {"login": kinki_member.email, "password": "x"})
    assert locked.status_code == 429
    assert "ログインを一時的に停止しています" in locked.content.decode()
    # A member resets the password on the members' pages, not the admin's.
    assert '<a href="/accounts/password/reset/">パスワードの再設定</a>' in locked.content.decode()
    assert "管理画面" not in locked.content.decode()
    right = client.post(LOGIN, {"login": kinki_member.email, "password": PASSWORD})
    assert right.status_code == 429  # even the right password, for a while
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username=kinki_member.email).exists()


def test_password_reset_and_change_are_in_japanese(client, kinki_member):
    response = client.post("/accounts/password/reset/", {"email": kinki_member.email})
    assert response.status_code == 302
    assert "メールを送りました" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    client.force_login(kinki_member)
    page = client.get("/accounts/password/change/").content.decode()
    assert "パスワードの変更" in page and "現在のパスワード" in page


def test_the_password_forms_use_the_sites_words(client, kinki_member):
    page = client.get("/accounts/password/reset/").content.decode()
    assert '<label for="id_email">メールアドレス' in page and "Eメール" not in page
    client.force_login(kinki_member)
    page = client.get("/accounts/password/change/").content.decode()
    assert "新しいパスワード（確認用）" in page and "(再入力)" not in page
    assert "パスワードをお忘れですか？" in page


def test_a_wrong_current_password_is_called_wrong_not_missing(client, kinki_member):
    kinki_member.set_password("right-horse-battery-1")
    kinki_member.save()
    client.force_login(kinki_member)
    typed = {
        "oldpassword": "wrong-horse-battery-1",
        "password1": "new-staple-battery-22",
        "password2": "new-staple-battery-22",
    }
    response = client.post("/accounts/password/change/", typed)
    assert response.status_code == 200
    assert "現在のパスワードが正しくありません。" in response.content.decode()
    kinki_member.refresh_from_db()
    assert kinki_member.check_password("right-horse-battery-1")


def test_nobody_signs_up_by_themselves(client):
    response = client.get("/accounts/signup/")
    assert response.status_code in (200, 403)
    assert (
        "新規登録" not in response.content.decode()
        or "受け付けていません" in response.content.decode()
    )


def test_members_never_see_the_admin(client, kinki_member):
    client.force_login(kinki_member)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert "/admin/login/" in response.get("Location", "/admin/login/")


def test_members_edit_their_organisation_profile_only(client, kinki_member):
    client.force_login(kinki_member)
    organisation = kinki_member.member_account.organisation
    response = client.post(
        reverse("members_mypage"),
        {
            "public_description": "橋梁点検のロボットを開発しています。",
            "website_url": "https://kinki-hozen.example.jp",
            "name": "乗っ取り",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.public_description == "橋梁点検のロボットを開発しています。"
    assert organisation.name == "近畿保全株式会社"
    client.post(reverse("members_mypage"), {"website_url": "kinki-hozen.example.jp"})
    organisation.refresh_from_db()
    assert organisation.website_url == "https://kinki-hozen.example.jp"
    bad = client.post(reverse("members_mypage"), {"website_url": "javascript:alert(1)"})
    assert bad.status_code == 200
    assert "ウェブサイトを https:// から始まる形で入力してください。" in bad.content.decode()
    assert bad["Cache-Control"].startswith("max-age=0") or "private" in bad["Cache-Control"]


def test_a_members_session_ends_with_the_browser_and_after_hours(client, kinki_member, settings):
    client.post(LOGIN, {"login": kinki_member.email, "password": PASSWORD})
    assert client.session.get_expire_at_browser_close()
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def test_the_login_page_offers_one_way_to_reset_a_forgotten_password(client):
    html = client.get(reverse("account_login")).content.decode()
    assert html.count(f'href="{reverse("account_reset_password")}"') == 1
    assert "お忘れですか?" not in html


def test_a_reset_link_sets_a_new_password_on_a_japanese_form(client, kinki_member):
    import re

    client.post("/accounts/password/reset/", {"email": kinki_member.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    form_page = client.get(link[1], follow=True)
    html = form_page.content.decode()
    assert "新しいパスワード（確認用）" in html
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link[1],
        {"password1": "new-staple-battery-22", "password2": "new-staple-battery-22"},
    )
    assert response.status_code == 302
    kinki_member.refresh_from_db()
    assert kinki_member.check_password("new-staple-battery-22")


def test_the_organisation_profile_answers_in_the_sites_words(client, kinki_member):
    client.force_login(kinki_member)
    bad = client.post(reverse("members_mypage"), {"website_url": "https://kinki hozen.jp"})
    html = bad.content.decode()
    assert bad.status_code == 200
    assert "ウェブサイトを https:// から始まる形で入力してください。" in html
    assert '<div class="form-field has-error">' in html
    assert 'value="https://kinki hozen.jp"' in html  # kept as typed
    client.post(
        reverse("members_mypage"),
        {"website_url": "ｈｔｔｐｓ：／／ｋｉｎｋｉ．ｅｘａｍｐｌｅ．ｊｐ"},
    )
    organisation = kinki_member.member_account.organisation
    organisation.refresh_from_db()
    assert organisation.website_url == "https://kinki.example.jp"
