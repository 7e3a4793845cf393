"""axe-core finds no WCAG 2.1 A/AA violation on any public page type, at both sizes."""

import pytest
from playwright.sync_api import expect

from .pages import PAGE_TYPES
from .support import assert_accessible, assert_no_sideways_scrolling, open_menu


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda page_type: page_type.name)
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
