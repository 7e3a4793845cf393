"""What is per language besides the pages themselves: the page and fragment caches,
the site search, the news feeds, and event pages whose registration form is Japanese."""

import re

import feedparser
import pytest
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Site

from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import ForumFactory, prefecture
from tests.i18n.conftest import translate
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from website.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def caches_on(settings, home_page):
    # The site's settings exist, as on any running site (made on first use, they would make
    # the first page rendered stale at once).
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True
    for cache in caches.all():
        cache.clear()


def test_a_cached_english_page_is_never_served_to_a_japanese_visitor(
    client, caches_on, english_about
):
    english = client.get("/en/about/")
    assert english["X-Cache"] == "MISS"
    assert "About the Council" in english.content.decode()

    japanese = client.get("/about/")
    assert japanese["X-Cache"] == "MISS"  # not the English page kept a moment ago
    html = japanese.content.decode()
    assert '<html lang="ja"' in html
    assert "国民会議について" in html
    # The menu and footer are fragments kept per language too.
    assert "メインメニュー" in html and "Main menu" not in html

    again = client.get("/about/")
    assert again["X-Cache"] == "HIT"
    assert '<html lang="ja"' in again.content.decode()
    english_again = client.get("/en/about/")
    assert english_again["X-Cache"] == "HIT"
    assert '<html lang="en"' in english_again.content.decode()
    assert "Main menu" in english_again.content.decode()


def test_the_japanese_page_cached_first_is_never_served_in_english(
    client, caches_on, english_about
):
    assert client.get("/")["X-Cache"] == "MISS"
    english = client.get("/en/")
    assert english["X-Cache"] == "MISS"
    html = english.content.decode()
    assert '<html lang="en"' in html
    assert "トップ</a>" not in html  # the Japanese menu fragment was not reused


@pytest.fixture
def bilingual_news(home_page, english_home):
    overseas = ForumFactory(
        slug="overseas", name="海外市場展開フォーラム", name_en="Overseas Market Expansion Forum"
    )
    index = NewsIndexPageFactory(parent=home_page)
    japanese = NewsPageFactory(
        parent=index,
        forum=overseas,
        title="海外の橋梁点検セミナー",
        summary="ベトナムの技術者に橋梁の点検を紹介しました。",
    )
    only_japanese = NewsPageFactory(parent=index, forum=overseas, title="日本語だけのお知らせ")
    english_index = translate(index, title="News", introduction="News in English.")
    english = translate(
        japanese,
        title="Seminar on bridge inspections abroad",
        summary="Engineers from Viet Nam learned how bridges are inspected in Japan.",
    )
    return {
        "index": index,
        "english_index": english_index,
        "japanese": japanese,
        "english": english,
        "only_japanese": only_japanese,
    }


def test_english_search_finds_word_stems_and_english_pages_only(client, bilingual_news):
    english_url = bilingual_news["english"].url
    japanese_url = bilingual_news["japanese"].url
    english = client.get("/en/search/", {"q": "inspection"}).content.decode()
    assert f'href="{english_url}"' in english  # inspection → inspections
    assert f'href="{japanese_url}"' not in english
    stemmed = client.get("/en/search/", {"q": "inspected bridge"}).content.decode()
    assert f'href="{english_url}"' in stemmed

    japanese = client.get("/search/", {"q": "点検"}).content.decode()
    assert f'href="{japanese_url}"' in japanese
    assert f'href="{english_url}"' not in japanese
    # Japanese search is as it was: no stems, and no English pages.
    assert (
        f'href="{english_url}"' not in client.get("/search/", {"q": "inspection"}).content.decode()
    )
    assert (
        "日本語だけのお知らせ"
        not in client.get("/en/search/", {"q": "日本語だけ"}).content.decode()
    )


