"""The site search in two languages: a link to the same words in the other language's search,
the sections each language offers and their names, and the passage of a result (no sentence
said twice, no word cut in two)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site
from wagtail.rich_text import RichText

from tests.events.factories import EventIndexPageFactory
from tests.factories import StandardPageFactory
from tests.i18n.conftest import translate
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.outreach.factories import LessonIndexPageFactory
from website.models import SiteSettings
from website.search.pages import PageSearch, written_in
from website.search.snippets import highlight, without_repeats

pytestmark = pytest.mark.django_db


def html_of(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def elsewhere_link(html):
    found = re.search(
        r'<p class="search-elsewhere"><a href="([^"]+)" hreflang="(\w+)">(.*?)</a>', html
    )
    return found and found.groups()


@pytest.fixture
def bilingual(home_page):
    """A news item in Japanese and English, and a Japanese-only one, under translated lists."""
    english_home = translate(home_page, title="Home")
    index = NewsIndexPageFactory(parent=home_page)
    bridge = NewsPageFactory(
        parent=index, title="橋の見守り隊が発足", summary="町内会が橋を見守ります。"
    )
    NewsPageFactory(parent=index, title="橋の清掃活動", summary="地域で橋を清掃しました。")
    translate(index, title="News", introduction="News in English.")
    translate(
        bridge,
        title="A neighbourhood bridge watch",
        summary="Residents formed a bridge watch.",
    )
    return {"home": home_page, "english_home": english_home, "index": index}


def test_japanese_search_with_no_result_links_the_english_results(client, bilingual):
    html = html_of(client, "/search/", q="bridge")
    assert "「bridge」に一致するページは見つかりませんでした。" in html
    assert elsewhere_link(html) == (
        "/en/search/?q=bridge",
        "en",
        "英語版のページで「bridge」を探す（1件）",
    )
    assert "A neighbourhood <mark>bridge</mark> watch" in html_of(client, "/en/search/", q="bridge")


def test_english_search_with_no_result_links_the_japanese_results(client, bilingual):
    html = html_of(client, "/en/search/", q="橋")
    assert "No pages match “橋”." in html
    href, language, text = elsewhere_link(html)
    assert (href, language) == ("/search/?q=%E6%A9%8B", "ja")
    assert text == "Search the Japanese pages for “橋” (2 results)"


def test_words_plainly_in_the_other_language_get_the_link_beside_the_results(client, bilingual):
    # 橋 finds the English page too (its Japanese source is not what is indexed, but an
    # English page may quote a Japanese name): a Japanese word on the English site.
    page = bilingual["index"].get_translations().get().get_children().get().specific
    page.summary = "Residents formed a bridge watch (橋の見守り隊)."
    page.save_revision().publish()
    html = html_of(client, "/en/search/", q="橋")
    assert "Results for “橋”: 1" in html
    assert elsewhere_link(html)[2] == "Search the Japanese pages for “橋” (2 results)"
    # A Japanese word that the Japanese pages do not have: no link to nothing.
    assert elsewhere_link(html_of(client, "/en/search/", q="見守り隊 存在しない")) is None


def test_no_link_when_the_other_language_finds_nothing_either(client, bilingual):
    html = html_of(client, "/search/", q="drone")
    assert "見つかりませんでした" in html
    assert elsewhere_link(html) is None
    # Found in Japanese, and not plainly English: nothing to offer.
    assert elsewhere_link(html_of(client, "/search/", q="橋")) is None


@pytest.mark.parametrize(
    ("query", "japanese", "english"),
    [
        ("橋", True, False),
        ("bridge inspection", False, True),
        ("Drone", False, True),
        ("DX", False, False),  # an abbreviation Japanese texts use
        ("IoT", False, False),
        ("AI 点検", True, False),
    ],
)
def test_which_language_a_query_is_plainly_in(query, japanese, english):
    assert written_in(query, "ja") is japanese
    assert written_in(query, "en") is english


def test_the_other_languages_count_costs_at_most_one_statement_and_is_remembered(
    client, bilingual, settings, monkeypatch
):
    def queries(path, **params):
        with CaptureQueriesContext(connection) as captured:
            html_of(client, path, **params)
        return len(captured)

    html_of(client, "/search/", q="bridge")  # warm the content types and the site
    with_link = queries("/search/", q="bridge")
    monkeypatch.setattr(PageSearch, "elsewhere", None)
    without_link = queries("/search/", q="bridge")
    monkeypatch.undo()
    # PostgreSQL: the other language's forums, pages and counts in one statement; SQLite
    # counts the pages, then searches the forums and keeps the English ones.
    assert with_link - without_link <= (1 if connection.vendor == "postgresql" else 3)

    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.FRAGMENT_CACHE_ENABLED = True
    html_of(client, "/search/", q="bridge")
    remembered = queries("/search/", q="bridge")
    monkeypatch.setattr(PageSearch, "elsewhere", None)
    assert queries("/search/", q="bridge") == remembered  # the link costs nothing now
    monkeypatch.undo()
    # The English search finds its counts where the Japanese one left them.
    monkeypatch.setattr(PageSearch, "_count_sections", lambda *args: pytest.fail("counted"))
    assert "News (1)" in html_of(client, "/en/search/", q="bridge")


def options(html):
    select = re.search(r'<select id="search-section".*?</select>', html, re.S)[0]
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_each_language_offers_the_sections_it_has_with_their_names(client, bilingual):
    home = bilingual["home"]
    events = EventIndexPageFactory(parent=home)
    LessonIndexPageFactory(parent=home)
    translate(events, title="Events", introduction="Events in English.")

    assert options(html_of(client, "/search/")) == [
        ("", "すべて"),
        ("ニュース", "ニュース"),
        ("イベント", "イベント"),
        ("出前授業", "出前授業"),
        ("フォーラム", "フォーラム"),
        ("ページ", "ページ"),
    ]
    # No case list in either language, no lessons in English (/en/lessons/ is a 404);
    # sections are named in the plural, as the others: "Events", not "Event".
    english = html_of(client, "/en/search/", q="bridge")
    assert options(english) == [
        ("", "All"),
        ("ニュース", "News"),
        ("イベント", "Events"),
        ("フォーラム", "Forums"),
        ("ページ", "Pages"),
    ]
    assert "News (1)" in english
    # A section asked for in the address stays chosen.
    chosen = html_of(client, "/en/search/", q="bridge", section="出前授業")
    assert ("出前授業", "School lessons") in options(chosen)
    assert "<title>Results for “bridge” (School lessons)" in chosen


def test_a_passage_does_not_repeat_the_summary_that_begins_the_body(client, home_page):
    summary = "マッチングで選ばれた企業のドローン点検技術を、市道橋で試行します。"
    StandardPageFactory(
        parent=home_page,
        title="ドローンによる点検の試行",
        introduction=summary,
        body=[
            ("paragraph", RichText("<p>堺市内の市道橋</p>")),
            ("paragraph", RichText(f"<p>{summary}桁下の狭い空間での飛行を試しました。</p>")),
        ],
    )
    html = html_of(client, "/search/", q="桁下")
    passage = re.search(r'<p class="search-result__snippet">(.*?)</p>', html, re.S)[1]
    assert passage.count("市道橋で試行します。") == 1
    assert "堺市内の市道橋 <mark>桁下</mark>の狭い空間" in passage


def test_repeated_sentences_are_left_out_of_a_passage_and_short_ones_kept():
    assert without_repeats("点検を行います。 会場 東京都 点検を行います。 結果を報告します。") == (
        "点検を行います。 会場 東京都 結果を報告します。"
    )
    # Sentences that run on without spaces keep them so.
    assert without_repeats("橋を点検しました。結果を報告します。結果を報告します。") == (
        "橋を点検しました。結果を報告します。"
    )
    assert without_repeats("雨天中止。雨天中止。") == "雨天中止。雨天中止。"
    english = "Residents formed a bridge watch. Hanoi Residents formed a bridge watch. More."
    assert without_repeats(english) == english  # a sentence not at a sentence's start is kept
    assert without_repeats("We met. We talked. We met. Done.") == "We met. We talked. We met. Done."
    assert without_repeats("The watch began in 2021. The watch began in 2021.") == (
        "The watch began in 2021."
    )


def test_an_english_passage_starts_and_ends_with_whole_words():
    text = (
        "The city changed little for years, until a flood in 2019 showed how the bridges had "
        "aged without anyone noticing any change. Residents formed a bridge watch: on walks "
        "and while seeing children to school they look at the bridges and tell the city."
    )
    assert highlight(text, ["watch"], length=120) == (
        "…Residents formed a bridge <mark>watch</mark>: on walks and while seeing children to "
        "school they look at the bridges and tell the…"
    )
    assert highlight(text, ["flood"], length=120) == (
        "…little for years, until a <mark>flood</mark> in 2019 showed how the bridges had aged "
        "without anyone noticing any change.…"
    )
    # Japanese is cut at a character, as before.
    japanese = "あ" * 100 + "橋梁" + "い" * 100
    assert highlight(japanese, ["橋梁"], length=40) == f"…{'あ' * 30}<mark>橋梁</mark>{'い' * 8}…"
