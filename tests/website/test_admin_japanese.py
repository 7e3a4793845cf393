"""Everything an editor meets in the admin is Japanese.

Opens the screens of an editor's day and fails on any text from the maintained list of
English strings that Wagtail 8's Japanese catalogue lacks (scripts/admin_translations.py is
the list and its translations): a Wagtail upgrade that renames one brings the English back.
It also fails on any string of Wagtail's own (English) catalogues that has no Japanese, ours
included: a Wagtail upgrade that adds English to these screens is noticed at once.
"""

import re
import runpy
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Collection

from tests.factories import ImageFactory
from tests.kpi.factories import ActivityFactory
from tests.news.factories import NewsPageFactory
from tests.website.test_teams import news_form

TABLE = runpy.run_path(str(Path(settings.BASE_DIR) / "scripts" / "admin_translations.py"))


def visible(text):
    """Strings as a person sees them: tags dropped, whitespace collapsed."""
    return " ".join(BeautifulSoup(text, "html.parser").get_text().split())


KNOWN_ENGLISH = {
    visible(msgid)
    for msgid in [
        *TABLE["SINGULAR"],
        *TABLE["SCRIPT"],
        *(plural for pair in TABLE["PLURAL"] for plural in pair),
    ]
    if "%(" not in msgid and msgid not in {"None", "Any"}
}


def untranslated_wagtail_strings():
    """Every msgid of Wagtail's catalogues (its English ones list them all) that has no
    Japanese in Wagtail's catalogue nor ours, as it shows on a screen."""
    import wagtail
    from django.utils import translation

    quoted = r'((?:"(?:[^"\\]|\\.)*"\n)+)'
    entry = re.compile(rf"^msgid {quoted}(?:msgid_plural {quoted})?", re.MULTILINE)

    def text(block):
        return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block)).replace('\\"', '"')

    found = set()
    with translation.override("ja"):
        for catalogue in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"):
            for match in entry.finditer(catalogue.read_text()):
                one, many = text(match.group(1)), match.group(2) and text(match.group(2))
                if not one or "%(" in one or not re.search("[a-z]{2}", one):
                    continue
                if many and translation.ngettext(one, many, 2) == many:
                    found.update(msgid for msgid in (one, many) if "%(" not in msgid)
                elif not many and translation.gettext(one) == one:
                    found.add(one)
    return {visible(msgid) for msgid in found} - {""}


KNOWN_ENGLISH |= untranslated_wagtail_strings()
# Strings with a placeholder, as they start on the screen.
KNOWN_ENGLISH_STARTS = (
    "Exploring",  # the page explorer's title, "Exploring: <page> - Wagtail"
    "More options for '",
    "Sort by '",
    "Step ",
    "Referenced ",
    "Changes requested by ",
    "Approved by ",
    "Cancelled by ",
    "To be created by ",
    "Anyone can edit this ",
    "Search in '",
    "Sorry, no pages match",
)
# A listing's count, "1-5 of 12 ニュース".
KNOWN_ENGLISH_PATTERN = re.compile(r"^\d[\d,]*-\d[\d,]* of \d")


def sidebar(client):
    """The admin's menus, which the page carries as JSON (non-ASCII as \\uXXXX escapes)."""
    return re.sub(
        r"\\u([0-9a-fA-F]{4})",
        lambda escape: chr(int(escape.group(1), 16)),
        client.get("/admin/").content.decode(),
    )


def english_on(html):
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style"]):
        element.decompose()
    texts = [" ".join(s.split()) for s in soup.find_all(string=True) if not isinstance(s, Comment)]
    for element in soup.find_all(True):
        for name in ("aria-label", "title", "placeholder", "alt"):
            if element.get(name):
                texts.append(" ".join(element[name].split()))
    return sorted(
        {
            text
            for text in texts
            if text in KNOWN_ENGLISH
            or (text.startswith(KNOWN_ENGLISH_STARTS) and re.search(r"[A-Za-z]{4,}", text))
            or KNOWN_ENGLISH_PATTERN.match(text)
        }
    )


@pytest.fixture
def screens(admin_client, news_index, kyushu):
    news = NewsPageFactory(parent=news_index, forum=kyushu, title="九州のお知らせ")
    ImageFactory()
    ActivityFactory(forum=kyushu, title="九州の出前授業")
    return news


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/pages/{news}/edit/",
        "/admin/pages/{index}/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/news_pages/?forum={forum}",
        "/admin/snippets/kpi/activity/?forum={forum}",
        "/admin/snippets/kpi/enteredfigure/",
        "/admin/event_registrations/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/forms/",  # an empty list without a model's name: "There are no results."
    ],
)
def test_admin_screens_show_no_known_english(admin_client, screens, news_index, kyushu, url):
    url = url.format(news=screens.pk, index=news_index.pk, forum=kyushu.pk)
    response = admin_client.get(url)
    assert response.status_code == 200
    assert english_on(response.content.decode()) == []


