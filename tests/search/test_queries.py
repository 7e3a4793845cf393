"""The table of queries and the pages they must (and must not) find, on either database."""

import pytest

from .conftest import found

QUERIES = [
    # Two-character words inside longer runs of Japanese text.
    ("橋梁", {"bridge"}),
    ("道路", {"road"}),
    ("点検", {"bridge", "guide"}),
    # Single kanji.
    ("橋", {"bridge", "smart-halfwidth"}),
    ("川", {"river"}),
    # Longer words: a phrase of pieces, in order.
    ("出前授業", {"lesson"}),
    ("授業前出", {"attendance"}),  # not 出前授業
    ("市民参画", {"citizen"}),
    ("参画市民", set()),
    ("インフラ", {"lesson", "citizen"}),
    ("点検査", set()),  # 点検・検査 is two words, not 点検査
    # Found in the StreamField body: a heading, and rich text with markup inside.
    ("舗装の補修", {"road"}),
    ("河川敷", {"river"}),
    # The heading's level is layout, not content: its label (大見出し) is not indexed.
    ("大見出し", set()),
    # Full-width and half-width, upper and lower case.
    ("ＡＩ", {"ai-fullwidth", "ai-halfwidth"}),
    ("AI", {"ai-fullwidth", "ai-halfwidth"}),
    ("ai", {"ai-fullwidth", "ai-halfwidth"}),
    ("スマート", {"smart-halfwidth", "smart-fullwidth"}),
    ("ｽﾏｰﾄ", {"smart-halfwidth", "smart-fullwidth"}),
    ("メンテナンス", {"smart-halfwidth"}),
    # English, whole words, any case.
    ("bridge", {"english"}),
    ("BRIDGES", {"english"}),
    ("Inspection", {"english"}),
    ("drones", {"english"}),
    ("3次元", {"ai-halfwidth"}),
    # Several words: all of them.
    ("橋梁 点検", {"bridge"}),
    ("橋梁　定期点検", {"bridge"}),
    ("出前授業 インフラ", {"lesson"}),
    ("橋梁 出前授業", set()),
    ("AI ドローン", {"ai-fullwidth"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_exactly_the_expected_pages(corpus, query, expected):
    assert found(query) == expected
    assert "draft" not in found(query)
