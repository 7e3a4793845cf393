"""The backend's contract with Wagtail: ranking, slicing, scores, autocomplete, fields."""

import pytest
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
