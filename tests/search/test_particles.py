"""A word typed with particles (橋の点検) finds what its content words typed apart (橋 点検)
find, the pages with the phrase itself first, on either database."""

import datetime
import re

import pytest
from wagtail.models import Page
from wagtail.search.query import Not, PlainText

from tests.factories import StandardPageFactory
from website.search.text import (
    content_words,
    highlight_words,
    query_alternatives,
    spelling_pattern,
)

from .conftest import found


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("橋の点検", ["橋", "点検"]),
        ("市民と行政の協働", ["市民", "行政", "協働"]),
        ("橋梁における点検", ["橋梁", "点検"]),  # a particle of several characters
        ("ドローンによる点検", ["ドローン", "点検"]),
        ("安全かつ快適", ["安全", "快適"]),
        ("AIの活用", ["AI", "活用"]),
        # Okurigana stay with their word; only the particle after them is cut.
        ("取り組みの紹介", ["取り組み", "紹介"]),
        ("子どもの遊び場", ["子ども", "遊び場"]),
        ("受け付けは市役所", ["受け付け", "市役所"]),
        # Words written in hiragana and okurigana stay whole.
        ("まちづくり", ["まちづくり"]),
        ("みんなで", ["みんなで"]),
        ("まちづくりと防災", ["まちづくりと防災"]),  # where まちづくり ends is not known
        ("みんなで点検", ["みんなで点検"]),
        ("子ども食堂", ["子ども食堂"]),
        ("申し込み", ["申し込み"]),
        ("問い合わせ", ["問い合わせ"]),
        ("橋りょう点検", ["橋りょう点検"]),
        # Only between two words: not at either end, not next to punctuation.
        ("点検を", ["点検を"]),
        ("の点検", ["の点検"]),
        ("点検・の報告", ["点検・の報告"]),
        ("bridge inspection", ["bridge inspection"]),
    ],
)
def test_content_words(word, expected):
    assert content_words(word) == expected


def test_no_content_word_is_a_single_hiragana_character():
    for phrase in ("橋の点検", "市民と行政の協働", "aとb", "取り組みの紹介", "見守りとの連携"):
        for word in content_words(phrase):
            assert not re.fullmatch("[\u3041-\u309f]", word), (phrase, word)


def test_a_query_word_with_particles_is_its_content_words_unless_the_phrase_is_asked():
    assert query_alternatives("橋の点検") == [[[("橋",)]], [[("点検",)]]]
    assert query_alternatives("橋の点検", split_particles=False) == [[[("橋の点", "の点検")]]]
    # Spellings apply to each content word.
    assert query_alternatives("橋梁の点検", [("橋梁", "橋りょう")]) == [
        [[("橋梁",)], [("橋りょ", "りょう")]],
        [[("点検",)]],
    ]


def test_an_editors_variant_is_never_cut():
    groups = [("道の駅", "みちのえき")]
    assert content_words("道の駅の清掃", spelling_pattern(groups)) == ["道の駅", "清掃"]
    assert query_alternatives("道の駅の清掃", groups)[0] == [
        [("道の駅",)],
        [("みちの", "ちのえ", "のえき")],
    ]


def test_names_written_with_a_particle_are_never_cut():
    assert content_words("道の駅の清掃") == ["道の駅", "清掃"]
    assert content_words("霞が関の庁舎") == ["霞が関", "庁舎"]


@pytest.mark.django_db
def test_a_name_with_a_particle_finds_no_page_with_its_parts_apart(home_page):
    StandardPageFactory(
        parent=home_page, slug="apart", introduction="首都高速道路の下を歩き、両国駅で解散。"
    )
    StandardPageFactory(parent=home_page, slug="name", introduction="道の駅で橋の展示をします。")
    assert found("道の駅") == {"name"}


@pytest.mark.parametrize("query", ["bridge inspection", "Bridge-Inspection", "AI ドローン"])
def test_queries_without_particles_are_unchanged(query):
    assert query_alternatives(query) == query_alternatives(query, split_particles=False)


