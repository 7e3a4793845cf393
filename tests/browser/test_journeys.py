"""Journeys through the site as people take them, at desktop and phone sizes.

Each ends on the page a person would want to see in its screenshot
(artifacts/screenshots/test_journeys__<test>[desktop|phone].png).
"""

import contextlib
import datetime
import re
import subprocess
import sys
import time
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import expect

from website.dates import JAPAN
from website.demo import ADMIN_PASSWORD, ADMIN_USERNAME

from .conftest import new_context
from .support import (
    ARTIFACTS,
    ROOT,
    assert_accessible,
    assert_valid_html,
    open_menu,
    path_of,
    screenshot_path,
    wait_for_path,
)


def test_visitor_finds_a_regional_forum_from_the_menu_and_returns_by_the_breadcrumbs(page):
    page.goto("/")
    menu = open_menu(page)
    menu.get_by_role("link", name="フォーラム").click()
    expect(page).to_have_url("/forums/")
    # A new page: on a phone its menu is closed again.
    expect(open_menu(page).get_by_role("link", name="フォーラム")).to_have_attribute(
        "aria-current", "true"
    )

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
    open_menu(page).get_by_role("link", name="ニュース").click()
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


# --- 4. A teacher books a school visit lesson on a phone -----------------------------------


@pytest.mark.parametrize("device", ["phone"], indirect=True)
def test_teacher_on_a_phone_books_a_lesson_for_grade_4_and_fixes_a_mistake(page, live_site):
    page.goto("/")
    open_menu(page).get_by_role("link", name="出前授業").click()
    expect(page).to_have_url("/lessons/")
    page.get_by_label("学年").select_option(label="小4")
    page.get_by_role("button", name="絞り込む").click()
    page.wait_for_url(lambda url: "grade=e4" in url)
    lessons = page.get_by_role("main")
    expect(lessons.get_by_role("link", name="橋の点検を体験しよう")).to_be_visible()
    assert_accessible(page)

    lessons.get_by_role("link", name="橋の点検を体験しよう").click()
    expect(page).to_have_url("/lessons/bridge-inspection/")
    # Each free slot has its own link, named by its date and time for screen readers.
    page.get_by_role(
        "link", name=re.compile(r"^この日時で申し込む\s*（\d+年\d+月\d+日")
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("お申込み")

    school = "ブラウザ区立試験小学校"
    page.get_by_label("学校名").fill(school)
    page.get_by_label("学校の種別").select_option(label="小学校")
    page.get_by_label("都道府県").select_option(label="東京都")
    page.get_by_label("市区町村").fill("千代田区")
    page.get_by_label("町名・番地").fill("霞が関1-2-3")
    page.get_by_label("ご担当の先生のお名前").fill("試験 先生")
    page.get_by_label("メールアドレス").fill("sensei@example.jp")
    page.get_by_label("電話番号").fill("03-1234-5678")
    page.get_by_label("学年").select_option(label="小4")
    page.get_by_label("クラス数").fill("1")
    # The deliberate mistake: more pupils than the lesson takes (40 at a time).
    page.get_by_label("児童・生徒数").fill("45")
    if page.get_by_role("radio", name="訪問").count():
        page.get_by_role("radio", name="訪問").first.check()
    page.get_by_label("個人情報の取り扱いに同意します").check()
    page.get_by_role("button", name="この内容で申し込む").click()

    pupils_error = page.locator("#id_pupils_error")
    expect(pupils_error).to_contain_text("40人まで")
    expect(page.get_by_label("児童・生徒数")).to_have_attribute(
        "aria-describedby", re.compile("id_pupils_error")
    )
    expect(page.get_by_label("学校名")).to_have_value(school)  # what was typed is kept
    assert_valid_html({"lesson booking with an error": page.content()})
    assert_accessible(page)
    page.screenshot(
        path=screenshot_path("test_journeys__lesson_booking_error[phone]"), full_page=True
    )

    page.get_by_label("児童・生徒数").fill("32")
    page.get_by_role("button", name="この内容で申し込む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("お申込み内容")
    reference = page.get_by_text(re.compile(r"受付番号は DM-\d{4}-\d+ です"))
    expect(reference).to_be_visible()
    number = re.search(r"DM-\d{4}-\d+", reference.inner_text()).group(0)
    assert any(number in mail.body for mail in live_site.sent_mail())
    assert_accessible(page)


# --- 5. An editor publishes news and reports an event as held -------------------------------


def log_in_to_the_admin(page, username=ADMIN_USERNAME):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="サインイン").click()
    page.wait_for_url("**/admin/")


def choose_in_chooser(page, field, name, search=None):
    """Pick `name` in the chooser modal of the admin form's `field` (a snippet chooser);
    `search` narrows a long list (the modal shows the first page of choices only)."""
    page.locator(f'[data-contentpath="{field}"] .chooser__choose-button').click()
    expect(page.locator(".modal [data-chooser-modal-choice]").first).to_be_visible()
    if search:
        page.locator(".modal #id_q").fill(search)
    page.locator(".modal [data-chooser-modal-choice]", has_text=name).click()
    expect(page.locator(".modal")).to_be_hidden()


def publish_in_the_admin(page):
    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name="公開", exact=True).click()


