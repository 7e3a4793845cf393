"""axe-core finds no WCAG 2.1 A/AA violation on any public page type on a phone, and on one page
of each layout at desktop width."""

import pytest
from playwright.sync_api import expect

from .pages import PAGE_TYPES
from .support import assert_accessible, assert_no_sideways_scrolling, open_menu

# Every page type on a phone; at desktop width one page of each layout (a layout that differs
# only in its content is checked once: the CI machine takes about four seconds a page).
DESKTOP_LAYOUTS = {
    "home",
    "standard_about",
    "sitemap_page",
    "forum_regional",
    "search_results",
    "news_index",
    "case_study",
    "case_faceted",
    "matching_needs",
    "kpi_dashboard",
    "event_index",
    "event_calendar",
    "event_held",
    "lesson_index",
    "lesson",
    "lesson_booking_form",
    "member_login",
    "mail_subscribe",
    "not_found",
    "english_home",
}
SIZES_AND_PAGE_TYPES = [("phone", page_type) for page_type in PAGE_TYPES] + [
    ("desktop", page_type) for page_type in PAGE_TYPES if page_type.name in DESKTOP_LAYOUTS
]


@pytest.mark.parametrize(
    "device, page_type",
    SIZES_AND_PAGE_TYPES,
    ids=[f"{device}-{page_type.name}" for device, page_type in SIZES_AND_PAGE_TYPES],
    indirect=["device"],
)
def test_page_type_is_accessible(page, page_type):
    response = page.goto(page_type.path)
    assert response.status == page_type.status
    expect(page.locator("h1")).to_contain_text(page_type.heading)
    assert_accessible(page)
    assert_no_sideways_scrolling(page)


@pytest.mark.parametrize("path", ["/", "/about/", "/access/"], ids=["home", "about", "access"])
def test_accessible_with_high_contrast_and_large_text(page, path):
    page.goto(path)
    open_menu(page)
    page.get_by_role("button", name="配色を反転").click()
    page.get_by_role("button", name="文字を大きく").click()
    expect(page.locator("html")).to_have_class("contrast-high text-large")
    assert_accessible(page)
    assert_no_sideways_scrolling(page)