@pytest.mark.django_db
def test_a_page_with_a_validation_error_and_its_schedule_dialog_are_japanese(
    admin_client, screens, kyushu
):
    response = admin_client.post(
        f"/admin/pages/{screens.pk}/edit/", news_form(kyushu, title="", summary="")
    )
    html = response.content.decode()
    assert response.status_code == 200 and "必須" in html
    assert "公開の予定を設定" in html and "予定を保存" in html  # the schedule dialog
    assert english_on(html) == []


@pytest.mark.django_db
def test_the_list_of_known_english_is_meaningful():
    # The check would pass vacuously if the table lost its entries.
    assert {"Set publishing schedule", "Autosave is paused", "Last login"} <= KNOWN_ENGLISH
    # Wagtail strings that have no Japanese anywhere (not on the screens tested here).
    assert {"Workflow completed", "Are you sure you want to delete this image?"} <= KNOWN_ENGLISH
    html = '<button aria-label="Set publishing schedule">x</button><p>Last login</p>'
    assert english_on(html) == ["Last login", "Set publishing schedule"]


@pytest.mark.django_db
def test_the_admin_scripts_get_our_japanese_too(admin_client):
    # Django writes the catalog's non-ASCII as \uXXXX escapes in JavaScript strings.
    catalog = re.sub(
        r"\\u([0-9a-fA-F]{4})",
        lambda escape: chr(int(escape.group(1), 16)),
        admin_client.get("/admin/jsi18n/").content.decode(),
    )
    for msgstr in TABLE["SCRIPT"].values():
        assert msgstr in catalog


@pytest.fixture
def in_review(client, kyushu_editor, news_index, kyushu):
    """九州's news, submitted by its editor to 広報部会 through the edit view."""
    news = NewsPageFactory(
        parent=news_index, forum=kyushu, title="九州の提出済みのお知らせ", live=False
    )
    client.force_login(kyushu_editor)
    response = client.post(
        f"/admin/pages/{news.pk}/edit/",
        news_form(kyushu, title=news.title, slug=news.slug, **{"action-submit": "submit"}),
    )
    assert response.status_code == 302
    news.refresh_from_db()
    assert news.workflow_in_progress
    return news


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/pages/",
        "/admin/pages/{news}/edit/",
        "/admin/pages/{index}/",
        "/admin/pages/search/?q=%E4%B9%9D%E5%B7%9E",
        "/admin/news_pages/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/pages/{news}/history/",
        "/admin/reports/workflow/",
        "/admin/account/",
        "/admin/guide/",
    ],
)
def test_a_forum_editors_screens_show_no_known_english(
    client, kyushu_editor, in_review, news_index, url
):
    ImageFactory()
    client.force_login(kyushu_editor)
    # /admin/pages/ sends the editor on to the part of the tree they may explore.
    response = client.get(url.format(news=in_review.pk, index=news_index.pk), follow=True)
    assert response.status_code == 200
    assert english_on(response.content.decode()) == []


@pytest.mark.django_db
def test_a_reviewers_dashboard_and_the_page_in_review_are_japanese(client, reviewer, in_review):
    client.force_login(reviewer)
    html = client.get("/admin/").content.decode()
    assert "あなたの承認待ち" in html and in_review.title in html
    assert english_on(html) == []
    html = client.get(f"/admin/pages/{in_review.pk}/edit/").content.decode()
    assert "承認待ち" in html  # the status side panel
    assert english_on(html) == []


@pytest.mark.django_db
def test_a_scheduled_pages_publish_button_and_status_are_japanese(admin_client, news_index, kyushu):
    news = NewsPageFactory(
        parent=news_index, forum=kyushu, title="九州の予約するお知らせ", live=False
    )
    form = news_form(kyushu, title=news.title, slug=news.slug, go_live_at="2099-12-01 10:00")
    admin_client.post(f"/admin/pages/{news.pk}/edit/", form)  # saved as a draft with the schedule
    html = admin_client.get(f"/admin/pages/{news.pk}/edit/").content.decode()
    assert "予約公開" in html and "公開予定日時：" in html
    assert english_on(html) == []


@pytest.mark.django_db
def test_the_explorers_root_level_explains_itself_in_japanese(admin_client, home_page):
    """Wagtail 8's notes on the root level have no Japanese of their own."""
    html = admin_client.get("/admin/pages/").content.decode()
    assert "ここに作成したページは" in html and "どの URL でも表示されません" in html
    assert "Pages created here" not in html and "If you just want" not in html


@pytest.mark.django_db
def test_an_editors_avatar_is_the_admins_own_image_not_gravatars(client, kyushu_editor):
    client.force_login(kyushu_editor)
    html = client.get("/admin/").content.decode()
    avatars = BeautifulSoup(html, "html.parser").select(".avatar img")
    assert avatars and all("default-user-avatar" in image["src"] for image in avatars)
    assert "gravatar" not in html