def test_news_lists_and_feeds_are_per_language(client, bilingual_news):
    listing = client.get("/en/news/").content.decode()
    assert "Seminar on bridge inspections abroad" in listing
    assert "日本語だけのお知らせ" not in listing
    assert "Overseas Market Expansion Forum" in listing

    feed = feedparser.parse(client.get("/en/news/feed/rss/").content)
    assert [entry.title for entry in feed.entries] == ["Seminar on bridge inspections abroad"]
    assert feed.feed.title == "News | Infrastructure Maintenance National Council"
    assert feed.feed.language == "en"
    assert (
        feed.entries[0].link == "http://testserver/en/news/" + bilingual_news["english"].slug + "/"
    )

    japanese = feedparser.parse(client.get("/news/feed/rss/").content)
    titles = [entry.title for entry in japanese.entries]
    assert "Seminar on bridge inspections abroad" not in titles
    assert "海外の橋梁点検セミナー" in titles
    assert japanese.feed.language == "ja"

    page = client.get(bilingual_news["english"].url).content.decode()
    assert "1 July 2021" in page  # the factory's date, in English
    assert "2021年" not in page


def test_an_english_event_page_says_its_registration_form_is_japanese(
    client, home_page, english_home
):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(
        parent=index,
        title="海外セミナー",
        registration_mode="site",
        capacity=30,
        forum=ForumFactory(slug="overseas", name_en="Overseas Market Expansion Forum"),
    )
    translate(index, title="Events")
    english = translate(event, title="Overseas seminar", summary="An online seminar.")

    html = client.get(english.url).content.decode()
    assert "The registration form for this event is in Japanese only." in html
    assert f'href="{event.url}register/" hreflang="ja"' in html
    assert "JST" in html  # the date and time
    assert "参加を申し込む" not in html

    response = client.get(english.url + "register/")
    assert response.status_code == 302
    assert response["Location"] == event.url + "register/"
    # The Japanese page is as it was.
    assert "参加を申し込む" in client.get(event.url).content.decode()


def test_an_empty_english_event_list_leads_to_the_japanese_one(client, home_page, english_home):
    # It only said "There are no upcoming events at the moment." while the Japanese list had six.
    index = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=index, title="橋の点検ワークショップ")
    translate(index, title="Events")
    english = client.get("/en/events/").content.decode()
    assert "There are no upcoming events at the moment." in english
    assert "Most of our events are announced in Japanese only." in english
    assert f'<a href="{index.url}" hreflang="ja">See the list of events in Japanese</a>' in english
    japanese = client.get(index.url).content.decode()
    assert "橋の点検ワークショップ" in japanese
    assert "日本語だけでお知らせ" not in japanese
    # The English home page's events section says the same.
    home = client.get("/en/").content.decode()
    section = home[home.index('id="home-events-heading"') :]
    section = section[: section.index("</section>")]
    assert "There are no upcoming events at the moment." in section
    assert f'<a href="{index.url}" hreflang="ja">See the list of events in Japanese</a>' in section
    assert "日本語だけでお知らせ" not in client.get("/").content.decode()


def test_the_english_calendar_is_read_out_and_labelled_in_english(client, home_page, english_home):
    index = EventIndexPageFactory(parent=home_page)
    translate(index, title="Events")
    # November 2026: Culture Day (3rd) and Labour Thanksgiving Day (23rd).
    html = client.get("/en/events/calendar/?month=2026-11").content.decode()
    grid = html[html.index('<div class="event-calendar"') : html.index("</table>")]
    assert "0 events this month." in grid
    assert "Move between days with the arrow keys." in grid
    assert '<abbr title="Sunday">Sun</abbr>' in grid
    assert ", public holiday (Culture Day), no events" in grid
    assert "Labour Thanksgiving Day" in grid
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    assert not japanese.findall(grid)

    # The Japanese calendar as before.
    html = client.get("/events/calendar/?month=2026-11").content.decode()
    assert "この月のイベント：0件。" in html
    assert "日（火） 祝日（文化の日） イベントなし" in html
    assert '<abbr title="日曜日">日</abbr>' in html


def test_substitute_holidays_have_english_names():
    import datetime

    from website import dates

    # 6 May 2024 was the substitute holiday for Children's Day (a Sunday).
    with translation.override("en"):
        may = dates.holidays_in_month(2024, 5)
        assert may[datetime.date(2024, 5, 6)] == "Substitute holiday (Children's Day)"
        assert datetime.date(2024, 5, 7) not in may
    assert dates.holidays_in_month(2024, 5)[datetime.date(2024, 5, 6)] == "こどもの日 振替休日"


