"""The public search page: sections, dates, snippets, filters, pagination, empty results."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from tests.factories import ForumFactory, ImageFactory, StandardPageFactory
from tests.news.factories import NewsIndexPageFactory
from website.models import Prefecture, StandardPage
from website.search.pages import FORUM_SECTION, OTHER_SECTION, sections


def get(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def result_titles(response):
    return [getattr(hit.page, "title", None) or hit.page.name for hit in response.context["hits"]]


@pytest.fixture
def as_case_studies(monkeypatch):
    """StandardPage as if it were a section's page type, with its own date to show."""
    monkeypatch.setattr(StandardPage, "search_section", "事例", raising=False)
    monkeypatch.setattr(
        StandardPage,
        "search_date",
        property(lambda page: datetime.date(2022, 3, 31)),
        raising=False,
    )


@pytest.mark.django_db
def test_result_shows_section_date_and_highlighted_snippet(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        title="市内の橋梁を点検",
        introduction="市では毎年、橋梁の定期点検を行っています。",
    )
    page.first_published_at = datetime.datetime(2021, 4, 1, 0, 30, tzinfo=datetime.UTC)
    page.save()
    html = get(client, q="橋梁").content.decode()
    assert '<span class="tag">一般ページ</span>' in html  # the kind of page
    assert '<time datetime="2021-04-01">2021年4月1日</time>' in html
    assert "市では毎年、<mark>橋梁</mark>の定期点検を行っています。" in html
    assert "市内の<mark>橋梁</mark>を点検</a>" in html
    assert "「橋梁」の検索結果：1件" in html


@pytest.mark.django_db
def test_sections_and_dates_come_from_the_page_models(client, home_page, as_case_studies):
    assert [section.label for section in sections()][-2:] == [FORUM_SECTION, OTHER_SECTION]
    assert "事例" in [section.label for section in sections()]
    StandardPageFactory(parent=home_page, title="点検の事例", introduction="点検の事例です。")
    ForumFactory(name="点検フォーラム", slug="inspection", short_description="点検を語る会。")

    response = get(client, q="点検")
    assert {hit.section for hit in response.context["hits"]} == {"事例", FORUM_SECTION}
    html = response.content.decode()
    assert (
        '<span class="tag">一般ページ</span> <time datetime="2022-03-31">2022年3月31日</time>'
        in html
    )
    assert "事例（1件）" in html and "フォーラム（1件）" in html and "すべて（2件）" in html

    assert result_titles(get(client, q="点検", section="事例")) == ["点検の事例"]
    assert result_titles(get(client, q="点検", section=FORUM_SECTION)) == ["点検フォーラム"]
    # An unknown section is ignored rather than an error.
    assert len(result_titles(get(client, q="点検", section="<script>"))) == 2


@pytest.mark.django_db
def test_home_and_list_pages_are_not_results(client, home_page):
    home_page.hero_lead = "橋をみんなで守る。"
    home_page.save_revision().publish()
    NewsIndexPageFactory(parent=home_page, title="橋のニュース", introduction="橋の話題。")
    StandardPageFactory(parent=home_page, title="橋の点検")
    assert result_titles(get(client, q="橋")) == ["橋の点検"]


@pytest.mark.django_db
def test_forum_pages_are_found_by_name_description_and_area(client):
    kinki = ForumFactory(
        name="近畿ブロックインフラメンテナンス協議会",
        slug="kinki",
        kind="regional",
        short_description="近畿地方の自治体と企業が集まります。",
    )
    kinki.prefectures.set(Prefecture.objects.filter(name__in=["大阪府", "京都府"]))
    kinki.save()
    ForumFactory(name="市民参画フォーラム", slug="citizens", short_description="市民と共に。")
    for query in ("近畿ブロック", "自治体と企業", "大阪府"):
        response = get(client, q=query)
        assert result_titles(response) == ["近畿ブロックインフラメンテナンス協議会"], query
    assert result_titles(get(client, q="市民参画フォーラム")) == ["市民参画フォーラム"]
    html = get(client, q="市民参画").content.decode()
    assert '<span class="tag">全国フォーラム</span>' in html
    assert '<a href="/forums/citizens/"><mark>市民参画</mark>フォーラム</a>' in html