def test_highlight_words_are_the_content_words_and_the_phrase():
    assert set(highlight_words("橋の点検")) == {"橋の点検", "橋", "点検"}


@pytest.fixture
def bridge_pages(home_page):
    """A page with 橋 and 点検 apart, titled with both and newer (what would rank first), a
    page with the phrase in its body, and pages with one of the words."""
    pages = {
        "apart": StandardPageFactory(
            parent=home_page,
            slug="apart",
            title="橋梁点検の報告",
            introduction="市内の橋を見て回り、定期点検を進めました。点検の結果も載せます。",
        ),
        "phrase": StandardPageFactory(
            parent=home_page,
            slug="phrase",
            title="お知らせ",
            introduction="今年も市内で橋の点検を行いました。",
        ),
        "bridge-only": StandardPageFactory(
            parent=home_page, slug="bridge-only", title="橋の歴史", introduction="古い橋の話。"
        ),
        # の and 点検, but no 橋: the particle alone finds nothing.
        "inspection-only": StandardPageFactory(
            parent=home_page,
            slug="inspection-only",
            title="道路の点検",
            introduction="舗装の点検。",
        ),
    }
    for age, slug in enumerate(["apart", "phrase", "bridge-only", "inspection-only"]):
        pages[slug].first_published_at = datetime.datetime(2025, 4, 1, tzinfo=datetime.UTC) - (
            datetime.timedelta(days=age)
        )
        pages[slug].save()
    return pages


@pytest.mark.django_db
def test_a_phrase_with_particles_finds_the_pages_with_its_words_apart(bridge_pages):
    assert found("橋の点検") == found("橋 点検") == {"apart", "phrase"}
    assert found("点検の橋") == {"apart", "phrase"}


@pytest.mark.django_db
def test_pages_with_the_phrase_come_first(client, bridge_pages):
    response = client.get("/search/", {"q": "橋の点検"})
    assert [hit.page.slug for hit in response.context["hits"]] == ["phrase", "apart"]
    assert "「橋の点検」の検索結果：2件" in response.content.decode()
    # Without the phrase, the titled page comes first, as before.
    response = client.get("/search/", {"q": "橋 点検"})
    assert [hit.page.slug for hit in response.context["hits"]] == ["apart", "phrase"]


@pytest.mark.django_db
def test_backend_searches_rank_the_phrase_first_too(bridge_pages):
    assert [page.slug for page in Page.objects.live().search("橋の点検")] == ["phrase", "apart"]
    # What is excluded is the phrase as typed, not its words.
    query = PlainText("点検") & Not(PlainText("橋の点検"))
    assert {page.slug for page in Page.objects.live().search(query)} == {
        "apart",
        "inspection-only",
    }
    # Any of the words, each with all its content words.
    results = Page.objects.live().search("橋の点検 舗装", operator="or")
    assert {page.slug for page in results} == {"apart", "phrase", "inspection-only"}


@pytest.mark.django_db
def test_hiragana_words_are_not_cut(home_page):
    StandardPageFactory(parent=home_page, slug="apart", introduction="みんなの力で、橋を点検。")
    StandardPageFactory(parent=home_page, slug="whole", introduction="みんなで点検しました。")
    assert found("みんなで点検") == {"whole"}


@pytest.mark.django_db
def test_the_content_words_are_highlighted_and_the_passage_shows_the_phrase(client, home_page):
    StandardPageFactory(
        parent=home_page,
        title="お知らせ",
        introduction="市内の橋" + "。" * 150 + "ここで橋の点検を行います" + "。" * 150,
    )
    StandardPageFactory(parent=home_page, title="報告", introduction="橋を見て、点検しました。")
    html = client.get("/search/", {"q": "橋の点検"}).content.decode()
    snippets = re.findall(r'<p class="search-result__snippet">(.*?)</p>', html)
    assert "ここで<mark>橋の点検</mark>を行います" in snippets[0]
    assert snippets[1] == "<mark>橋</mark>を見て、<mark>点検</mark>しました。"