@pytest.mark.django_db
def test_submitting_a_live_page_for_approval_reads_as_japanese_throughout(
    client, kyushu_editor, reviewer, news_index, kyushu
):
    # Seen in session 15's review: "LIVE + IN MODERATION", "Sent to 広報部会の確認 a minute
    # ago", "Reviewers can edit this ページ – lock it…", and moderation as 「調整」.
    news = NewsPageFactory(parent=news_index, forum=kyushu, title="九州の公開中のお知らせ")
    client.force_login(kyushu_editor)
    response = client.post(
        f"/admin/pages/{news.pk}/edit/",
        news_form(kyushu, title=news.title, slug=news.slug, **{"action-submit": "submit"}),
        follow=True,
    )
    html = response.content.decode()
    assert f"ページ「{news.title}」の承認を依頼しました。" in html
    assert "調整" not in html
    html = visible(client.get(f"/admin/pages/{news.pk}/edit/").content.decode())
    assert re.search(r"「[^」]+」へ送信（(今|\d+\S*前)）", html)
    assert "このページは承認を待っています。" in html
    assert not re.search(r"Sent to|\bnow\b|awaiting moderation|Only reviewers", html)
    html = visible(client.get(f"/admin/pages/{news_index.pk}/").content.decode())
    assert "公開中＋承認待ち" in html
    assert "live + in moderation" not in html.lower()

    client.force_login(reviewer)
    html = visible(client.get(f"/admin/pages/{news.pk}/edit/").content.decode())
    assert "承認する人はこのページを編集できます" in html
    assert "Reviewers can" not in html


@pytest.mark.django_db
def test_an_empty_list_says_so_in_japanese(client, kyushu_editor):
    client.force_login(kyushu_editor)
    html = visible(client.get("/admin/event_registrations/").content.decode())
    assert "There are no" not in html
    assert "参加申込み" in html and ("ありません" in html)


@pytest.mark.django_db
def test_the_page_searchs_count_names_no_none(client, kyushu_editor, news_index, kyushu):
    NewsPageFactory.create_batch(2, parent=news_index, forum=kyushu, title="九州の記事")
    client.force_login(kyushu_editor)
    html = visible(client.get("/admin/pages/search/?q=%E4%B9%9D%E5%B7%9E").content.decode())
    assert "2 件中 1〜2 件" in html
    assert "None" not in html


@pytest.mark.django_db
def test_wagtails_unnatural_japanese_is_reworded(admin_client, news_index):
    from django.urls import reverse

    html = admin_client.get(f"/admin/pages/add/news/newspage/{news_index.pk}/").content.decode()
    assert "サイトに表示されるページのタイトル" in html
    assert "一般公開のもとで" not in html
    assert "検索結果に表示する説明文" in html and "meta description" not in visible(html).lower()
    listing = admin_client.get(reverse("wagtailsnippets_news_newscategory:list"))
    html = listing.content.decode()
    assert "ニュースのカテゴリーを追加" in html and "カテゴリー を追加" not in html


def test_every_string_of_the_table_reads_in_our_japanese():
    """The compiled catalogue is the one Django uses, ahead of Wagtail's own Japanese."""
    from django.utils import translation

    with translation.override("ja"):
        for msgid, msgstr in TABLE["SINGULAR"].items():
            assert translation.gettext(msgid) == msgstr, msgid
        for (one, many), msgstr in TABLE["PLURAL"].items():
            assert translation.ngettext(one, many, 3) == msgstr, one


