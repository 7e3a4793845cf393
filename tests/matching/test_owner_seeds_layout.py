"""The owner's list of seeds on a phone (390 px), laid out by Chromium with the site's own
style sheet: a long name reads on whole lines beside a long status, not two characters a
line. No demo server: the list is rendered by the test client and handed to the browser."""

import os

import pytest
from django.conf import settings

from tests.browser.support import CHROMIUM_ARGS, DEVICES, Tools
from tests.members.factories import MemberAccountFactory, MemberOrganisationFactory

from .factories import field

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

NAME = "電磁波レーダによる床版の非破壊検査"


@pytest.fixture
def chromium():
    tools = Tools.find()
    if tools.chromium is None:
        message = "this test needs Chromium"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}. In CI a missing browser is a failure.", pytrace=False)
        pytest.skip(message)
    return tools.chromium


def layout(chromium, html, css, script):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(**DEVICES["phone"])
            page.set_content(html)
            page.add_style_tag(content=css)
            return page.evaluate(script)
        finally:
            browser.close()


def test_a_long_name_beside_a_long_status_reads_on_whole_lines(client, chromium):
    organisation = MemberOrganisationFactory(name="近畿保全テック株式会社")
    client.force_login(MemberAccountFactory(organisation=organisation).user)
    client.post(
        "/member-account/seeds/new/",
        {
            "technology": NAME,
            "overview": "舗装をはがさずに床版の土砂化を調べます。",
            "fields": [str(field("bridge").pk)],
            "publication": "public",
        },
    )
    html = client.get("/member-account/seeds/").content.decode()
    assert "事務局の確認待ち（未公開）" in html and NAME in html
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()

    sizes = layout(
        chromium,
        html,
        css,
        """() => {
            const name = document.querySelector(".owner-seeds tbody th");
            const lineHeight = parseFloat(getComputedStyle(name).lineHeight);
            return {
                name: name.getBoundingClientRect().width,
                lines: Math.round(name.getBoundingClientRect().height / lineHeight),
                page: document.documentElement.scrollWidth,
            };
        }""",
    )

    # 17 characters on a 390 px screen: one or two lines, never one line per two characters.
    assert sizes["lines"] <= 2, sizes
    assert sizes["name"] > 250, sizes
    assert sizes["page"] <= 390, sizes
