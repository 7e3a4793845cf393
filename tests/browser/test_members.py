"""The members' journeys: the secretariat invites a person, who sets a password, logs in,
opens a members-only document and logs out; and five wrong passwords are throttled."""

import re

import pytest
from playwright.sync_api import expect

from members.demo import DEMO_PASSWORD

from .conftest import new_context
from .support import assert_accessible, assert_valid_html
from .test_journeys import choose_in_chooser, log_in_to_the_admin


@pytest.mark.parametrize("device", ["desktop"], indirect=True)
def test_an_invited_member_sets_a_password_opens_a_members_document_and_logs_out(
    page, live_site, browser, device
):
    email = "browser-invitee@example.jp"
    log_in_to_the_admin(page)
    page.goto("/admin/member_accounts/new/")
    page.locator("#id_email").fill(email)
    page.locator("#id_name").fill("試験 花子")
    choose_in_chooser(page, "organisation", "近畿保全テック株式会社", search="近畿保全")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".messages")).to_be_visible()

    invitation = next(mail for mail in live_site.sent_mail() if email in mail.to)
    assert "会員専用ページへのご招待" in invitation.subject
    link = re.search(r"https?://[^/\s]+(/member-account/invitation/\S+/)", invitation.body)[1]

    member = new_context(browser, live_site, device).new_page()
    member.goto(link)
    expect(member.get_by_role("heading", level=1)).to_have_text("パスワードの設定")
    assert_accessible(member)
    member.locator("#id_password1").fill("hashi-mamoru-2026")
    member.locator("#id_password2").fill("hashi-mamoru-2026")
    member.get_by_role("button", name="パスワードを設定する").click()
    expect(member.get_by_role("heading", level=1)).to_have_text("会員ページ")
    expect(
        member.get_by_text("近畿保全テック株式会社（企業）としてログインしています")
    ).to_be_visible()

    # Log out, then in again with the new password, as a member would the next day.
    member.get_by_role("link", name="ログアウト").first.click()
    member.get_by_role("button", name="ログアウトする").click()
    member.goto("/members/")
    expect(member).to_have_url(re.compile(r"/accounts/login/"))
    expect(member.get_by_role("heading", level=1)).to_have_text("会員ログイン")
    assert_accessible(member)
    member.get_by_label("メールアドレス").fill(email)
    member.get_by_label("パスワード").fill("hashi-mamoru-2026")
    member.get_by_role("button", name="ログイン").click()
    expect(member).to_have_url(re.compile(r"/members/$"))

    member.get_by_role("link", name="令和3年度 総会資料").click()
    expect(member.get_by_role("heading", level=1)).to_have_text("令和3年度 総会資料")
    assert_accessible(member)
    document = member.get_by_role("link", name=re.compile("令和3年度 総会資料一式"))
    href = document.get_attribute("href")
    response = member.request.get(href)
    assert response.status == 200 and response.body().startswith(b"%PDF-")
    assert response.headers["content-type"] == "application/pdf"

    # The member's other pages: the directory, the site search (which finds the area for
    # members), their contacts, and the optional second factor.
    documents = {}
    for path, heading in [
        ("/members/directory/?q=近畿保全", "会員名簿"),
        ("/search/?q=総会資料", "サイト内検索"),
        ("/member-account/mypage/contacts/", "担当者の連絡先"),
        ("/accounts/2fa/", "2段階認証"),
        ("/accounts/2fa/totp/activate/", "本人の確認"),  # the password is asked again
    ]:
        member.goto(path)
        expect(member.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(member)
        documents[path] = member.content()
    member.get_by_label("パスワード").fill("hashi-mamoru-2026")
    member.get_by_role("button", name="確認する").click()
    expect(member.get_by_role("heading", level=1)).to_have_text("2段階認証の設定")
    expect(member.get_by_role("img", name="認証アプリで読み取るQRコード")).to_be_visible()
    assert_accessible(member)
    documents["activate"] = member.content()
    found = re.sub(r"<[^>]+>", "", documents["/search/?q=総会資料"])  # without the <mark>s
    assert "令和3年度 総会資料" in found and "会員専用（" in found
    assert "近畿保全テック株式会社" in documents["/members/directory/?q=近畿保全"]
    assert_valid_html(documents)

    member.goto("/member-account/mypage/")
    member.get_by_role("link", name="ログアウト").first.click()
    member.get_by_role("button", name="ログアウトする").click()
    assert member.request.get(href, max_redirects=0).status == 302  # back to the login page
    member.context.close()


@pytest.mark.parametrize("device", ["phone"], indirect=True)
def test_five_wrong_passwords_are_throttled_with_a_japanese_message(page):
    for _ in range(4):
        page.goto("/accounts/login/")
        page.get_by_label("メールアドレス").fill("member2@example.jp")
        page.get_by_label("パスワード").fill("wrong-password")
        page.get_by_role("button", name="ログイン").click()
        expect(page.locator("#error-summary")).to_contain_text(
            "メールアドレスもしくはパスワードが正しくありません"
        )
    page.get_by_label("メールアドレス").fill("member2@example.jp")
    page.get_by_label("パスワード").fill("wrong-password")
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_text("ログインを一時的に停止しています")).to_be_visible()
    # Even the right password is refused for a while.
    page.goto("/accounts/login/")
    page.get_by_label("メールアドレス").fill("member2@example.jp")
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_text("ログインを一時的に停止しています")).to_be_visible()