@pytest.mark.django_db
def test_a_page_titled_with_the_words_comes_before_pages_that_only_mention_them(client, home_page):
    # On SQLite (make run) bm25 put the news titled 「…出前授業…」 below the privacy policy,
    # which mentions the word in passing; PostgreSQL ranked title matches first.
    titled = StandardPageFactory(
        parent=home_page, title="出前授業のお申込み", introduction="受付中"
    )
    for n in range(3):
        StandardPageFactory(
            parent=home_page,
            title=f"方針{n}",
            introduction="出前授業の申込みで、出前授業の先生の、出前授業についての情報を扱います。",
        )
    assert result_titles(get(client, q="出前授業"))[0] == titled.title


@pytest.mark.django_db
def test_snippet_is_escaped_and_cut_around_the_match(client, home_page):
    StandardPageFactory(
        parent=home_page,
        title="お知らせ",
        introduction="<b>道路</b> & 舗装" + "。" * 200 + "ここで橋梁の点検" + "。" * 200,
    )
    html = get(client, q="道路").content.decode()
    assert "&lt;b&gt;<mark>道路</mark>&lt;/b&gt; &amp; 舗装" in html
    assert "<b>道路</b>" not in html

    snippet = re.search(
        r'<p class="search-result__snippet">(.*?)</p>', get(client, q="橋梁").content.decode()
    )
    text = snippet.group(1)
    assert text.startswith("…") and text.endswith("…")
    assert "<mark>橋梁</mark>" in text
    assert len(text.replace("<mark>", "").replace("</mark>", "")) <= 122


@pytest.mark.django_db
def test_snippet_matches_full_width_and_half_width_forms(client, home_page):
    StandardPageFactory(
        parent=home_page, title="診断", introduction="ＡＩとｽﾏｰﾄ技術、ﾄﾞﾛｰﾝで診断（2021年度）。said"
    )
    html = get(client, q="ai スマート ドローン").content.decode()
    # Shown as written, highlighted as searched.
    assert (
        "<mark>ＡＩ</mark>と<mark>ｽﾏｰﾄ</mark>技術、<mark>ﾄﾞﾛｰﾝ</mark>で診断（2021年度）。said"
        in html
    )


@pytest.mark.django_db
def test_snippet_reads_streamfield_text(client, home_page):
    StandardPageFactory(
        parent=home_page,
        title="活動報告",
        body=[
            ("image", {"image": ImageFactory(), "caption": "清掃の様子"}),
            ("paragraph", RichText("<p>河川の<b>清掃</b>活動を行いました。</p>")),
        ],
    )
    html = get(client, q="清掃活動").content.decode()
    # The caption and the rich text, read without loading the image; 清掃 alone is no match.
    assert "清掃の様子 河川の<mark>清掃活動</mark>を行いました。" in html


@pytest.mark.django_db
def test_pagination(client, home_page):
    for number in range(25):
        StandardPageFactory(parent=home_page, title=f"点検報告 第{number}号")
    assert len(result_titles(get(client, q="点検"))) == 10
    response = get(client, q="点検", page=3)
    assert len(result_titles(response)) == 5
    assert "「点検」の検索結果：25件（21〜25件目）" in response.content.decode()
    assert len(result_titles(get(client, q="点検", page="abc"))) == 10
    assert len(result_titles(get(client, q="点検", page=999))) == 5
    # Beyond any integer the database takes (PostgreSQL's OFFSET is a bigint): the last page.
    assert len(result_titles(get(client, q="点検", page="9" * 32))) == 5
    titles = set()
    for number in (1, 2, 3):
        titles |= set(result_titles(get(client, q="点検", page=number)))
    assert len(titles) == 25


@pytest.mark.django_db
def test_empty_result_suggests_what_to_try(client, home_page, as_case_studies):
    html = get(client, q="存在しないことば").content.decode()
    assert "「存在しないことば」に一致するページは見つかりませんでした。" in html
    assert "ことばを短くする" in html

    StandardPageFactory(parent=home_page, title="点検をみんなで")
    html = get(client, q="点検", section="ニュース").content.decode()
    assert "「点検」を含むニュースは見つかりませんでした。" in html
    assert "すべての種類から探す（1件）" in html


@pytest.mark.django_db
def test_no_query_shows_only_the_form(client, home_page):
    html = get(client).content.decode()
    assert 'role="search"' in html
    assert "検索結果" not in html and "見つかりませんでした" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("pages", [3, 30])
