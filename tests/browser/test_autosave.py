"""Wagtail's autosave and the editor's save on the create form make one page (website/admin_forms.py)."""

import contextlib

import pytest
from playwright.sync_api import expect

from website.demo import ADMIN_PASSWORD


@pytest.mark.parametrize("device", ["desktop"], indirect=True)
def test_a_save_clicked_before_the_autosaves_answer_came_makes_no_second_page(page, live_site):
    """The autosave has made the page, but its answer (which points the form at the page's
    edit view) has not reached the browser when 下書きを保存 is clicked."""
    news_index_id = live_site.shell(
        "from news.models import NewsIndexPage; print(NewsIndexPage.objects.get(locale__language_code='ja').pk)"
    ).strip()
    create_url = f"/admin/pages/add/news/newspage/{news_index_id}/"
    title = "ブラウザ試験：自動保存の途中で保存ボタンを押したお知らせ"
    held = []

    def hold_the_autosaves_answer(route):
        if "application/json" in (route.request.headers.get("accept") or "") and not held:
            held.append((route, route.fetch()))  # the server has answered
        else:
            route.continue_()

    page.goto("/admin/login/")
    page.locator("#id_username").fill("kyushu-editor")
    page.locator("#id_password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="サインイン").click()
    page.wait_for_url("**/admin/")
    page.route(f"**{create_url}", hold_the_autosaves_answer)
    page.goto(create_url)
    # Wagtail takes the form as it is shown 2 s after loading; changes after that are saved.
    page.evaluate(
        "new Promise(resolve => document.addEventListener('w-unsaved:watch-edits', resolve))"
    )
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("自動保存で送られた概要です。")
    page.locator("#id_forum").select_option(label="九州フォーラム")
    page.locator('[data-contentpath="category"] .chooser__choose-button').click()
    page.locator(".modal [data-chooser-modal-choice]", has_text="開催報告").click()
    expect(page.locator(".modal")).to_be_hidden()
    for _ in range(100):  # the autosave goes 1–2 s after the last change
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "no autosave was sent"
    page.locator("#id_summary").fill("保存ボタンで送った概要です。")
    page.get_by_role("button", name="下書きを保存").click()
    expect(page.locator(".messages")).to_contain_text(title)
    route, response = held[0]
    with contextlib.suppress(Exception):  # its page has gone
        route.fulfill(response=response)

    pages = live_site.shell(
        "from news.models import NewsPage\n"
        f"for p in NewsPage.objects.filter(title='{title}'):\n"
        "    print(p.pk, p.get_latest_revision_as_object().summary)"
    ).split()
    assert len(pages) == 2, pages  # one page: its id and its draft's summary
    assert pages[1] == "保存ボタンで送った概要です。"
    expect(page).to_have_url(f"/admin/pages/{pages[0]}/edit/")
    expect(page.locator(".messages")).not_to_contain_text("入力に誤りがあるため")
