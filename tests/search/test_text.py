"""How text becomes terms: the rules both databases rely on (no database needed)."""

import pytest

from website.search import text as search_text
from website.search.text import (
    MAX_POSITIONS,
    MAX_QUERY_WORDS,
    fold,
    index_positions,
    query_terms,
    query_words,
)


def indexed_terms(text):
    return [term for position in index_positions(text) for term in position]


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("ＡＩ", "ai"),
        ("ｽﾏｰﾄ", "スマート"),
        ("ﾊﾟﾄﾛｰﾙ", "パトロール"),
        ("２０２１年度", "2021年度"),
        ("Café", "cafe"),
        ("INFRA", "infra"),
        ("がぎぐ", "がぎぐ"),  # voiced kana keep their marks
    ],
)
def test_fold_matches_widths_case_and_accents(typed, folded):
    assert fold(typed) == folded


def test_japanese_run_is_indexed_as_pieces_then_characters_and_three_character_pieces():
    assert index_positions("橋梁点検") == [
        ("橋梁",),
        ("梁点",),
        ("点検",),
        ("橋", "梁", "点", "検", "橋梁点", "梁点検"),
    ]


def test_other_scripts_are_indexed_word_by_word_and_split_from_japanese():
    assert indexed_terms("AI活用 2021年度") == [  # no three-character piece in two characters
        "ai",
        "活用",
        "活",
        "用",
        "2021",
        "年度",
        "年",
        "度",
    ]


def test_single_japanese_character_between_words_is_one_term():
    assert index_positions("第3回") == [("第",), ("3",), ("回",)]


def test_punctuation_separates_runs():
    # 点検・検査: the characters of 点検 sit between the two runs, so no phrase of pieces can
    # run from 点検 into 検査.
    assert index_positions("点検・検査") == [("点検",), ("点", "検"), ("検査",), ("検", "査")]


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("橋梁", [("橋梁",)]),
        ("橋", [("橋",)]),
        ("出前授業", [("出前授", "前授業")]),
        ("授業前出", [("授業前", "業前出")]),
        ("市民参画", [("市民参", "民参画")]),
        ("点検査", [("点検査",)]),
        ("橋梁　点検", [("橋梁",), ("点検",)]),  # an ideographic space separates words
        ("ＡＩ活用", [("ai",), ("活用",)]),
        ('"NEAR(橋梁*) OR -点検"', [("near",), ("橋梁",), ("or",), ("点検",)]),
        ("!!! ***", []),
    ],
)
def test_query_terms(query, terms):
    assert query_terms(query) == terms


def test_long_inputs_are_bounded():
    assert len(index_positions("あい" * 20_000)) == MAX_POSITIONS
    assert len(query_words(" ".join(f"w{n}" for n in range(100)))) == MAX_QUERY_WORDS
    assert len(indexed_terms("x" * 5000)[0]) == 64


def test_a_cut_moves_to_the_nearest_word_boundary_within_its_limit():
    text = "Residents inspect bridges"
    assert search_text.word_boundary_before(text, 12, limit=5) == 10  # "Residents |ins"
    assert search_text.word_boundary_after(text, 12, limit=20) == 17  # "inspect| bridges"
    # No boundary within the limit: the cut stays where it was.
    assert search_text.word_boundary_before(text, 12, limit=11) == 12
    assert search_text.word_boundary_after(text, 12, limit=14) == 12
    # Japanese may be cut anywhere.
    assert search_text.word_boundary_before("橋の点検を行う", 3, limit=0) == 3