@pytest.mark.parametrize("device", ["desktop"], indirect=True)
def test_editor_publishes_news_and_it_appears_on_the_home_page(page, live_site):
    news_index_id = live_site.shell(
        "from news.models import NewsIndexPage; print(NewsIndexPage.objects.get(locale__language_code='ja').pk)"
    ).strip()
    title = "ブラウザ試験：市民向け見学会の参加者を募集します"
    log_in_to_the_admin(page)
    page.goto(f"/admin/pages/{news_index_id}/add_subpage/")
    expect(page).to_have_url(f"/admin/pages/add/news/newspage/{news_index_id}/")
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("近畿本部フォーラムが、橋梁の点検現場の見学会を開きます。")
    page.locator("#id_forum").select_option(label="近畿本部フォーラム")  # grouped, no paging
    choose_in_chooser(page, "category", "募集")
    publish_in_the_admin(page)
    expect(page.locator(".messages")).to_contain_text("公開しました")

    page.goto("/")
    latest = page.get_by_role("main").get_by_role("link", name=title)
    expect(latest).to_be_visible()
    latest.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".news-article__meta")).to_contain_text("近畿本部フォーラム")
    assert_accessible(page)


def log_out_of_the_admin(page):
    page.context.clear_cookies()


def act_on_workflow(page, action, comment=None):
    """広報部会's action on the page in review: 修正を依頼 (with a comment) or 承認と公開."""
    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name=action, exact=True).click()
    if comment is not None:
        box = page.locator('textarea[name="comment"]')
        box.fill(comment)
        page.locator('form:has(textarea[name="comment"]) [type="submit"]').click()


