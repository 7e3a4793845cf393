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


# --- 1. News ------------------------------------------------------------------------------


def test_visitor_filters_news_by_forum_opens_an_item_and_follows_its_forum_link(page):
    page.goto("/")
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="ニュース"
    ).click()
    expect(page).to_have_url("/news/")
    expect(page.get_by_role("heading", level=1)).to_have_text("ニュース")

    page.get_by_label("フォーラム").select_option(label="近畿本部フォーラム")
    page.get_by_role("button", name="絞り込む").click()
    page.wait_for_url(lambda url: "forum=kinki" in url)
    main = page.get_by_role("main")
    expect(main.get_by_text("条件に合うニュース：3件")).to_be_visible()
    expect(main.get_by_role("link", name="近畿本部フォーラム2021を開催しました")).to_be_visible()
    # Only the chosen forum's news are listed.
    expect(
        main.get_by_role("link", name="自治体向けに先行事例を紹介するイベントを開催します")
    ).to_have_count(0)
    assert_accessible(page)

    main.get_by_role("link", name="近畿本部フォーラム2021を開催しました").click()
    expect(page).to_have_url("/news/kinki-forum-2021-report/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "近畿本部フォーラム2021を開催しました"
    )
    assert_accessible(page)

    page.get_by_role("main").locator(".news-article__meta").get_by_role(
        "link", name="近畿本部フォーラム"
    ).click()
    expect(page).to_have_url("/forums/kinki/")
    expect(page.get_by_role("heading", level=1)).to_have_text("近畿本部フォーラム")
    # The forum's page lists its news, among them the one the visitor came from.
    expect(
        page.get_by_role("main").get_by_role("link", name="近畿本部フォーラム2021を開催しました")
    ).to_be_visible()
    assert_accessible(page)


# --- 2. Case studies ----------------------------------------------------------------------


def test_visitor_filters_case_studies_by_kind_and_prefecture_and_opens_one(page):
    page.goto("/cases/")
    expect(page.get_by_role("heading", level=1)).to_have_text("協働事例")

    page.get_by_label("インフラの種類").select_option("bridge")
    page.get_by_label("地域").select_option("15")  # 新潟県
    page.get_by_role("button", name="この条件で表示").click()
    page.wait_for_url(lambda url: "kind=bridge" in url and "area=15" in url)
    results = page.locator(".case-results")
    expect(results.get_by_text("条件に合う事例")).to_contain_text("1件")
    expect(results.locator(".card")).to_have_count(1)
    # The chosen conditions show as chips that remove them.
    expect(results.get_by_role("link", name="新潟県")).to_be_visible()
    assert_accessible(page)

    results.get_by_role("link", name="町内会の「橋の見守り隊」").click()
    expect(page).to_have_url("/cases/neighbourhood-bridge-watch/")
    expect(page.get_by_role("heading", level=1)).to_have_text("町内会の「橋の見守り隊」")
    facts = page.locator(".case-facts")
    expect(facts).to_contain_text("新潟県")
    expect(facts).to_contain_text("橋")
    assert_accessible(page)
