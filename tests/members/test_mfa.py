"""The optional second factor (allauth.mfa): a member who wants it sets up an authenticator
app (TOTP) and gets recovery codes; from then on logging in asks for a code, in Japanese,
and wrong codes are limited as wrong passwords are. Members who do not want it log in with
their password only."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from members.forms import CODE_LOCKED_MESSAGE
from tests.members.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ACTIVATE = "/accounts/2fa/totp/activate/"
AUTHENTICATE = "/accounts/2fa/authenticate/"


@pytest.fixture(autouse=True)
def tolerance(settings):
    # A code is accepted once: the tests use the current period's and the next one's.
    settings.MFA_TOTP_TOLERANCE = 1


def code(secret, periods_ahead=0):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + periods_ahead))


def log_in(client, user):
    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


def activate(client, user):
    """Log in with the password, set up the authenticator app; the app's secret."""
    log_in(client, user)
    # Changing the second factor asks for the password again (allauth's reauthentication).
    asked = client.get(ACTIVATE)
    assert asked.status_code == 302 and asked["Location"].startswith("/accounts/reauthenticate/")
    assert "<h1>本人の確認</h1>" in client.get(asked["Location"]).content.decode()
    confirmed = client.post(asked["Location"], {"password": PASSWORD})
    assert confirmed.status_code == 302
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>2段階認証の設定</h1>" in html
    assert (
        'src="data:image/svg+xml;base64,' in html and 'alt="認証アプリで読み取るQRコード"' in html
    )
    secret = page.context["form"].secret
    assert secret in html  # the key, for apps that cannot read the QR code

    wrong = client.post(ACTIVATE, {"code": "000000" if code(secret) != "000000" else "111111"})
    assert "コードが正しくありません。" in wrong.content.decode()
    assert not Authenticator.objects.filter(user=user).exists()
    done = client.post(ACTIVATE, {"code": code(secret)})
    assert done.status_code == 302
    return secret


def test_members_without_it_log_in_with_their_password_only(client, kinki_member):
    response = log_in(client, kinki_member)
    assert response["Location"] == reverse("members_mypage")
    page = client.get(reverse("members_mypage")).content.decode()
    assert '<a href="/accounts/2fa/">2段階認証（希望する方）</a>' in page
    overview = client.get("/accounts/2fa/").content.decode()
    assert "<h1>2段階認証</h1>" in overview and "2段階認証は使っていません" in overview


def test_a_member_sets_it_up_and_then_logs_in_with_a_code(client, kinki_member):
    secret = activate(client, kinki_member)
    assert Authenticator.objects.filter(user=kinki_member, type="totp").exists()
    assert Authenticator.objects.filter(user=kinki_member, type="recovery_codes").exists()
    codes = client.get("/accounts/2fa/recovery-codes/").content.decode()
    assert "<h1>リカバリーコード</h1>" in codes and "残り10個" in codes
    client.post("/accounts/logout/")

    response = log_in(client, kinki_member)
    assert response["Location"] == AUTHENTICATE
    assert client.get(reverse("members_mypage")).status_code == 302  # not in yet
    page = client.get(AUTHENTICATE).content.decode()
    assert "<h1>確認コードの入力</h1>" in page and "確認コード" in page
    wrong = client.post(AUTHENTICATE, {"code": "12345678"})
    assert "コードが正しくありません。" in wrong.content.decode()
    assert client.post(AUTHENTICATE, {"code": code(secret, 1)}).status_code == 302
    assert client.get(reverse("members_mypage")).status_code == 200


def test_a_recovery_code_works_once(client, kinki_member):
    activate(client, kinki_member)
    recovery = Authenticator.objects.get(user=kinki_member, type="recovery_codes")
    first = recovery.wrap().get_unused_codes()[0]
    client.post("/accounts/logout/")
    log_in(client, kinki_member)
    assert client.post(AUTHENTICATE, {"code": first}).status_code == 302
    client.post("/accounts/logout/")
    log_in(client, kinki_member)
    again = client.post(AUTHENTICATE, {"code": first})
    assert again.status_code == 200 and "コードが正しくありません。" in again.content.decode()


def test_five_wrong_codes_stop_even_the_right_one_for_a_while(client, kinki_member, settings):
    secret = activate(client, kinki_member)
    client.post("/accounts/logout/")
    log_in(client, kinki_member)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(AUTHENTICATE, {"code": "99999999"})
    locked = client.post(AUTHENTICATE, {"code": code(secret, 1)})
    assert locked.status_code == 200
    assert CODE_LOCKED_MESSAGE in locked.content.decode()
    assert client.get(reverse("members_mypage")).status_code == 302


def test_a_wrong_password_does_not_open_the_setting(client, kinki_member):
    log_in(client, kinki_member)
    asked = client.get(ACTIVATE)["Location"]
    page = client.post(asked, {"password": "not-the-password"})
    assert page.status_code == 200 and "パスワードを入力してください" in page.content.decode()
    assert client.get(ACTIVATE).status_code == 302


def test_a_member_who_asked_for_a_password_reset_can_still_set_it_up(client, kinki_member):
    # allauth records the address, unverified, when it makes the reset link; the site has no
    # verification, so the setting must not wait for one («先にメールアドレスの確認を…»).
    from allauth.account.models import EmailAddress

    log_in(client, kinki_member)
    client.post("/accounts/password/reset/", {"email": kinki_member.email})
    assert not EmailAddress.objects.get(user=kinki_member).verified  # as allauth leaves it
    asked = client.get(ACTIVATE)
    assert asked["Location"].startswith("/accounts/reauthenticate/")


def test_an_address_recorded_unverified_does_not_hold_the_setting_up(client, kinki_member):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=kinki_member, email=kinki_member.email, verified=False)
    log_in(client, kinki_member)
    assert client.get(ACTIVATE)["Location"].startswith("/accounts/reauthenticate/")
    page = client.get(reverse("mfa_index"))
    assert "メールアドレスの確認" not in page.content.decode()
