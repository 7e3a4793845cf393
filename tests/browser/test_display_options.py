"""The text-size and high-contrast options, and the reduced-motion preference."""

import pytest
from playwright.sync_api import expect

from .support import assert_accessible, open_menu


def root_style(page, prop):
    return page.evaluate(
        "p => getComputedStyle(document.documentElement).getPropertyValue(p)", prop
    )


def body_background(page):
    return page.evaluate("() => getComputedStyle(document.body).backgroundColor")


def button_look(button):
    return button.evaluate(
        """el => ({background: getComputedStyle(el).backgroundColor,
                  mark: getComputedStyle(el, '::before').content})"""
    )


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high_contrast"])
def test_a_pressed_option_looks_pressed_without_relying_on_colour(page, contrast):
    page.goto("/")
    open_menu(page)
    if contrast:
        page.get_by_role("button", name="配色を反転").click()
    button = page.get_by_role("button", name="文字を大きく")
    off = button_look(button)
    button.click()
    on = button_look(button)
    assert on["background"] != off["background"]
    assert off["mark"] == "none"
    assert "✓" in on["mark"]


def test_text_size_option_toggles_and_is_remembered_across_pages(page):
    page.goto("/")
    open_menu(page)
    button = page.get_by_role("button", name="文字を大きく")
    expect(button).to_have_attribute("aria-pressed", "false")
    assert root_style(page, "font-size") == "16px"

    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    assert root_style(page, "font-size") == "20px"

    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="フォーラム"
    ).click()
    expect(page).to_have_url("/forums/")
    open_menu(page)
    expect(page.get_by_role("button", name="文字を大きく")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert root_style(page, "font-size") == "20px"

    page.get_by_role("button", name="文字を大きく").click()
    page.goto("/about/")
    open_menu(page)
    expect(page.get_by_role("button", name="文字を大きく")).to_have_attribute(
        "aria-pressed", "false"
    )
    assert root_style(page, "font-size") == "16px"


def test_high_contrast_option_toggles_and_is_remembered_across_pages(page):
    page.goto("/about/")
    open_menu(page)
    button = page.get_by_role("button", name="配色を反転")
    expect(button).to_have_attribute("aria-pressed", "false")
    assert body_background(page) == "rgb(255, 255, 255)"

    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    assert body_background(page) == "rgb(0, 0, 0)"

    page.get_by_role("link", name="トップ").first.click()
    expect(page).to_have_url("/")
    open_menu(page)
    expect(page.get_by_role("button", name="配色を反転")).to_have_attribute("aria-pressed", "true")
    assert body_background(page) == "rgb(0, 0, 0)"
    assert_accessible(page)

    page.get_by_role("button", name="配色を反転").click()
    page.reload()
    open_menu(page)
    expect(page.get_by_role("button", name="配色を反転")).to_have_attribute("aria-pressed", "false")
    assert body_background(page) == "rgb(255, 255, 255)"


def test_remembered_options_apply_before_the_page_is_first_painted(page):
    page.goto("/")
    open_menu(page)
    page.get_by_role("button", name="文字を大きく").click()
    page.get_by_role("button", name="配色を反転").click()
    # Record the root's classes when the first <body> content is parsed, before any paint.
    page.add_init_script(
        """new MutationObserver((records, observer) => {
             if (document.body) { window.classesAtFirstBody = document.documentElement.className;
                                  observer.disconnect(); }
           }).observe(document, {childList: true, subtree: true});"""
    )
    page.goto("/about/")
    classes = page.evaluate("() => window.classesAtFirstBody").split()
    assert "text-large" in classes
    assert "contrast-high" in classes


# Motion is judged on a probe element with a 1s transition and a 2s infinite animation,
# added to the page, and on every element the page itself has.
_MOTION = """() => {
  const probe = document.createElement('div');
  probe.style.transition = 'opacity 1s';
  probe.style.animation = 'probe-spin 2s infinite';
  document.querySelector('main').append(probe);
  const seconds = value => Math.max(...value.split(',').map(v =>
    v.trim().endsWith('ms') ? parseFloat(v) / 1000 : parseFloat(v)));
  const style = getComputedStyle(probe);
  const result = {
    probeTransition: seconds(style.transitionDuration),
    probeAnimation: seconds(style.animationDuration),
    probeIterations: style.animationIterationCount,
    longest: 0,
    scrollBehavior: getComputedStyle(document.documentElement).scrollBehavior,
  };
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(el, pseudo);
      result.longest = Math.max(result.longest, seconds(s.transitionDuration),
                                seconds(s.animationDuration));
    }
  }
  probe.remove();
  return result;
}"""


@pytest.mark.parametrize("path", ["/", "/about/"], ids=["home", "about"])
def test_reduced_motion_preference_stops_transitions_and_animations(page, path):
    page.emulate_media(reduced_motion="no-preference")
    page.goto(path)
    moving = page.evaluate(_MOTION)
    assert moving["probeTransition"] == 1
    assert moving["probeAnimation"] == 2

    page.emulate_media(reduced_motion="reduce")
    still = page.evaluate(_MOTION)
    assert still["probeTransition"] <= 0.001
    assert still["probeAnimation"] <= 0.001
    assert still["probeIterations"] == "1"
    assert still["longest"] <= 0.001
    assert still["scrollBehavior"] == "auto"


def test_an_outlined_button_stays_readable_and_outlined_in_high_contrast(page):
    # ニュース一覧を見る, the KPI table's CSV and an event's calendar file are outlined buttons:
    # in high contrast their text once turned black on the black page.
    page.goto("/")
    link = page.get_by_role("link", name="ニュース一覧を見る")
    looks = """el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor,
                      getComputedStyle(el).borderTopStyle]"""
    normal_text, normal_background, normal_border = link.evaluate(looks)
    assert normal_border == "solid"  # a button, not indented plain text
    assert normal_text != normal_background
    open_menu(page)
    page.get_by_role("button", name="配色を反転").click()
    text, background, border = link.evaluate(looks)
    assert text == "rgb(255, 212, 61)"  # the high-contrast yellow
    assert text != background
    assert border == "solid"
    assert_accessible(page)


def test_a_printed_case_study_leaves_out_the_site_and_spells_out_its_links(page):
    page.goto("/cases/technical-high-school-road-patrol/")
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name="関連する事例")).to_be_hidden()
    expect(page.get_by_role("link", name="協働事例の一覧へ戻る")).to_be_hidden()
    external = page.locator('main article a[href^="http"]').first
    after = external.evaluate("el => getComputedStyle(el, '::after').content")
    assert "https://" in after
    page.emulate_media(media="screen")
    expect(page.get_by_role("heading", name="関連する事例")).to_be_visible()