def test_the_english_news_list_names_categories_and_the_mailings_in_english(client, bilingual_news):
    from news.models import NewsCategory

    NewsCategory.objects.update_or_create(slug="press-release", defaults={"name": "プレスリリース"})
    html = client.get("/en/news/").content.decode()
    assert ">Press release<" in html
    assert "プレスリリース" not in html
    # The e-mails and their form are Japanese: the English page says so and links the form.
    assert "The Council sends its news and event notices by e-mail, in Japanese." in html
    assert 'href="/mail/subscribe/" hreflang="ja"' in html
    assert "メールアドレス" not in html and "登録する" not in html

    html = client.get("/news/").content.decode()
    assert ">プレスリリース<" in html and "メールアドレス" in html


def test_a_forums_english_name_finds_it_but_is_not_quoted_in_japanese_results(client, english_home):
    ForumFactory(
        name="九州フォーラム",
        slug="kyushu",
        kind="regional",
        short_description="九州の自治体と企業が集まります。",
        name_en="Kyushu Forum",
        short_description_en="Local governments and companies of Kyushu.",
    )
    japanese = client.get("/search/", {"q": "九州"}).content.decode()
    assert 'href="/forums/kyushu/"' in japanese
    passage = re.search(r'<p class="search-result__snippet">(.*?)</p>', japanese).group(1)
    assert "<mark>九州</mark>の自治体と企業が集まります。" in passage
    assert "Kyushu" not in passage and "Local governments" not in passage
    english = client.get("/en/search/", {"q": "Kyushu"}).content.decode()
    assert 'href="/en/forums/kyushu/"' in english


def test_an_english_page_is_indexed_with_what_it_shows_in_english(client, home_page, english_home):
    """Its search passage quotes the English page: no Japanese prefecture, kind or forum."""
    from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory

    forum = ForumFactory(slug="hokuriku", name="北陸フォーラム", name_en="Hokuriku Forum")
    index = CaseStudyIndexPageFactory(parent=home_page)
    case = CaseStudyPageFactory(
        parent=index,
        forum=forum,
        prefecture=prefecture("15"),
        municipality="長岡市",
        title="町内会の「橋の見守り隊」",
    )
    translate(index, title="Collaboration cases")
    english = translate(
        case,
        title="Bridge watchers of a neighbourhood",
        municipality="Nagaoka",
        summary="Residents and the city watch their small bridges together.",
    )

    html = client.get("/en/search/", {"q": "Nagaoka"}).content.decode()
    passage = html[html.index(f'href="{english.url}"') :].split("</li>")[0]
    assert "<mark>Nagaoka</mark>, Niigata" in passage and "Hokuriku Forum" in passage
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", passage)
    # The Japanese page is indexed in Japanese, as before.
    japanese = client.get("/search/", {"q": "長岡市"}).content.decode()
    assert "新潟県<mark>長岡市</mark>" in japanese and "北陸フォーラム" in japanese


def test_the_english_news_feeds_read_as_english(client, bilingual_news):
    listing = client.get("/en/news/", {"forum": "overseas"}).content.decode()
    feeds = listing[listing.index('<p class="news-feeds">') :].split("</p>")[0]
    assert "<strong>RSS feed</strong>: add it to a feed reader" in feeds
    # The two feeds are separated in English, not by a full-width slash.
    assert " / <a " in feeds and "／" not in feeds

    forum = client.get("/en/forums/overseas/").content.decode()
    assert "All news from the Overseas Market Expansion Forum</a> (<a" in forum
    assert 'type="application/rss+xml">RSS feed</a>' in forum
    assert "News feed (RSS)" not in forum  # no brackets inside brackets
    # Japanese as before.
    japanese = client.get("/news/", {"forum": "overseas"}).content.decode()
    assert "／<a" in japanese and "更新情報の配信（RSS）" in japanese


