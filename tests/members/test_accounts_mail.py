"""The e-mails of members' accounts (allauth's): the site's own Japanese texts, signed by the
secretariat, with links on the site's address; no invitation to a sign-up that is closed."""

import re

import pytest
from django.core import mail
from wagtail.models import Site

from website.models import SiteSettings

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"


def reset_for(client, email, capture):
    # The host a reviewer saw in allauth's own greeting (「こんにちは、127.0.0.1:8000 です!」).
    with capture(execute=True):
        response = client.post(RESET, {"email": email}, HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 302
    return response


def assert_the_sites_own_mail(message):
    assert "こんにちは" not in message.body and "ありがとうございます!" not in message.body
    assert "127.0.0.1" not in message.body and "testserver" not in message.body
    assert "インフラメンテナンス国民会議 事務局" in message.body
    assert "送信専用のアドレス" in message.body  # website/emails/_footer.txt


def test_the_reset_mail_is_the_councils_own(
    client, kinki_member, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://www.example.jp"
    kinki_member.first_name = "保全 花子"
    kinki_member.save()
    reset_for(client, kinki_member.email, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert message.to == [kinki_member.email]
    assert message.subject == "［インフラメンテナンス国民会議］パスワード再設定のご案内"
    assert message.body.startswith("保全 花子 様\n\nインフラメンテナンス国民会議 事務局です。")
    assert_the_sites_own_mail(message)
    assert "リンクは1回だけ、7日間使えます" in message.body
    # On the site's address, whatever Host the request came with.
    link = re.search(r"https://www\.example\.jp/accounts/password/reset/key/\S+/", message.body)
    assert link, message.body
    assert "お申し込みに心当たりのない場合は、このメールを破棄してください。" in message.body


@pytest.mark.parametrize("unknown_accounts", [True, False])
def test_an_unknown_address_is_never_invited_to_sign_up(
    client, db, settings, unknown_accounts, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = unknown_accounts
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.email = "secretariat@example.jp"
    site_settings.save()
    response = reset_for(client, "nobody@example.jp", django_capture_on_commit_callbacks)
    # The page says the same either way: nobody learns whether an address has an account.
    assert (
        "入力されたメールアドレスが登録されていれば"
        in client.get(response["Location"]).content.decode()
    )
    if not unknown_accounts:
        assert mail.outbox == []
        return
    (message,) = mail.outbox
    assert message.to == ["nobody@example.jp"]
    assert message.subject == "［インフラメンテナンス国民会議］パスワード再設定のお申し込みについて"
    assert_the_sites_own_mail(message)
    assert "signup" not in message.body and "登録できます" not in message.body
    assert "このメールアドレスで登録されている会員のアカウントはありません。" in message.body
    assert "事務局にお問い合わせください（連絡先は、このメールの末尾にあります）。" in message.body
    assert "メール：secretariat@example.jp" in message.body


def test_notifications_if_turned_on_are_in_the_sites_words(
    client, kinki_member, settings, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    client.force_login(kinki_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/password/change/",
            {
                "oldpassword": "members-area-2026",
                "password1": "new-staple-battery-22",
                "password2": "new-staple-battery-22",
            },
            HTTP_HOST="127.0.0.1:8000",
            REMOTE_ADDR="192.0.2.10",
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert_the_sites_own_mail(message)
    assert f"会員専用ページのアカウント（{kinki_member.email}）で、次の変更がありました。" in (
        message.body
    )
    assert "IPアドレス：192.0.2.10" in message.body
    assert "You are receiving" not in message.body
