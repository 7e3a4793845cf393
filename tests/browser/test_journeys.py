"""Journeys through the site as people take them, at desktop and phone sizes.

Each ends on the page a person would want to see in its screenshot
(artifacts/screenshots/test_journeys__<test>[desktop|phone].png).
"""

from playwright.sync_api import expect

from .support import assert_accessible, wait_for_path


def test_visitor_finds_a_regional_forum_from_the_menu_and_returns_by_the_breadcrumbs(page):
    page.goto("/")
    menu = page.get_by_role("navigation", name="メインメニュー")
    menu.get_by_role("link", name="フォーラム").click()
    expect(page).to_have_url("/forums/")
    expect(menu.get_by_role("link", name="フォーラム")).to_have_attribute("aria-current", "true")

    page.get_by_role("link", name="関東フォーラム").click()
    expect(page).to_have_url("/forums/kanto/")
    expect(page.get_by_role("heading", level=1)).to_have_text("関東フォーラム")
    expect(page.get_by_text("対象地域：")).to_contain_text("東京都")

    breadcrumbs = page.get_by_role("navigation", name="パンくずリスト")
    expect(breadcrumbs.locator("[aria-current=page]")).to_have_text("関東フォーラム")
    breadcrumbs.get_by_role("link", name="フォーラム一覧").click()
    expect(page).to_have_url("/forums/")
    page.get_by_role("link", name="市民参画フォーラム").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("市民参画フォーラム")
    assert_accessible(page)


def test_visitor_searches_from_the_header_and_opens_a_result(page):
    page.goto("/access/")
    page.get_by_role("searchbox", name="サイト内検索").fill("事務局")
    page.get_by_role("searchbox", name="サイト内検索").press("Enter")
    wait_for_path(page, "/search/?q=事務局")
    expect(page.get_by_role("heading", level=1)).to_have_text("サイト内検索")
    # The query stays in the search box of the page, so the visitor can refine it.
    expect(page.get_by_role("main").get_by_role("searchbox")).to_have_value("事務局")

    page.get_by_role("main").get_by_role("link", name="国民会議について").click()
    expect(page).to_have_url("/about/")
    expect(page.get_by_role("heading", level=1)).to_have_text("国民会議について")
    assert_accessible(page)