def test_query_count_does_not_grow_with_results(
    client, home_page, pages, django_assert_max_num_queries
):
    image = ImageFactory()
    for number in range(pages):
        StandardPageFactory(
            parent=home_page,
            title=f"橋梁点検 {number}",
            body=[
                ("image", {"image": image, "caption": "橋梁の写真"}),
                ("paragraph", RichText("<p>橋梁の定期点検を行いました。</p>")),
            ],
        )
    get(client, q="橋梁")  # warm the content-type and site caches
    # The layout's own queries (site, settings, view restrictions, menu) and, for the search:
    # the forums found, the per-section counts (which give the total), the
    # ranked results, their specific pages (one query per page type) and their passages.
    # On PostgreSQL, the forums found, the page of ranked results with their types and the
    # counts are one statement, and the pages are read with their passages (one query).
    # Then the editors' picks for the term (検索のおすすめ).
    with django_assert_max_num_queries(11 if connection.vendor == "sqlite" else 7):
        response = get(client, q="橋梁")
    assert len(response.context["hits"]) == min(pages, 10)


@pytest.mark.django_db
def test_a_repeated_search_is_ranked_from_memory_until_content_changes(client, home_page, settings):
    settings.FRAGMENT_CACHE_ENABLED = True
    for number in range(12):
        StandardPageFactory(parent=home_page, title=f"橋梁点検 {number}")
    with CaptureQueriesContext(connection) as first:
        get(client, q="橋梁", page=2)
    with CaptureQueriesContext(connection) as again:
        response = get(client, q="橋梁", page=2)
    # The counts and the page's ranked ids come from memory; only its own pages are read.
    assert len(again) <= len(first) - 3
    assert response.context["page_obj"].paginator.count == 12
    assert len(response.context["hits"]) == 2

    StandardPageFactory(parent=home_page, title="橋梁点検 新しいページ")
    response = get(client, q="橋梁", page=2)
    assert response.context["page_obj"].paginator.count == 13
    assert "橋梁点検 新しいページ" in result_titles(get(client, q="新しい"))


@pytest.mark.django_db
def test_another_page_of_a_remembered_search_reads_only_its_own_results(
    client, home_page, settings
):
    settings.FRAGMENT_CACHE_ENABLED = True
    for number in range(12):
        StandardPageFactory(parent=home_page, title=f"橋梁点検 {number}")
    get(client)  # the site's settings are created on the first page shown: new content
    first_page = result_titles(get(client, q="橋梁"))
    with CaptureQueriesContext(connection) as second:
        response = get(client, q="橋梁", page=2)
    assert response.context["page_obj"].paginator.count == 12  # from memory
    assert len(set(first_page) | set(result_titles(response))) == 12
    searches = [query["sql"] for query in second if "wagtailsearch_indexentry" in query["sql"]]
    assert len(searches) == (1 if connection.vendor == "postgresql" else 0)


@pytest.mark.django_db
def test_pages_of_results_continue_after_the_forums(client, home_page):
    forums = {f"点検フォーラム{number}" for number in range(3)}
    for number, name in enumerate(sorted(forums)):
        ForumFactory(name=name, slug=f"forum-{number}", short_description="点検を語る会。")
    pages = {f"点検報告 第{number}号" for number in range(12)}
    for title in pages:
        StandardPageFactory(parent=home_page, title=title)

    first = result_titles(get(client, q="点検"))
    second = result_titles(get(client, q="点検", page=2))
    assert set(first[:3]) == forums and len(first) == 10
    assert len(second) == 5 and set(first) | set(second) == forums | pages
    # In a section, its own results only, from the first.
    first = result_titles(get(client, q="点検", section=OTHER_SECTION))
    second = result_titles(get(client, q="点検", section=OTHER_SECTION, page=2))
    assert len(first) == 10 and len(second) == 2 and set(first) | set(second) == pages
    assert set(result_titles(get(client, q="点検", section=FORUM_SECTION, page=1))) == forums


@pytest.mark.django_db
def test_kept_results_follow_an_edited_title(client, home_page, settings):
    settings.FRAGMENT_CACHE_ENABLED = True
    page = StandardPageFactory(parent=home_page, title="橋梁点検の報告")
    # Titles are highlighted (<mark>橋梁</mark>点検…): the markup is what is kept.
    assert "点検の報告</a>" in get(client, q="橋梁").content.decode()
    page.title = "橋梁点検の報告（改訂）"
    page.save_revision().publish()
    assert "点検の報告（改訂）</a>" in get(client, q="橋梁").content.decode()