@pytest.mark.parametrize("device", ["desktop"], indirect=True)
def test_forum_news_goes_through_koho_review_before_it_is_published(page, live_site):
    """九州 writes and submits; cannot open 近畿's news; 広報部会 asks for changes; 九州 fixes
    them; 広報部会 publishes; the news is on the public site."""
    news_index_id, kinki_news_id = live_site.shell(
        "from news.models import NewsIndexPage, NewsPage\n"
        "print(NewsIndexPage.objects.get(locale__language_code='ja').pk, "
        "NewsPage.objects.filter(forum__slug='kinki', locale__language_code='ja').first().pk)"
    ).split()
    title = "ブラウザ試験：九州の歩道橋で市民点検を行いました"

    log_in_to_the_admin(page, "kyushu-editor")
    page.goto(f"/admin/pages/add/news/newspage/{news_index_id}/")
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("九州フォーラムの市民点検の報告です。")
    forum = page.locator("#id_forum")
    assert forum.locator("option", has_text="近畿").count() == 0  # only their own forum
    forum.select_option(label="九州フォーラム")
    choose_in_chooser(page, "category", "開催報告")
    page.locator("footer .w-dropdown__toggle").click()
    expect(page.get_by_role("button", name="公開", exact=True)).to_have_count(0)
    page.get_by_role("button", name="広報部会の承認に提出する").click()
    expect(page.locator(".messages")).to_contain_text(title)
    news_id = live_site.shell(
        f"from news.models import NewsPage; print(NewsPage.objects.get(title='{title}').pk)"
    ).strip()

    page.goto(f"/admin/pages/{kinki_news_id}/edit/")
    wait_for_path(page, "/admin/")  # refused: back to the dashboard with a message
    log_out_of_the_admin(page)

    log_in_to_the_admin(page, "koho-reviewer")
    expect(page.get_by_role("main")).to_contain_text(title)  # waiting for them
    page.goto(f"/admin/pages/{news_id}/edit/")
    act_on_workflow(page, "修正を依頼", comment="写真の説明を一文加えてください。")
    expect(page.locator(".messages")).to_contain_text(title)
    mails = [mail for mail in live_site.sent_mail() if "修正の依頼" in mail.subject]
    assert mails and "写真の説明を一文加えてください。" in mails[-1].body
    log_out_of_the_admin(page)

    log_in_to_the_admin(page, "kyushu-editor")
    page.goto(f"/admin/pages/{news_id}/edit/")
    page.locator("#id_summary").fill("九州フォーラムの市民点検の報告です。写真は点検の様子です。")
    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name="広報部会の確認に再提出する").click()
    expect(page.locator(".messages")).to_contain_text(title)
    log_out_of_the_admin(page)

    log_in_to_the_admin(page, "koho-reviewer")
    page.goto(f"/admin/pages/{news_id}/edit/")
    act_on_workflow(page, "承認と公開")
    expect(page.locator(".messages")).to_contain_text(title)

    page.goto("/news/")
    page.get_by_role("main").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert_accessible(page)


def go_live_about_a_minute_ahead():
    """The next whole minute (the schedule dialog takes minutes) at least 15 seconds ahead,
    in Japan time, as the dialog expects it: "2026-12-03 10:01"."""
    now = datetime.datetime.now(JAPAN)
    go_live = (now + datetime.timedelta(minutes=1)).replace(second=0, microsecond=0)
    if go_live - now < datetime.timedelta(seconds=15):
        go_live += datetime.timedelta(minutes=1)
    return go_live


