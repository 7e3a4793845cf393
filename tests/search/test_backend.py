"""The backend's contract with Wagtail: ranking, slicing, scores, autocomplete, fields."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from tests.factories import ForumFactory, StandardPageFactory
from website.models import Forum, StandardPage


@pytest.mark.django_db
def test_results_are_ranked_by_relevance_and_slice_consistently(home_page):
    StandardPageFactory(
        parent=home_page, slug="once", title="お知らせ", introduction="長い文章。" * 40 + "橋梁。"
    )
    StandardPageFactory(
        parent=home_page, slug="often", title="橋梁の点検", introduction="橋梁、橋梁、橋梁。"
    )
    for number in range(5):
        StandardPageFactory(parent=home_page, slug=f"other-{number}", introduction="橋梁の話。" * 3)
    results = Page.objects.live().search("橋梁")
    slugs = [page.slug for page in results]
    assert slugs[0] == "often"
    assert slugs[-1] == "once"
    assert [page.slug for page in results[2:4]] == slugs[2:4]
    assert results.count() == 7

    scored = list(Page.objects.live().search("橋梁").annotate_score("relevance"))
    assert all(isinstance(page.relevance, float) for page in scored)


@pytest.mark.django_db
def test_ordering_without_relevance_keeps_the_queryset_order(home_page):
    for title in ("b", "a", "c"):
        StandardPageFactory(parent=home_page, title=title, introduction="点検")
    results = StandardPage.objects.order_by("title").search("点検", order_by_relevance=False)
    assert [page.title for page in results] == ["a", "b", "c"]


@pytest.mark.django_db
def test_autocomplete_matches_the_start_of_english_words(home_page):
    StandardPageFactory(parent=home_page, title="Infrastructure Day")
    assert [page.title for page in Page.objects.autocomplete("infra")] == ["Infrastructure Day"]
    assert list(Page.objects.search("infra")) == []  # search matches whole words


@pytest.mark.django_db
def test_fields_argument_searches_the_whole_entry_instead_of_failing():
    ForumFactory(name="近畿ブロック", short_description="関西の自治体を支援します。")
    backend = get_search_backend()
    assert [forum.name for forum in backend.search("自治体", Forum, fields=["name"])] == [
        "近畿ブロック"
    ]
    assert [forum.name for forum in backend.autocomplete("近畿", Forum, fields=["name"])] == [
        "近畿ブロック"
    ]


@pytest.mark.django_db
def test_excluding_words(home_page):
    from wagtail.search.query import Not, PlainText

    StandardPageFactory(parent=home_page, slug="both", introduction="橋梁と道路")
    StandardPageFactory(parent=home_page, slug="bridge", introduction="橋梁だけ")
    query = PlainText("橋梁") & Not(PlainText("道路"))
    assert [page.slug for page in Page.objects.live().search(query)] == ["bridge"]


@pytest.mark.django_db
def test_postgresql_ranks_one_slice_and_counts_every_match_in_one_statement(home_page):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL ranking statement")
    titled = StandardPageFactory(parent=home_page, title="橋梁の点検", introduction="報告。")
    for number in range(11):
        StandardPageFactory(parent=home_page, title=f"報告 {number}", introduction="橋梁の話。")
    ForumFactory(name="橋梁フォーラム", short_description="橋梁を語る会。")
    standard_page = ContentType.objects.get_for_model(StandardPage).pk
    compiler = get_search_backend().search("橋梁", Page.objects.live()).query_compiler
    every_match = compiler.ranked_matches("first_published_at").ids

    with CaptureQueriesContext(connection) as statements:
        ranking = compiler.ranked_matches("first_published_at", 1, 4, {standard_page})
    ids, counts = ranking.ids, ranking.counts
    assert len(statements) == 1
    assert every_match[0] == titled.pk  # in the title first
    assert ids == every_match[1:4]  # only the slice leaves the database
    assert counts == {standard_page: 12}  # and the counts of all (the forum is not a page)
    nothing = compiler.ranked_matches("first_published_at", 0, 5, set(), counts=False)
    assert (nothing.ids, nothing.counts) == ([], None)


@pytest.mark.django_db
def test_postgresql_lists_the_forums_found_before_the_pages_in_the_same_statement(home_page):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL ranking statement")
    for number in range(5):
        StandardPageFactory(parent=home_page, title=f"報告 {number}", introduction="橋梁の話。")
    second = ForumFactory(name="橋梁フォーラム", short_description="橋梁を語る会。", sort_order=2)
    first = ForumFactory(name="点検フォーラム", short_description="橋梁の点検。", sort_order=1)
    ForumFactory(name="道路フォーラム", short_description="道路の話。")
    standard_page = ContentType.objects.get_for_model(StandardPage).pk
    compiler = get_search_backend().search("橋梁", Page.objects.live()).query_compiler
    pages = compiler.ranked_matches("first_published_at").ids

    with CaptureQueriesContext(connection) as statements:
        ranking = compiler.ranked_matches("first_published_at", 1, 4, before=Forum.objects.all())
    assert len(statements) == 1
    assert ranking.before == [first.pk, second.pk]  # in the forums' own order
    assert ranking.ids == pages[:2]  # the forums take the first two places of the list
    assert ranking.content_types == {pk: standard_page for pk in pages[:2]}
    assert ranking.counts == {standard_page: 5}
    beside = compiler.ranked_matches(
        "first_published_at", 1, 4, before=Forum.objects.all(), before_in_slice=False
    )
    assert (beside.before, beside.ids) == ([first.pk, second.pk], pages[1:4])
