"""Members' log in, log out and password pages as the site's other forms and pages: full-width
addresses understood, the site's messages, an error summary naming each field, feedback after
logging out on a page made for the visitor, and one notice box for what was done."""

import re

import pytest
from django import forms
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy

from members.forms import PASSWORD_HELP, PASSWORD_TOO_SIMILAR, SetPasswordForm
from tests.members.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
NOTICE = '<div role="status" class="notice">'


def full_width(text):
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def test_an_address_typed_full_width_logs_in(client, kinki_member):
    typed = full_width(kinki_member.email)
    assert typed.startswith("ｍｅｍｂｅｒ") and "＠ｅｘａｍｐｌｅ．ｊｐ" in typed
    response = client.post(LOGIN, {"login": f" {typed} ", "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("members_mypage")


def test_a_password_is_taken_exactly_as_typed(client, kinki_member):
    kinki_member.set_password("ｈａｓｈｉ-mamoru-2026 ")
    kinki_member.save()
    half_width = client.post(LOGIN, {"login": kinki_member.email, "password": "hashi-mamoru-2026"})
    assert half_width.status_code == 200
    exact = client.post(LOGIN, {"login": kinki_member.email, "password": "ｈａｓｈｉ-mamoru-2026 "})
    assert exact.status_code == 302


def test_a_reset_for_an_address_typed_full_width_is_sent(
    client, kinki_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/password/reset/", {"email": full_width(kinki_member.email)}
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [kinki_member.email]


def test_empty_fields_are_named_in_the_sites_words(client, kinki_member):
    login = client.post(LOGIN, {"login": "", "password": ""}).content.decode()
    reset = client.post("/accounts/password/reset/", {"email": ""}).content.decode()
    client.force_login(kinki_member)
    change = client.post("/accounts/password/change/", {}).content.decode()
    for html in (login, reset, change):
        assert "この項目は必須です" not in html and "このフィールドは必須です" not in html
    assert "メールアドレスを入力してください。" in login
    assert "パスワードを入力してください。" in login
    assert "メールアドレスを入力してください。" in reset
    assert "現在のパスワードを入力してください。" in change
    assert "新しいパスワードを入力してください。" in change
    assert "新しいパスワード（確認用）を入力してください。" in change
    malformed = client.post("/accounts/password/reset/", {"email": "member1@"}).content.decode()
    assert "メールアドレスを name@example.jp の形で入力してください。" in malformed


def test_the_reauthentication_form_too_once_it_is_configured(client, kinki_member, settings):
    settings.ACCOUNT_FORMS = {
        **settings.ACCOUNT_FORMS,
        "reauthenticate": "members.forms.ReauthenticateForm",
    }
    client.force_login(kinki_member)
    html = client.post("/accounts/reauthenticate/", {"password": ""}).content.decode()
    assert "パスワードを入力してください。" in html and "この項目は必須です" not in html
    assert "パスワードをお忘れですか？" in html


class LazyLabelForm(forms.Form):
    # allauth's labels are lazy translations, as this one.
    password = forms.CharField(label=gettext_lazy("Password"))


def test_the_error_summary_names_a_field_with_a_lazily_translated_label():
    form = LazyLabelForm({})
    assert not form.is_valid()
    html = render_to_string("website/includes/form_errors.html", {"form": form})
    assert str(form.fields["password"].label) == "パスワード"
    assert f'<a href="#id_password">パスワード：{form.errors["password"][0]}</a>' in html


def test_logging_out_says_so_on_a_page_made_for_the_visitor(client, kinki_member):
    client.post(LOGIN, {"login": kinki_member.email, "password": PASSWORD})
    response = client.post("/accounts/logout/")
    # Not the top page: it is cached for everyone and shows no messages.
    assert response.status_code == 302 and response["Location"] == reverse("account_login")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert f"{NOTICE}<p>ログアウトしました。</p></div>" in html
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    assert html.index("<h1>会員ログイン</h1>") < html.index(NOTICE)  # under the heading
    assert "ログアウトしました。" not in client.get(LOGIN).content.decode()  # said once


def test_a_reset_password_is_announced_once(client, kinki_member):
    client.post("/accounts/password/reset/", {"email": kinki_member.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    form_page = client.get(link[1], follow=True)
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"password1": "new-staple-battery-22", "password2": "new-staple-battery-22"},
        follow=True,
    )
    html = done.content.decode()
    assert "<h1>パスワードを設定しました</h1>" in html
    assert "パスワードを変更しました" not in html and NOTICE not in html
    assert "パスワードを変更しました" not in client.get(LOGIN).content.decode()


def test_a_changed_password_is_announced_on_the_members_page(client, kinki_member):
    client.force_login(kinki_member)
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "new-staple-battery-22",
            "password2": "new-staple-battery-22",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("members_mypage")
    html = response.content.decode()
    assert f"{NOTICE}<p>パスワードを変更しました。</p></div>" in html
    assert html.count("パスワードを変更しました。") == 1


def test_members_pages_show_what_was_done_in_one_notice_box(client, kinki_member):
    client.force_login(kinki_member)
    mypage = client.post(
        reverse("members_mypage"), {"website_url": "https://kinki.example.jp"}, follow=True
    ).content.decode()
    assert f"{NOTICE}<p>会員情報を更新しました。</p></div>" in mypage
    client.post("/accounts/logout/")
    login = client.get(LOGIN).content.decode()
    assert NOTICE in login and '<ul class="messages">' not in login


def test_a_member_cannot_add_or_swap_the_login_address(client, kinki_member):
    from allauth.account.models import EmailAddress

    client.force_login(kinki_member)
    page = client.get(reverse("account_email"))
    html = page.content.decode()
    assert page.status_code == 200
    assert f"いまは <strong>{kinki_member.email}</strong> でログインしています。" in html
    assert "事務局にご連絡ください" in html
    assert "private" in page["Cache-Control"]

    client.post(reverse("account_email"), {"action_add": "", "email": "other@example.jp"})
    assert not EmailAddress.objects.filter(email="other@example.jp").exists()
    kinki_member.refresh_from_db()
    assert kinki_member.email != "other@example.jp"


def test_the_login_address_page_needs_a_login(client):
    response = client.get(reverse("account_email"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def similar_to(user):
    return user.email.split("@")[0] + "jp"  # e.g. member3jp: too like member3@example.jp


def test_a_new_password_is_explained_in_the_sites_words_not_djangos(client, kinki_member):
    client.force_login(kinki_member)
    page = client.get("/accounts/password/change/").content.decode()
    assert PASSWORD_HELP in page and "あなたの他の個人情報" not in page

    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": similar_to(kinki_member),
            "password2": similar_to(kinki_member),
        },
    )
    html = response.content.decode()
    # Django's own words name a field the member never sees: 「ユーザー名 と似すぎています」.
    assert PASSWORD_TOO_SIMILAR in html and "ユーザー名" not in html


def test_the_reset_and_the_invitation_say_it_the_same_way(client, kinki_member):
    client.post("/accounts/password/reset/", {"email": kinki_member.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    form_url = client.get(link[1], follow=True).redirect_chain[-1][0]
    page = client.get(form_url).content.decode()
    assert PASSWORD_HELP in page and "あなたの他の個人情報" not in page
    typed = {"password1": similar_to(kinki_member), "password2": similar_to(kinki_member)}
    html = client.post(form_url, typed).content.decode()
    assert PASSWORD_TOO_SIMILAR in html and "ユーザー名" not in html

    invited = SetPasswordForm(kinki_member, typed)
    assert invited.errors["password2"] == [PASSWORD_TOO_SIMILAR]


def test_a_used_reset_link_says_so_in_its_heading(client, kinki_member):
    html = client.get("/accounts/password/reset/key/1-bad-token/", follow=True).content.decode()
    # Not headed 「新しいパスワードの設定」 over a page that offers no form, as the invitation's.
    assert "<h1>リンクが無効です</h1>" in html and "使用済みか、有効期限が切れています" in html