@pytest.mark.django_db
def test_pages_with_the_word_in_their_title_come_first_then_the_newest(client, home_page):
    """A word of many index pieces (スマートフォン: five); on PostgreSQL the title matches
    are found through their own index, not a join that the planner misjudges."""
    day = datetime.datetime(2021, 6, 1, tzinfo=datetime.UTC)
    pages = {
        slug: StandardPageFactory(
            parent=home_page, slug=slug, title=title, introduction=introduction
        )
        for slug, title, introduction in [
            ("in-title", "スマートフォンで橋を点検", "市民が参加しました。"),
            ("older", "点検の報告", "スマートフォンのアプリで写真を送ります。"),
            ("newer", "市民参画の記録", "スマートフォンで撮影しました。"),
            ("elsewhere", "関係のない記事", "ドローンで点検しました。"),
        ]
    }
    for days, slug in enumerate(["in-title", "older", "newer", "elsewhere"]):
        StandardPage.objects.filter(pk=pages[slug].pk).update(
            first_published_at=day + datetime.timedelta(days=days)
        )

    titles = result_titles(get(client, q="スマートフォン"))

    assert titles[0] == "スマートフォンで橋を点検"
    assert set(titles) == {"スマートフォンで橋を点検", "点検の報告", "市民参画の記録"}
    if connection.vendor == "postgresql":  # SQLite orders the rest by its own relevance
        assert titles[1:] == ["市民参画の記録", "点検の報告"]


@pytest.mark.django_db
def test_search_vectors_are_kept_out_of_the_index_rows_on_postgresql():
    """Finding 4,000 matches reads their ids from about 80 table blocks, not 1,600."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL storage setting")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'wagtailsearch_indexentry'")
        (options,) = cursor.fetchone()
    assert "toast_tuple_target=128" in options


@pytest.mark.django_db
def test_editors_picks_show_above_the_results_for_their_search_term(client, home_page):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    lessons = StandardPageFactory(
        parent=home_page, title="授業の一覧", introduction="学年や地域で探せます。"
    )
    StandardPageFactory(parent=home_page, title="出前授業の報告", introduction="報告です。")
    hidden = StandardPageFactory(parent=home_page, title="下書きの案内", live=False)
    query = Query.get("出前授業")
    SearchPromotion.objects.create(query=query, page=lessons, description="日程を選んで申込み")
    SearchPromotion.objects.create(query=query, page=hidden)
    SearchPromotion.objects.create(
        query=query, external_link_url="https://example.jp/", external_link_text="外部の案内"
    )

    html = get(client, q="出前授業").content.decode()
    promoted = html[html.index('class="search-promotions"') : html.index("</section>")]
    assert f'<a href="{lessons.url}">授業の一覧</a>' in promoted
    assert "日程を選んで申込み" in promoted
    assert '<a href="https://example.jp/">外部の案内</a>' in promoted
    assert "下書きの案内" not in html  # a page the public may not see is never promoted
    assert html.index("search-promotions") < html.index('class="search-summary"')
    # Full-width and upper case as typed; nothing on other terms, other kinds or later pages.
    assert "search-promotions" in get(client, q="　出前授業　").content.decode()
    assert "search-promotions" not in get(client, q="報告").content.decode()
    assert "search-promotions" not in get(client, q="出前授業", section="ニュース").content.decode()
    # A search is not written down: no hit counted, no query made.
    assert not query.daily_hits.exists()
    get(client, q="点検")
    assert not Query.objects.filter(query_string="点検").exists()


@pytest.mark.django_db
def test_the_demo_promotes_the_lessons_for_demae_jugyo(client, home_page):
    from outreach.demo import ensure_index, ensure_search_promotion

    index = ensure_index(home_page)
    ensure_search_promotion(index)
    ensure_search_promotion(index)  # again: still one
    html = get(client, q="出前授業").content.decode()
    promoted = html[html.index('class="search-promotions"') : html.index("</section>")]
    assert promoted.count(f'<a href="{index.url}">出前授業</a>') == 1


@pytest.mark.django_db
def test_the_demo_promotes_the_case_index_for_kyodo(client, home_page):
    from casestudies.demo import ensure_index, ensure_search_promotions

    index = ensure_index(home_page)
    ensure_search_promotions(index)
    ensure_search_promotions(index)  # again: still one each
    for query in ("協働", "協働事例"):
        html = get(client, q=query).content.decode()
        promoted = html[html.index('class="search-promotions"') : html.index("</section>")]
        assert promoted.count(f'<a href="{index.url}">') == 1


@pytest.mark.django_db
def test_the_offered_sections_come_from_those_the_search_read(client, home_page, monkeypatch):
    """Picking the sections for the form reads no section list of its own."""
    from website.search import pages

    request = get(client, q="橋梁").wsgi_request
    search = pages.PageSearch("橋梁", request=request)
    calls = []

    def counted_sections():
        calls.append(1)
        return sections()

    monkeypatch.setattr(pages, "sections", counted_sections)
    assert [section.label for section in search.offered_sections]
    assert calls == []
