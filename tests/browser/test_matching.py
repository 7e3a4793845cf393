"""A seed owner's journey: the demo member logs in, opens 会員ページ → シーズの
登録・編集, sends a change with a mistake, fixes it, and finds it waiting for review while the
public page keeps the published text; members see the seed's contact point."""

import pytest
from playwright.sync_api import expect

from members.demo import DEMO_PASSWORD

from .support import assert_accessible, assert_no_sideways_scrolling, assert_valid_html


@pytest.mark.parametrize("device", ["phone"], indirect=True)
def test_a_seed_owner_sends_a_change_for_review(page):
    page.goto("/accounts/login/")
    page.get_by_label("メールアドレス").fill("member1@example.jp")
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.goto("/member-account/mypage/")
    page.get_by_role("link", name="シーズを登録・編集する").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("シーズの登録・編集")
    assert_accessible(page)
    assert_no_sideways_scrolling(page)
    # At 390 px each seed is a block: its name reads across the screen, not two characters a
    # line beside a long state.
    assert page.locator(".owner-seeds tbody th").first.bounding_box()["width"] > 250
    assert_no_sideways_scrolling(page)

    page.get_by_role("link", name="「電磁波レーダによる床版の非破壊検査」を編集する").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("シーズの編集")
    page.get_by_label("概要").fill("")
    page.get_by_label("問い合わせ窓口のメールアドレス").fill("not-an-address")
    page.get_by_role("button", name="変更を送る").click()
    expect(page.locator("#error-summary")).to_contain_text("概要を入力してください")
    assert_accessible(page)
    assert_valid_html({"seed owner form errors": page.content()})

    page.get_by_label("概要").fill("車両に載せた電磁波レーダで、床版の土砂化を調べます（改訂）。")
    page.get_by_label("問い合わせ窓口のメールアドレス").fill("hozen-tech@example.jp")
    page.get_by_role("button", name="変更を送る").click()
    expect(page.get_by_role("status")).to_contain_text("事務局が確認してから公開します")
    expect(page.get_by_role("cell", name="公開中（変更は事務局の確認待ち）").first).to_be_visible()

    # Members see the seeds shown to members, with their contact points; the text is still
    # the published one.
    page.goto("/matching/seeds/")
    page.get_by_role("link", name="電磁波レーダによる床版の非破壊検査").click()
    expect(page.get_by_text("hozen-tech@example.jp")).to_be_visible()
    expect(page.get_by_text("（改訂）")).to_have_count(0)
    assert_accessible(page)