@pytest.mark.django_db
def test_lists_mark_yes_and_no_fields_instead_of_true_and_false(admin_client):
    from tests.matching.factories import NeedFactory, NeedsSurveyFactory, SeedFactory
    from tests.members.factories import MemberOrganisationFactory

    NeedFactory(is_public=True)
    NeedFactory(is_public=False)
    SeedFactory(anonymous=True)
    NeedsSurveyFactory()
    MemberOrganisationFactory()
    for url in (
        "/admin/snippets/matching/need/",
        "/admin/snippets/matching/seed/",
        "/admin/snippets/matching/needssurvey/",
        "/admin/snippets/members/memberorganisation/",
        "/admin/snippets/members/localgovernment/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        cells = re.findall(r"<td[^>]*>\s*(True|False)\s*</td>", response.content.decode())
        assert not cells, url


@pytest.mark.django_db
def test_the_admins_tabs_are_named_after_the_site_and_the_menu(admin_client):
    from django.test import Client

    html = admin_client.get("/admin/event_registrations/").content.decode()
    title = re.search(r"<title>([^<]*)</title>", html)[1]
    assert title == "イベント参加申込み - 管理画面｜インフラメンテナンス国民会議"
    login = Client().get("/admin/login/").content.decode()
    assert "Wagtail</title>" not in login and "管理画面｜" in login


@pytest.mark.django_db
def test_the_aging_pages_report_names_nobody_as_nobody(admin_client, screens):
    # The news was published without a user (as a scheduled or imported page is): Wagtail
    # printed "None" in the 最後に公開した人 column.
    screens.last_published_at = timezone.now() - timedelta(days=400)
    screens.save(update_fields=["last_published_at"])
    html = admin_client.get("/admin/reports/aging-pages/").content.decode()
    rows = BeautifulSoup(html, "html.parser").select("tbody tr")
    row = next(row for row in rows if screens.title in visible(str(row)))
    cells = [visible(str(cell)) for cell in row.find_all("td")]
    assert "None" not in cells and "—記録なし" in cells  # a dash, and words for screen readers
    assert "最終公開日（この日以前）" in html  # the filter
    assert english_on(html) == []


@pytest.mark.django_db
def test_the_sites_list_names_its_columns_in_japanese(admin_client):
    html = admin_client.get("/admin/sites/").content.decode()
    headers = [visible(str(th)) for th in BeautifulSoup(html, "html.parser").select("thead th")]
    assert {"ポート番号", "サイト名", "ルートページ"} <= set(headers)
    assert not {"Port", "Site name", "Root page"} & set(headers)


@pytest.mark.django_db
def test_the_reviewers_keep_search_promotions_in_japanese(client, reviewer, news_index):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    client.force_login(reviewer)
    assert "検索のおすすめ" in sidebar(client)  # in the 設定 menu
    query = Query.get("出前授業")
    SearchPromotion.objects.create(query=query, page=news_index, description="説明")
    for url in (
        "/admin/searchpicks/",
        "/admin/searchpicks/add/",
        f"/admin/searchpicks/{query.pk}/",
        f"/admin/searchpicks/{query.pk}/delete/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert english_on(html) == [], url
        assert "External link text" not in html, url
        # Searches are not recorded: no list of popular terms to choose from.
        assert "人気の検索ワードから選択" not in html, url

    added = client.post(
        "/admin/searchpicks/add/",
        {
            "query_string": "ニュース",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": str(news_index.pk),
            "editors_picks-0-description": "お知らせの一覧です。",
            "editors_picks-0-ORDER": "1",
        },
        follow=True,
    )
    assert "「ニュース」のおすすめを作成しました。" in added.content.decode()
    assert SearchPromotion.objects.filter(query__query_string="ニュース", page=news_index).exists()


@pytest.mark.django_db
def test_the_report_of_search_terms_is_not_offered(admin_client):
    # It counts the searches the search view records; ours records none, so it stays empty.
    assert reverse("wagtailsearchpromotions:search_terms") not in sidebar(admin_client)
    assert "/admin/reports/site-history/" in sidebar(admin_client)  # the other reports stay


# --- strings editors reported in English after the first round (Wagtail 8 has no Japanese) ---


def script_catalogue(client):
    """The admin's JavaScript catalogue (/admin/jsi18n/), its \\uXXXX escapes decoded."""
    return re.sub(
        r"\\u([0-9a-fA-F]{4})",
        lambda escape: chr(int(escape.group(1), 16)),
        client.get("/admin/jsi18n/").content.decode(),
    )


@pytest.mark.django_db
def test_the_block_picker_and_an_empty_rich_text_block_read_in_japanese(admin_client):
    from django.contrib.staticfiles import finders

    catalogue = script_catalogue(admin_client)
    for msgid, japanese, bundle in [
        ("Search options…", "項目を検索…", "vendor.js"),
        (
            "Write something or type ‘/’ to insert a block",
            "文章を入力するか、「/」を入力してブロックを挿入します",
            "draftail.js",
        ),
    ]:
        # The msgid as Wagtail's compiled scripts ask for it (an upgrade that rewords it
        # brings the English back), and our Japanese for it.
        script = Path(finders.find(f"wagtailadmin/js/{bundle}")).read_text()
        assert f'("{msgid}")' in script, msgid
        assert f'"{msgid}": "{japanese}"' in catalogue, msgid


@pytest.mark.django_db
def test_the_site_history_reads_in_japanese(admin_client, screens):
    from wagtail.log_actions import log

    log(
        screens,
        "wagtail.rename",
        data={"title": {"old": "九州の旧いお知らせ", "new": screens.title}},
    )
    log(
        screens,
        "wagtail.copy_for_translation",
        data={"source": {"title": "九州の元のお知らせ"}, "source_locale": {"language_code": "ja"}},
    )
    log(
        screens,
        "wagtail.publish.schedule",
        data={
            "revision": {
                "id": 1,
                "created": "2099-11-30T10:00:00+09:00",
                "go_live_at": "2099-12-01T10:00:00+09:00",
                "has_live_version": False,
            }
        },
    )
    response = admin_client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    html = response.content.decode()
    headers = [visible(str(th)) for th in BeautifulSoup(html, "html.parser").select("thead th")]
    assert "日時" in headers and "Date / Time" not in headers
    text = visible(html)
    assert f"タイトルを「九州の旧いお知らせ」から「{screens.title}」に変更しました" in text
    assert "「九州の元のお知らせ」（日本語）から翻訳用に複製しました" in text
    assert re.search(r"ページを2099年12月1日 ?10:00に公開するよう予約しました", text)
    assert not re.search(r"Renamed from|Copied for translation|scheduled for publishing", text)
    assert english_on(html) == []


@pytest.mark.django_db
def test_the_account_pages_display_settings_are_japanese(client, kyushu_editor):
    client.force_login(kyushu_editor)
    html = client.get("/admin/account/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    labels = {visible(str(label)).rstrip("*") for label in soup("label")}
    assert {"テーマ", "コントラスト", "表示の密度"} <= labels
    assert not {"Admin theme", "Contrast", "Density"} & labels
    choices = {visible(str(option)) for option in soup("option")}
    assert {
        "システムの設定に合わせる",
        "ライト",
        "ダーク",
        "コントラストを高く",
        "詰めて表示",
    } <= choices
    assert english_on(html) == []


@pytest.mark.django_db
def test_the_page_types_usage_report_names_its_columns_in_japanese(admin_client, screens):
    html = admin_client.get("/admin/reports/page-types-usage/").content.decode()
    headers = [visible(str(th)) for th in BeautifulSoup(html, "html.parser").select("thead th")]
    assert "アプリケーション" in headers and "App" not in headers
    assert english_on(html) == []


@pytest.mark.django_db
def test_an_empty_translations_report_says_so_in_japanese(admin_client):
    response = admin_client.get(reverse("wagtail_localize:translations_report"))
    assert response.status_code == 200
    text = visible(response.content.decode())
    assert "翻訳は見つかりませんでした。" in text and "No translations found" not in text


@pytest.mark.django_db
def test_the_group_editor_names_the_models_own_permissions_in_japanese(admin_client):
    html = admin_client.get(reverse("wagtailusers_groups:add")).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    headers = {visible(str(th)) for th in soup.select("thead th")}
    assert "個別の権限" in headers and "Custom permissions" not in headers
    # The column's checkboxes: 公開 for the snippets with drafts, 閲覧, 翻訳の作成…
    custom = {visible(str(label)) for label in soup.select("td fieldset label")}
    assert {"公開", "閲覧", "翻訳の作成"} <= custom
    assert not [label for label in custom if label.startswith("Can ")]
    assert "管理画面へのログイン" in visible(html)  # the other permissions
    assert not re.search(r"Can publish|Can view|Can submit translations|Toggle all", visible(html))


@pytest.mark.django_db
def test_the_workflows_list_counts_snippet_types_in_japanese(admin_client):
    html = visible(admin_client.get("/admin/workflows/list/").content.decode())
    assert re.search(r"\d+ 種類のスニペット", html)
    assert "snippet type" not in html


@pytest.mark.django_db
def test_snippet_messages_quote_the_name_as_page_messages_do(admin_client):
    from news.models import NewsCategory

    urls = "wagtailsnippets_news_newscategory"
    form = {"name": "出前授業の報告", "slug": "lesson-report", "sort_order": "10"}
    response = admin_client.post(reverse(f"{urls}:add"), form, follow=True)
    text = visible(response.content.decode())
    assert "ニュースのカテゴリー「出前授業の報告」を作成しました。" in text
    category = NewsCategory.objects.get(slug="lesson-report")

    response = admin_client.post(
        reverse(f"{urls}:edit", args=[category.pk]), {**form, "name": "出前授業"}, follow=True
    )
    assert "ニュースのカテゴリー「出前授業」を更新しました。" in visible(response.content.decode())

    # Its history counts the entries in Japanese ("2 model log entries" before).
    text = visible(
        admin_client.get(reverse(f"{urls}:history", args=[category.pk])).content.decode()
    )
    assert "2 件の記録" in text and "log entr" not in text

    response = admin_client.post(reverse(f"{urls}:delete", args=[category.pk]), follow=True)
    text = visible(response.content.decode())
    assert "ニュースのカテゴリー「出前授業」を削除しました。" in text
    assert "'出前授業'" not in text and "が削除されました" not in text


@pytest.mark.django_db
def test_page_messages_quote_the_title_in_japanese_brackets(admin_client, news_index, kyushu):
    from news.models import NewsPage

    add = f"/admin/pages/add/news/newspage/{news_index.pk}/"
    response = admin_client.post(add, news_form(kyushu, title="九州の下書き"), follow=True)
    assert "ページ「九州の下書き」を作成しました。" in visible(response.content.decode())
    form = news_form(kyushu, title="九州の公開記事", slug="2026-12-03-kyushu-news")
    response = admin_client.post(add, {**form, "action-publish": "action-publish"}, follow=True)
    assert "ページ「九州の公開記事」を作成して公開しました。" in visible(response.content.decode())

    page = NewsPage.objects.get(title="九州の公開記事")
    text = visible(admin_client.get(f"/admin/pages/{page.pk}/history/").content.decode())
    assert re.search(r"\d+ 件の記録", text) and "ログエントリー" not in text


# --- the third round: a reviewer's list of English and unnatural Japanese ---


@pytest.mark.django_db
def test_the_image_choosers_duplicate_upload_reads_in_japanese(admin_client):
    from tests.website.test_image_alt_text import png

    def upload():
        return admin_client.post(
            reverse("wagtailimages_chooser:create"),
            {
                "image-chooser-upload-title": "橋の写真",
                "image-chooser-upload-file": png(),
                "image-chooser-upload-description": "点検中の橋",
                "image-chooser-upload-tags": "",
            },
        )

    upload()
    data = upload().json()
    assert data["step"] == "duplicate_found"
    text = visible(data["htmlFragment"])
    assert "アップロードしました。ただし、既にある画像と同じもののようです。" in text
    assert "既存" in text and "新しい画像を使う" in text
    assert "既存の画像を使い、新しい画像は削除" in text
    assert not re.search(r"Upload successful|Existing|Use new image|Use existing", text)


@pytest.mark.django_db
def test_deleting_and_unpublishing_a_page_count_in_japanese(admin_client, news_index, kyushu):
    news = NewsPageFactory.create_batch(4, parent=news_index, forum=kyushu)
    text = visible(admin_client.get(f"/admin/pages/{news[0].pk}/delete/").content.decode())
    assert "このニュースは 0 か所で使われています。" in text
    assert "is referenced" not in text
    text = visible(admin_client.get(f"/admin/pages/{news_index.pk}/delete/").content.decode())
    assert "このページを削除すると、子ページ 4 件も削除されます。" in text
    assert "will also delete" not in text
    html = admin_client.get(f"/admin/pages/{news_index.pk}/unpublish/").content.decode()
    text = visible(html)
    assert "このページには子ページが 4 件あります。子ページも非公開にする" in text
    assert "subpages" not in text and "Unpublish these" not in text
    assert english_on(html) == []


@pytest.fixture
def changes_requested(client, kyushu_editor, reviewer, in_review):
    """九州's news, sent back by 広報部会 with a request for changes."""
    client.force_login(reviewer)
    task_state = in_review.current_workflow_task_state
    client.post(
        f"/admin/pages/workflow/action/{in_review.pk}/reject/{task_state.pk}/",
        {"comment": "写真の説明文を入れてください。"},
    )
    in_review.refresh_from_db()
    assert in_review.current_workflow_state.status == "needs_changes"
    return in_review


@pytest.mark.django_db
def test_the_status_panel_of_a_page_sent_back_reads_in_japanese(
    client, kyushu_editor, changes_requested
):
    client.force_login(kyushu_editor)
    html = client.get(f"/admin/pages/{changes_requested.pk}/edit/").content.decode()
    text = visible(html)
    assert re.search(r"修正依頼（(たった今|今|\d+\S*前)）", text)  # "Changes requested now"
    # "15:42 by 九州", when it was sent today
    assert re.search(r"\d{1,2}:\d{2}（[^）]+）", text)
    assert not re.search(r"\d{1,2}:\d{2} by |Changes requested", text)
    # The workflow dialog's heading (in a <template>): Wagtail's Japanese said 「編集者：」
    heading = re.search(r'class="w-dialog__message-heading">([^<]*)<', html)[1]
    assert re.fullmatch(r"修正依頼（\S+） 提出した人：kyushu", " ".join(heading.split()))
    assert "使用状況 0 か所で使われています" in text
    assert "使用法" not in text and "回使われています" not in text
    assert english_on(html) == []


@pytest.mark.django_db
def test_a_request_for_changes_is_called_修正依頼_everywhere(admin_client, changes_requested):
    page = changes_requested
    for url in (
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        f"/admin/pages/{page.pk}/workflow_history/",
        f"/admin/pages/{page.pk}/history/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        text = visible(response.content.decode())
        assert "修正依頼" in text, url
        assert not re.search(r"要変更|修正の依頼|Needs changes|Rejected", text), url
        assert english_on(response.content.decode()) == [], url


@pytest.mark.django_db
def test_a_pages_versions_are_版_and_their_comparison_is_japanese(admin_client, screens):
    screens.title = "九州のお知らせ（改）"
    first = screens.save_revision(user=None, log_action=True)
    second = screens.save_revision(user=None, log_action=True)
    html = admin_client.get(f"/admin/pages/{screens.pk}/history/").content.decode()
    text = visible(html)
    assert "前の版と比較する" in text
    assert "改定" not in text and "Compare with" not in text
    url = reverse("wagtailadmin_pages:revisions_compare", args=[screens.pk, first.pk, second.pk])
    html = admin_client.get(url).content.decode()
    heading = visible(str(BeautifulSoup(html, "html.parser").select_one("h1")))
    assert heading.startswith("版の比較")
    assert "Compare" not in visible(html)
    assert english_on(html) == []


@pytest.mark.django_db
def test_a_snippet_choosers_title_reads_in_japanese_word_order(admin_client):
    for url, title in (
        (reverse("wagtailsnippetchoosers_news_newscategory:choose"), "ニュースのカテゴリーを選択"),
        (reverse("wagtailsnippetchoosers_kpi_indicator:choose"), "KPI指標を選択"),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.json()["html"]
        heading = visible(str(BeautifulSoup(html, "html.parser").select_one("h1")))
        assert heading == title, url
    # The image chooser keeps its own title.
    html = admin_client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert visible(str(BeautifulSoup(html, "html.parser").select_one("h1"))) == "画像を選択"


@pytest.mark.django_db
def test_a_tabs_count_of_errors_is_japanese_for_screen_readers(admin_client):
    from django.contrib.staticfiles import finders

    # The tab's "(1 error)" and the minimap's count come from the admin's scripts.
    for bundle in ("core.js", "wagtailadmin.js"):
        script = Path(finders.find(f"wagtailadmin/js/{bundle}")).read_text()
        assert '("%(num)s error","%(num)s errors",' in script, bundle
    catalogue = script_catalogue(admin_client)
    assert re.search(r'"%\(num\)s error": \[\s*"エラー %\(num\)s 件"\s*\]', catalogue)


@pytest.mark.django_db
def test_the_users_list_marks_active_users_in_japanese(admin_client, kyushu_editor):
    kyushu_editor.is_active = False
    kyushu_editor.save()
    html = admin_client.get("/admin/users/").content.decode()
    cells = [visible(str(td)) for td in BeautifulSoup(html, "html.parser").select("td.status")]
    assert "はい" in cells and "いいえ" in cells
    assert not {"True", "False", "None"} & set(cells)


# --- the fourth round: an admin review as kyushu-editor and koho-reviewer ---


@pytest.mark.django_db
def test_the_promote_tabs_title_for_search_engines_reads_as_japanese(admin_client, screens):
    html = admin_client.get(f"/admin/pages/{screens.pk}/edit/").content.decode()
    label = BeautifulSoup(html, "html.parser").select_one("label[for=id_seo_title]")
    assert visible(str(label)) == "検索結果に表示するタイトル"  # Wagtail: 「title タグ」
    text = visible(html)
    assert "検索結果やブラウザのタブ、SNSでの共有に表示するタイトルです。" in text
    assert "空欄ならページのタイトルを使います。" in text
    assert "検索結果でタイトルの下に表示する説明文です。" in text
    assert not re.search(r"title タグ|ヘッドライン|説明テキスト", text, re.IGNORECASE)


@pytest.mark.django_db
def test_a_headings_sublabel_is_joined_by_a_japanese_colon(admin_client):
    """The separator only screen readers get (Wagtail's ": ", as in 「フォーム: ページ」)."""
    html = admin_client.get("/admin/forms/").content.decode()
    breadcrumbs = BeautifulSoup(html, "html.parser").select_one("[data-w-breadcrumbs]")
    separators = [span.get_text() for span in breadcrumbs.select(".w-sr-only")]
    assert separators == ["："]
    assert "".join(visible(str(breadcrumbs)).split()) == "ホームフォーム：ページ"
    assert "該当するものはありません。" in visible(html)


def test_the_breadcrumbs_override_keeps_wagtails_items_but_the_separator():
    """templates/wagtailadmin/shared/breadcrumbs.html copies Wagtail's items to change one
    string: an upgrade that changes them shows here."""
    import wagtail

    def items(path):
        block = re.search(
            r"{% block breadcrumbs_items %}(.*?){% endblock %}", path.read_text(), re.DOTALL
        )[1]
        return [line.strip() for line in block.splitlines() if line.strip()]

    template = "templates/wagtailadmin/shared/breadcrumbs.html"
    ours = items(Path(settings.BASE_DIR) / template)
    wagtails = items(Path(wagtail.__file__).parent / "admin" / template)
    separator = '<span class="w-sr-only">{}</span>'
    assert ours == [
        line.replace(separator.format(": "), separator.format("：")) for line in wagtails
    ]
    assert separator.format("：") in ours


@pytest.mark.django_db
def test_the_screen_readers_labels_of_the_menu_and_panels_are_japanese(admin_client):
    from django.contrib.staticfiles import finders

    catalogue = script_catalogue(admin_client)
    for msgid, japanese, bundle in [
        ("Main menu", "メインメニュー", "sidebar.js"),
        ("Toggle sidebar", "サイドバーの表示を切り替え", "sidebar.js"),
        ("Toggle side panel", "サイドパネルの表示を切り替え", "wagtailadmin.js"),
        ("Toggle section", "セクションの表示を切り替え", "telepath/blocks.js"),
    ]:
        script = Path(finders.find(f"wagtailadmin/js/{bundle}")).read_text()
        assert f'("{msgid}")' in script, msgid  # the scripts ask for it, not the templates
        assert f'"{msgid}": "{japanese}"' in catalogue, msgid


@pytest.mark.django_db
def test_an_image_that_cannot_be_added_says_why_in_plain_japanese(client, kyushu_editor):
    client.force_login(kyushu_editor)
    response = client.post("/admin/images/add/", {"title": "橋の写真", "tags": ""})
    assert response.status_code == 200
    text = visible(response.content.decode())
    assert "入力に誤りがあるため、画像を追加できませんでした。" in text
    assert "生成" not in text and "エラーにより" not in text


@pytest.mark.django_db
def test_the_edit_menu_tells_resubmitting_from_restarting(client, kyushu_editor, changes_requested):
    client.force_login(kyushu_editor)
    html = client.get(f"/admin/pages/{changes_requested.pk}/edit/").content.decode()
    footer = BeautifulSoup(html, "html.parser").select_one("footer")
    buttons = {visible(str(button)) for button in footer.select("button")}
    # Wagtail's resume (the step that asked for changes looks again) and its restart (the
    # request starts over at the first step), formerly 「ワークフローを再開」.
    assert {"広報部会の確認に再提出する", "最初の段階から承認を依頼し直す"} <= buttons
    assert "その他の操作" in visible(str(footer))  # the arrow beside 下書きを保存
    assert "ワークフローを再開" not in visible(html) and "他のアクション" not in visible(html)

    response = client.post(
        f"/admin/pages/{changes_requested.pk}/edit/",
        news_form(
            changes_requested.forum,
            title=changes_requested.title,
            slug=changes_requested.slug,
            **{"action-restart-workflow": "restart"},
        ),
        follow=True,
    )
    text = visible(response.content.decode())
    assert f"ページ「{changes_requested.title}」の承認を最初の段階から依頼し直しました。" in text


@pytest.mark.django_db
def test_the_image_listing_says_it_shows_only_the_images_one_may_edit(
    client, kyushu_editor, reviewer
):
    ImageFactory()  # uploaded by someone else: the forum's editor may choose it, not edit it
    note = "ここには、あなたが編集できる画像だけが表示されます。"
    client.force_login(kyushu_editor)
    text = visible(client.get("/admin/images/").content.decode())
    assert note in text and "ページの編集画面の画像選択から使えます。" in text
    assert "あなたがアップロードした画像はまだありません。" in text
    assert "まだ画像がアップロードされていません" not in text
    # the same in the results the search box fetches
    results = client.get(reverse("wagtailimages:index_results"), {"q": "橋"})
    assert note in visible(results.content.decode())

    client.force_login(reviewer)  # 広報部会 edits every image: all are listed, no note
    text = visible(client.get("/admin/images/").content.decode())
    assert note not in text and "画像" in text


@pytest.mark.django_db
def test_the_document_listing_says_it_shows_only_the_documents_one_may_edit(
    client, kyushu_editor, reviewer
):
    document = Document(title="橋の点検要領", collection=Collection.get_first_root_node())
    document.file.save("inspection.pdf", ContentFile(b"%PDF-1.4 guide"), save=True)
    note = "ここには、あなたが編集できるドキュメントだけが表示されます。"
    client.force_login(kyushu_editor)  # may choose the document, not edit it
    text = visible(client.get("/admin/documents/").content.decode())
    assert note in text and "ページの編集画面のドキュメント選択から使えます。" in text
    assert "橋の点検要領" not in text
    # Wagtail's own 「まだドキュメントがアップロードされていません」 would contradict the note
    assert "あなたがアップロードしたドキュメントはまだありません。" in text
    assert "まだドキュメントがアップロードされていません" not in text
    assert "橋の点検要領" in visible(client.get("/admin/documents/chooser/").json()["html"])
    # the same in the results the search box fetches
    results = client.get(reverse("wagtaildocs:index_results"), {"q": "橋"})
    assert note in visible(results.content.decode())

    client.force_login(reviewer)  # 広報部会 edits every document: all are listed, no note
    text = visible(client.get("/admin/documents/").content.decode())
    assert note not in text and "橋の点検要領" in text