@contextlib.contextmanager
def background_worker(live_site):
    """`manage.py run_worker` beside the live site, on its database queue, as `make run` runs it."""
    log = (ARTIFACTS / "browser-worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.5"],
        cwd=ROOT,
        env={**live_site.env, "BROWSER_TEST_WORKER": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()


@pytest.mark.parametrize("device", ["desktop"], indirect=True)
def test_news_scheduled_a_minute_ahead_goes_live_while_the_worker_runs(page, live_site):
    """広報部会 schedules news about a minute ahead in the schedule dialog; the public site does
    not show it until then; the worker publishes it on time."""
    news_index_id = live_site.shell(
        "from news.models import NewsIndexPage; print(NewsIndexPage.objects.get(locale__language_code='ja').pk)"
    ).strip()
    title = "ブラウザ試験：予約したお知らせが時間どおりに公開されます"
    with background_worker(live_site) as worker:
        log_in_to_the_admin(page, "koho-reviewer")
        page.goto(f"/admin/pages/add/news/newspage/{news_index_id}/")
        page.locator("#id_title").fill(title)
        page.locator("#id_summary").fill("予約公開の確認のためのお知らせです。")
        page.locator("#id_forum").select_option(label="九州フォーラム")
        choose_in_chooser(page, "category", "お知らせ")
        page.get_by_role("button", name="下書きを保存").click()
        expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
        page.locator('[data-side-panel-toggle="status"]').click()  # ⓘ ステータス
        page.get_by_role("button", name="予定を設定").click()
        go_live = go_live_about_a_minute_ahead()
        go_live_field = page.locator("#id_go_live_at")
        go_live_field.fill(go_live.strftime("%Y-%m-%d %H:%M"))
        # Typed, not picked: the date pickers' calendars stay open over the button, so the
        # editor reaches it from the keyboard. It saves the draft with its schedule.
        page.get_by_role("button", name="予定を保存").press("Enter")
        expect(page.locator(".messages")).to_contain_text(title)
        expect(page.locator("footer")).to_contain_text("予約公開")  # the schedule is saved
        publish = page.locator("footer .w-dropdown__toggle")
        publish.click()
        page.get_by_role("button", name="予約公開").click()
        expect(page.locator(".messages")).to_contain_text(title)

        path = live_site.shell(  # the scheduled one (Wagtail's autosave may leave a twin draft)
            "from news.models import NewsPage\n"
            f"print(NewsPage.objects.get(title='{title}', go_live_at__isnull=False).url)"
        ).strip()
        assert datetime.datetime.now(JAPAN) < go_live
        assert live_site.get(path)[0] == 404  # not before its time
        deadline = go_live + datetime.timedelta(seconds=75)  # live by the minute after
        while live_site.get(path)[0] != 200:
            assert worker.poll() is None, "the worker stopped"
            assert datetime.datetime.now(JAPAN) < deadline, "not published in time"
            time.sleep(1)

    page.goto("/news/")
    page.get_by_role("main").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


PREPARE_WORKSHOP_TO_REPORT = """
from events.models import EventPage
from website.fiscal import fiscal_year
held = EventPage.objects.get(slug="2021-needs-workshop-1-1")
event = EventPage.objects.filter(slug="browser-workshop-to-report").first() or held.copy(
    update_attrs={"slug": "browser-workshop-to-report",
                  "title": "官民ニーズ課題解決ワークショップ（ブラウザ試験回）"},
    keep_live=True,
)
assert not event.held
print(event.pk, fiscal_year(event.start))
"""


def citizen_participation_figure(page, year):
    page.goto(f"/kpi/?year={year}")
    figure = page.locator("#kpi-lessons-and-workshops .kpi-table__result").inner_text()
    return int(figure.replace(",", "").rstrip("回").strip())


@pytest.mark.parametrize("device", ["desktop"], indirect=True)
def test_editor_marks_a_workshop_as_held_and_the_kpi_figure_goes_up_by_one(page, live_site):
    event_id, year = live_site.shell(PREPARE_WORKSHOP_TO_REPORT).split()
    before = citizen_participation_figure(page, year)

    log_in_to_the_admin(page)
    page.goto(f"/admin/pages/{event_id}/edit/")
    page.get_by_role("tab", name="開催報告").click()
    page.get_by_role("checkbox", name="開催済み").check()
    page.locator("#id_participants").fill("24")
    publish_in_the_admin(page)
    expect(page.locator(".messages")).to_contain_text("公開しました")

    assert citizen_participation_figure(page, year) == before + 1
    row = page.locator("#kpi-lessons-and-workshops")
    expect(row).to_contain_text("出前授業およびワークショップ開催数")
    row.scroll_into_view_if_needed()
    assert_accessible(page)


# --- 6. Japanese search --------------------------------------------------------------------


def search_for(page, words):
    box = page.get_by_role("main").get_by_role("searchbox")
    box.fill(words)
    box.press("Enter")
    # The search page's own form also sends its section filter (…&section=).
    page.wait_for_url(lambda url: path_of(url).startswith(f"/search/?q={words}"))


def test_visitor_searches_in_japanese_and_finds_the_expected_pages(page):
    page.goto("/search/")
    search_for(page, "橋梁")
    results = page.get_by_role("main")
    # A word inside a case study and one only in a news item's body text.
    expect(results.get_by_role("link", name="橋の長寿命化計画を市民と一緒につくる")).to_be_visible()
    expect(
        results.get_by_role("link", name="ピッチイベントで技術を提案していただける企業を募集します")
    ).to_be_visible()
    assert_accessible(page)

    search_for(page, "出前授業")
    expect(
        results.get_by_role("link", name="小学校への出前授業のお申込みを受け付けています")
    ).to_be_visible()
    # Nothing about bridges only.
    expect(results.get_by_role("link", name="町内会の「橋の見守り隊」")).to_have_count(0)
    assert_accessible(page)


# --- 3. Events: calendar, registration, .ics, a full event ---------------------------------

PREPARE_EVENT_WITH_ONE_PLACE = """
from events.models import EventPage
workshop = EventPage.objects.get(slug="upcoming-bridge-inspection-workshop")
event = EventPage.objects.filter(slug="{slug}").first() or workshop.copy(
    update_attrs={{"slug": "{slug}", "title": "{title}", "capacity": 1,
                  "waiting_list_enabled": False}},
    keep_live=True,
)
print(event.start.astimezone(__import__("website.dates").dates.JAPAN).strftime("%Y-%m"))
"""


def register(page, name, email):
    page.get_by_label("氏名").fill(name)
    page.get_by_label("メールアドレス").fill(email)
    if page.get_by_role("radio", name="市民").count():
        page.get_by_role("radio", name="市民").check()
    page.get_by_label("プライバシーポリシーに同意します").check()
    page.get_by_role("button", name="申し込む").click()


def test_visitor_registers_for_an_event_from_the_calendar_and_a_second_finds_it_full(
    page, live_site, browser, device
):
    slug, title = f"browser-one-place-{device}", f"少人数の点検体験講座（{device}）"
    month = live_site.shell(PREPARE_EVENT_WITH_ONE_PLACE.format(slug=slug, title=title)).strip()

    # A second visitor opens the form while the last place is still free.
    second_context = new_context(browser, live_site, device)
    second = second_context.new_page()
    second.goto(f"/events/{slug}/register/")
    expect(second.get_by_text("残り1名分")).to_be_visible()

    page.goto("/events/")
    page.get_by_role("navigation", name="表示の切り替え").get_by_role(
        "link", name="カレンダー"
    ).click()
    calendar = page.locator(".event-calendar")
    # Wait for the calendar page itself before counting its days, not the list it replaces.
    expect(page).to_have_url(re.compile(r"/events/calendar/"))
    expect(calendar).to_be_visible()
    if page.locator(f'.event-calendar__day[data-date^="{month}"]').count() == 0:
        calendar.locator("a[rel=next]").click()
    expect(page.locator(f'.event-calendar__day[data-date^="{month}"]').first).to_be_attached()
    assert_accessible(page)
    calendar.get_by_role("link", name=title).click()
    expect(page).to_have_url(f"/events/{slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("定員")).to_be_visible()

    # The way to register is offered at the top of the page and again in its section.
    expect(page.get_by_role("link", name="参加を申し込む")).to_have_count(2)
    page.get_by_role("link", name="参加を申し込む").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("参加申込み")
    # One deliberate mistake: an e-mail address without a domain.
    register(page, "見学 花子", "hanako@")
    expect(page.locator("#id_email_error")).to_be_visible()  # next to the field
    expect(page.get_by_label("氏名")).to_have_value("見学 花子")
    # Validate before axe-core injects its script into the page.
    assert_valid_html({"event registration with an error": page.content()})
    assert_accessible(page)
    page.get_by_label("メールアドレス").fill(f"hanako-{device}@example.jp")
    page.get_by_role("button", name="申し込む").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("お申し込みの確認")
    expect(page.get_by_role("status")).to_contain_text("参加が確定しています")
    with page.expect_download() as download:
        page.get_by_role("link", name="カレンダーアプリに追加（.ics形式）").click()
    calendar_file = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    events = calendar_file.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == [title]
    assert events[0].decoded("DTSTART").strftime("%Y-%m") == month
    assert any(
        mail.subject and f"hanako-{device}@example.jp" in mail.to for mail in live_site.sent_mail()
    )
    assert_accessible(page)
    page.screenshot(path=screenshot_path(f"test_journeys__registration_confirmed[{device}]"))

    # The second visitor sends the form they had open: the only place has gone.
    register(second, "参加 太郎", f"taro-{device}@example.jp")
    expect(second.locator(".error-summary")).to_contain_text("満席")
    assert_accessible(second)
    second.goto(f"/events/{slug}/")
    expect(second.get_by_text("満席", exact=True).first).to_be_visible()
    expect(second.get_by_role("link", name="参加を申し込む")).to_have_count(0)
    assert_accessible(second)
    second.screenshot(
        path=screenshot_path(f"test_journeys__second_registrant_finds_it_full[{device}]"),
        full_page=True,
    )
    second_context.close()

    # The first registrant cancels from their own page (the e-mailed link): a POST that
    # must pass the CSRF check in a real browser.
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="お申し込みをキャンセルする").click()
    expect(page.get_by_role("status")).to_contain_text("キャンセルされています")
