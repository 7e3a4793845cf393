"""Spelling variants: one table that editors extend, plus the rules for ordinals and long vowels."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import StandardPageFactory
from website.models import SpellingVariant
from website.search import variants
from website.search.text import arabic_number, kanji_number, spellings

from .conftest import found

GROUPS = [("橋梁", "橋りょう"), ("取組", "取り組み", "取組み"), ("子供", "子ども")]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("橋梁点検", ["橋梁点検", "橋りょう点検"]),
        ("取組み", ["取組み", "取組", "取り組み"]),  # the longest spelling is the one replaced
        ("子どもの橋りょう", ["子どもの橋りょう", "子どもの橋梁", "子供の橋りょう", "子供の橋梁"]),
        ("第一回", ["第一回", "第1回"]),
        ("第10回", ["第10回", "第十回"]),
        ("第２１回", ["第21回", "第二十一回"]),  # full-width digits are digits
        ("コンピューター", ["コンピューター", "コンピュータ"]),
        ("ｻｰﾊﾞｰ室", ["サーバー室", "サーバ室"]),  # half-width katakana folded first
        ("ルー", ["ルー"]),  # too short to drop the mark
        ("メンテナンス", ["メンテナンス"]),
    ],
)
def test_spellings_of_a_word(word, expected):
    assert spellings(word, GROUPS) == expected


def test_numbers_in_kanji_both_ways():
    assert [kanji_number(n) for n in (1, 10, 11, 20, 99)] == ["一", "十", "十一", "二十", "九十九"]
    assert [arabic_number(k) for k in ("一", "十", "十一", "二十", "九十九")] == [1, 10, 11, 20, 99]
    assert arabic_number("十十") is None and arabic_number("〇") is None


def test_spellings_are_bounded():
    word = "橋梁" * 20
    assert len(spellings(word, GROUPS)) <= 8


@pytest.mark.django_db
def test_default_table_is_loaded_by_the_migration():
    assert ("橋梁", "橋りょう") in variants.groups()
    assert ("子供", "子ども") in variants.groups()


@pytest.mark.django_db
def test_spelling_variant_needs_two_spellings():
    with pytest.raises(ValidationError):
        SpellingVariant(spellings="橋梁").full_clean()
    row = SpellingVariant(spellings="道路 , みち、道路")
    row.full_clean()
    assert row.spellings == "道路、みち"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("橋梁", {"bridge", "bridge-kana"}),
        ("橋りょう", {"bridge", "bridge-kana"}),
        ("取組", {"effort", "effort-okurigana"}),
        ("取り組み", {"effort", "effort-okurigana"}),
        ("子供", {"children", "children-kana"}),
        ("子ども", {"children", "children-kana"}),
        ("第1回", {"first-kanji", "first-digit"}),
        ("第一回", {"first-kanji", "first-digit"}),
        ("コンピューター", {"computer-long", "computer-short"}),
        ("ｺﾝﾋﾟｭｰﾀｰ", {"computer-long", "computer-short"}),
        ("ＡＩ", {"ai"}),
    ],
)
def test_a_query_in_one_spelling_finds_the_others(home_page, query, expected):
    for slug, title in [
        ("bridge", "橋梁の点検"),
        ("bridge-kana", "橋りょうの点検"),
        ("effort", "地域の取組"),
        ("effort-okurigana", "地域の取り組み"),
        ("children", "子供向けの見学会"),
        ("children-kana", "子ども向けの見学会"),
        ("first-kanji", "第一回の会合"),
        ("first-digit", "第1回の会合"),
        ("computer-long", "コンピューターで解析"),
        ("computer-short", "コンピュータで解析"),
        ("ai", "AIで解析"),
    ]:
        StandardPageFactory(parent=home_page, slug=slug, title=title)
    assert found(query) == expected


@pytest.mark.django_db
def test_editors_add_a_variant_and_the_next_search_uses_it(home_page, client):
    StandardPageFactory(parent=home_page, slug="michi", title="みちの清掃")
    assert found("道路") == set()
    SpellingVariant.objects.create(spellings="道路、みち")
    assert found("道路") == {"michi"}
    html = client.get("/search/", {"q": "道路"}).content.decode()
    assert "<mark>みち</mark>の清掃" in html  # the other spelling is highlighted
    SpellingVariant.objects.filter(spellings="道路、みち").delete()
    assert found("道路") == set()