def test_english_lists_of_model_cases_are_headed_in_the_plural(client, home_page, english_home):
    from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory

    index = CaseStudyIndexPageFactory(parent=home_page)
    case = CaseStudyPageFactory(parent=index, is_model_case=True, title="橋の見守り隊")
    translate(index, title="Collaboration cases")
    translate(case, title="A bridge watch", municipality="Nagaoka")

    for path, heading_id in (
        ("/en/cases/", "model-cases-heading"),
        ("/en/", "home-model-cases-heading"),
    ):
        html = client.get(path).content.decode()
        assert f'<h2 id="{heading_id}">Model cases</h2>' in html, path
        assert '<span class="badge">Model case</span>' in html, path  # one case's badge
    japanese = client.get("/cases/").content.decode()
    assert '<h2 id="model-cases-heading">モデル事例</h2>' in japanese
    assert '<span class="badge">モデル事例</span>' in japanese


def test_the_english_demo_names_the_council_and_says_where_a_link_is_japanese():
    from website import demo_english

    def texts(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from texts(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from texts(item)

    contents = [
        demo_english.HOME,
        demo_english.ABOUT,
        demo_english.NEWS,
        demo_english.CASES,
        demo_english.EVENTS,
    ]
    for text in texts(contents):
        # The Infrastructure Maintenance National Council is "the Council" in English.
        assert "the council" not in text, text
    # The Japan Society of Civil Engineers' address is its Japanese site.
    links = demo_english.CASES["pupils-learn-tunnel-inspection"]["links"]
    assert links == ["Japan Society of Civil Engineers (in Japanese)"]


def test_one_event_of_the_kind_forum_is_a_forum_in_english(client, home_page, english_home):
    from tests.events.factories import EventKindFactory

    index = EventIndexPageFactory(parent=home_page)
    forum_kind = EventKindFactory(slug="forum", name="フォーラム")
    event = EventPageFactory(parent=index, kind=forum_kind, title="北陸フォーラム総会")
    EventPageFactory(parent=index, title="橋の点検講座")  # a ワークショップ講座
    translate(index, title="Events")
    english = translate(event, title="Hokuriku forum meeting")

    listing = client.get("/en/events/").content.decode()
    assert '<option value="forum">Forum</option>' in listing
    assert (
        '<option value="workshop">Workshop course</option>' in listing
    )  # no context: the plain one
    assert '<span class="tag">Forum</span>' in listing
    assert '<p class="eyebrow">Forum' in client.get(english.url).content.decode()
    # The menu's and headings' "Forums" are untouched, and Japanese pages say フォーラム.
    assert ">Forums<" in listing
    assert '<option value="forum">フォーラム</option>' in client.get("/events/").content.decode()


def test_one_search_result_is_named_in_the_singular_in_english(client, home_page, english_home):
    from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory

    ForumFactory(slug="kyushu", kind="regional", name="九州フォーラム", name_en="Kyushu Forum")
    index = CaseStudyIndexPageFactory(parent=home_page)
    case = CaseStudyPageFactory(parent=index, title="橋の見守り隊")
    translate(index, title="Collaboration cases")
    translate(case, title="A Kyushu bridge watch", municipality="Nagaoka")

    html = client.get("/en/search/", {"q": "Kyushu"}).content.decode()
    tags = re.findall(r'<p class="meta"><span class="tag">([^<]+)</span>', html)
    assert "Collaboration case" in tags and "Regional forum" in tags
    assert "Collaboration cases" not in tags and "Regional forums" not in tags
    japanese = client.get("/search/", {"q": "九州"}).content.decode()
    assert '<span class="tag">地方フォーラム</span>' in japanese


def test_the_english_footer_gives_the_phone_number_as_dialled_from_abroad(
    client, home_page, english_home
):
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.phone = "03-5253-8111"
    site_settings.save()
    english = client.get("/en/").content.decode()
    assert '<a href="tel:+81-3-5253-8111">+81 3-5253-8111</a>' in english
    japanese = client.get("/").content.decode()
    assert '<a href="tel:0352538111">03-5253-8111</a>' in japanese
