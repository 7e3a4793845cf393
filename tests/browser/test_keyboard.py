"""Keyboard-only use: skip link first, every control reached in order, focus always visible."""

import itertools

import pytest
from playwright.sync_api import expect

from .support import assert_keyboard_navigable


def test_skip_link_comes_first_and_moves_focus_to_the_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="本文へ移動")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab continues inside the main content, past the header and menu.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize(
    "path",
    ["/", "/about/", "/search/?q=事務局", "/forums/kanto/"],
    ids=["home", "standard", "search_results", "forum"],
)
def test_tab_reaches_every_control_in_order_with_visible_focus(page, path):
    page.goto(path)
    # On a phone the menu's controls are reached once it is open; opened without a click,
    # which would leave Tab's starting point on the メニュー button.
    page.evaluate("() => { document.querySelector('details.site-menu').open = true; }")
    stops = assert_keyboard_navigable(page)
    assert stops[0]["text"] == "本文へ移動"
    names = [stop["text"] for stop in stops]
    assert names.index("検索") < names.index("文字を大きく") < names.index("トップ")


@pytest.mark.parametrize("device", ["desktop"], indirect=True)
@pytest.mark.parametrize("width", [900, 1280])
def test_the_headers_tab_order_follows_its_reading_order_on_a_wide_screen(page, width):
    # The tools (language, login, display options) once sat above the name at the top right
    # but came after the search box in the Tab order (WCAG 2.4.3).
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/")
    header_stops = page.evaluate(
        """() => [...document.querySelectorAll('.site-header :is(a, input, button)')]
              .filter(el => el.getClientRects().length)
              .map(el => {
                const box = el.getBoundingClientRect();
                return {text: (el.innerText || el.placeholder).trim(), top: box.top,
                        bottom: box.bottom, left: box.left};
              })"""
    )
    assert [stop["text"] for stop in header_stops][:3] == [
        page.locator(".site-logo").inner_text().strip(),
        "サイト内検索",
        "検索",
    ]
    for before, after in itertools.pairwise(header_stops):
        same_row = after["top"] < before["bottom"] and before["top"] < after["bottom"]
        if same_row:
            assert after["left"] > before["left"], (before, after)
        else:
            assert after["top"] >= before["bottom"], (before, after)


def test_a_kpis_counting_method_opens_from_its_address_and_from_the_keyboard(page):
    page.goto("/kpi/#kpi-method-lessons-and-workshops")
    linked = page.locator("#kpi-method-lessons-and-workshops")
    expect(linked).to_have_attribute("open", "")
    expect(linked.locator(".kpi-method__body")).to_be_in_viewport()
    other_id = page.locator(".kpi-method:not([open])").first.get_attribute("id")
    other = page.locator(f"#{other_id}")
    expect(other.locator(".kpi-method__body")).to_be_hidden()
    other.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(other.locator(".kpi-method__body")).to_be_visible()
