"""The English version: Japanese at the root as before, English under /en/ where a
page has been translated, and nothing else in English."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import ForumFactory

pytestmark = pytest.mark.django_db


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode())[1]


# --- URLs ---------------------------------------------------------------------------------


def test_japanese_urls_are_unchanged(client, about, english_about):
    assert about.url == "/about/"
    assert reverse("search") == "/search/"
    assert reverse("forum_index") == "/forums/"
    assert reverse("sitemap_page") == "/sitemap/"
    assert reverse("sitemap") == "/sitemap.xml"
    for path in ("/", "/about/", "/search/", "/forums/", "/sitemap/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert html_lang(response) == "ja", path
    # A browser that prefers English still gets the Japanese page at a Japanese address.
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(response) == "ja"
    assert "国民会議について" in response.content.decode()


def test_english_pages_live_under_en(client, english_home, english_about):
    assert english_home.url == "/en/"
    assert english_about.url == "/en/about/"
    for path, title in (
        ("/en/", "Infrastructure maintenance"),
        ("/en/about/", "About the Council"),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert html_lang(response) == "en"
        html = response.content.decode()
        assert title in html
        assert '<meta property="og:locale" content="en_GB">' in html
        assert "Skip to main content" in html  # the interface is English too
        assert "本文へ移動" not in html
        # The members' area is Japanese: its link says so, in English.
        assert "Members' login (in Japanese)" in html
        assert "会員ログイン" not in html
    home_title = re.search(r"<title>(.*?)</title>", client.get("/en/").content.decode()).group(1)
    assert home_title == "Home | Infrastructure Maintenance National Council"
    for path in ("/en/search/", "/en/forums/", "/en/sitemap/"):
        assert html_lang(client.get(path)) == "en", path


def test_a_page_without_a_translation_is_a_404_in_english(client, english_home, japanese_only):
    assert client.get("/japanese-only/").status_code == 200
    response = client.get("/en/japanese-only/")
    assert response.status_code == 404
    assert html_lang(response) == "en"
    assert "We could not find that page" in response.content.decode()


def test_without_an_english_home_page_nothing_is_english(client, about):
    """The Japanese page must never be served at /en/ in an English frame."""
    assert client.get("/en/").status_code == 404
    assert client.get("/en/about/").status_code == 404


# --- switcher and alternates ----------------------------------------------------------------


def test_hreflang_alternates_both_ways(client, about, english_about):
    japanese = client.get("/about/").content.decode()
    english = client.get("/en/about/").content.decode()
    for html in (japanese, english):
        assert '<link rel="alternate" hreflang="ja" href="http://testserver/about/">' in html
        assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about/">' in html
        assert '<link rel="alternate" hreflang="x-default" href="http://testserver/about/">' in html
    assert '<link rel="canonical" href="http://testserver/en/about/">' in english


def test_the_switcher_offers_a_language_only_where_a_translation_exists(
    client, english_about, japanese_only
):
    japanese = client.get("/about/").content.decode()
    assert '<a href="/en/about/" hreflang="en" lang="en">English</a>' in japanese
    english = client.get("/en/about/").content.decode()
    assert '<a href="/about/" hreflang="ja" lang="ja">日本語</a>' in english

    untranslated = client.get("/japanese-only/").content.decode()
    assert "language-switcher" not in untranslated
    assert 'hreflang="en"' not in untranslated


def test_the_english_menu_lists_english_pages_only(client, english_about, japanese_only):
    english = client.get("/en/").content.decode()
    menu = english.split('<nav class="main-nav"')[1].split("</nav>")[0]
    assert 'href="/en/about/"' in menu
    assert "About the Council" in menu
    assert "japanese-only" not in menu
    assert "日本語だけ" not in english
    japanese_menu = client.get("/").content.decode().split('<nav class="main-nav"')[1]
    assert 'href="/japanese-only/"' in japanese_menu
    assert "/en/" not in japanese_menu.split("</nav>")[0]


# --- sitemap -------------------------------------------------------------------------------


def test_the_sitemap_lists_each_language_with_its_alternates(client, english_about, japanese_only):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/en/about/</loc>" in xml
    assert "<loc>http://testserver/about/</loc>" in xml
    assert "<loc>http://testserver/japanese-only/</loc>" in xml
    assert "/en/japanese-only/" not in xml
    about_entry = xml.split("<loc>http://testserver/en/about/</loc>")[1].split("</url>")[0]
    assert 'hreflang="ja" href="http://testserver/about/"' in about_entry
    assert 'hreflang="en" href="http://testserver/en/about/"' in about_entry
    only_entry = xml.split("<loc>http://testserver/japanese-only/</loc>")[1].split("</url>")[0]
    assert "hreflang" not in only_entry


# --- forums --------------------------------------------------------------------------------


def test_forums_with_an_english_name_have_an_english_page(client, english_home):
    ForumFactory(
        slug="overseas",
        name="海外市場展開フォーラム",
        name_en="Overseas Market Expansion Forum",
        short_description_en="Seminars with partners in 48 countries.",
    )
    ForumFactory(slug="kinki", name="近畿本部フォーラム", regional=True)

    listing = client.get("/en/forums/").content.decode()
    assert "Overseas Market Expansion Forum" in listing
    assert "近畿本部フォーラム" not in listing
    page = client.get("/en/forums/overseas/")
    assert page.status_code == 200
    assert "Seminars with partners in 48 countries." in page.content.decode()
    assert '<a href="/forums/overseas/" hreflang="ja" lang="ja">日本語</a>' in (
        page.content.decode()
    )
    assert client.get("/en/forums/kinki/").status_code == 404
    # Japanese as before: every forum, its Japanese page offering English only when there is one.
    assert "近畿本部フォーラム" in client.get("/forums/").content.decode()
    assert "language-switcher" not in client.get("/forums/kinki/").content.decode()
    assert 'href="/en/forums/overseas/"' in client.get("/forums/overseas/").content.decode()

    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/en/forums/overseas/</loc>" in xml
    assert "/en/forums/kinki/" not in xml


def test_an_english_forum_page_without_an_english_description_still_says_what_it_is(
    client, english_home
):
    from website.models import Prefecture

    ForumFactory(
        slug="kyushu",
        name="九州フォーラム",
        name_en="Kyushu Forum",
        regional=True,
        prefectures=Prefecture.objects.filter(code__in=["40", "41"]),
    )

    html = client.get("/en/forums/kyushu/").content.decode()
    assert "The Kyushu Forum is one of the Council's forums." in html
    assert '<a href="/forums/kyushu/" hreflang="ja">Its page in Japanese</a>' in html
    assert "Area: Fukuoka, Saga" in html and "福岡県" not in html
    html = client.get("/forums/kyushu/").content.decode()
    assert "対象地域：福岡県、佐賀県" in html and "one of the Council" not in html


# --- dates and fiscal years ------------------------------------------------------------------


def test_english_dates_are_in_japan_time_and_say_jst():
    import datetime

    from website import dates, fiscal
    from website.dates import JAPAN

    # 15:30 UTC on 30 June is already 1 July in Japan.
    moment = datetime.datetime(2021, 6, 30, 15, 30, tzinfo=datetime.UTC)
    start = datetime.datetime(2021, 7, 1, 13, 0, tzinfo=JAPAN)
    end = datetime.datetime(2021, 7, 1, 17, 0, tzinfo=JAPAN)
    with translation.override("en"):
        assert dates.format_day(moment) == "1 July 2021"
        assert dates.format_moment(moment) == "1 July 2021, 00:30 JST"
        assert dates.format_period(start, end, all_day=False) == (
            "Thu 1 July 2021, 13:00–17:00 JST"
        )
        assert dates.month_label(2021, 7) == "July 2021"
        assert fiscal.fiscal_year_label(2021) == "FY2021"
        assert fiscal.fiscal_year_full_label(2021) == "FY2021 (April 2021 – March 2022)"
        # 1 April 00:00 JST (31 March 15:00 UTC) opens the next fiscal year.
        new_year = datetime.datetime(2022, 3, 31, 15, 0, tzinfo=datetime.UTC)
        assert fiscal.fiscal_year_label(fiscal.fiscal_year(new_year)) == "FY2022"
        just_before = new_year - datetime.timedelta(seconds=1)
        assert fiscal.fiscal_year_label(fiscal.fiscal_year(just_before)) == "FY2021"
    # Japanese as before.
    assert dates.format_day(moment) == "2021年7月1日"
    assert dates.format_period(start, end, all_day=False) == "2021年7月1日（木） 13:00〜17:00"
    assert fiscal.fiscal_year_full_label(2021) == "2021年度（令和3年度）"


def test_an_alias_of_a_japanese_page_is_not_english(client, english_home, about):
    """wagtail-localize makes an untranslated parent an alias of the Japanese page (Japanese
    text): it is neither served nor listed in English."""
    from wagtail.models import Locale

    alias = about.copy_for_translation(Locale.objects.get(language_code="en"), alias=True)
    assert alias.live and alias.url == "/en/about/"
    assert client.get("/en/about/").status_code == 404
    assert 'href="/en/about/"' not in client.get("/en/").content.decode()
    assert "/en/about/" not in client.get("/sitemap.xml").content.decode()
    assert 'hreflang="en"' not in client.get("/about/").content.decode()


def test_english_words_are_indexed_with_their_stems_and_japanese_as_before():
    from website.search import text

    with text.english():
        assert ("inspections", "inspect") in text.index_positions("Inspections")
        alternatives = text.query_alternatives("inspecting")
        assert [("inspecting",)] in alternatives[0] and [("inspect",)] in alternatives[0]
        # Japanese words in an English page are indexed as on a Japanese page.
        japanese = text.index_positions("橋梁点検")
    assert japanese == text.index_positions("橋梁点検")
    assert text.index_positions("Inspections") == [("inspections",)]
    assert text.query_alternatives("inspecting") == [[[("inspecting",)]]]


def test_the_language_versions_are_read_once_for_hreflang_and_the_switcher(
    client, about, english_about
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/about/")
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/about/").content.decode()
    assert 'hreflang="en" href="http://testserver/en/about/"' in html
    assert '<a href="/en/about/" hreflang="en" lang="en">English</a>' in html
    translations = [q["sql"] for q in captured if '"translation_key" =' in q["sql"]]
    assert len(translations) == 1


# --- message catalogues ---------------------------------------------------------------------

CATALOGUES = [
    "locale/en/LC_MESSAGES/django.po",
    "website/locale/ja/LC_MESSAGES/django.po",
    "website/locale/ja/LC_MESSAGES/djangojs.po",
]


@pytest.mark.parametrize("catalogue", CATALOGUES)
def test_each_catalogue_compiles_to_the_committed_mo_file(catalogue, tmp_path):
    """Django reads only the .mo file: a .po edited and not compiled (or one that msgfmt
    refuses, e.g. a message defined twice) shows the old text on the site."""
    import gettext
    import shutil
    import subprocess
    from pathlib import Path

    from django.conf import settings

    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (GNU gettext) is needed to check the message catalogues"
    source = Path(settings.BASE_DIR) / catalogue
    compiled = tmp_path / "compiled.mo"
    result = subprocess.run(
        [msgfmt, "--check-format", "-o", str(compiled), str(source)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with compiled.open("rb") as fresh, source.with_suffix(".mo").open("rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == (
            gettext.GNUTranslations(fresh)._catalog
        ), f"compile it: msgfmt -o {catalogue[:-3]}.mo {catalogue}"
