"""Cards' summaries cut to their room without cutting an English word (`summary_cut`), and
number phrases (第4回) kept on one line in titles (`number_phrases`)."""

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.outreach.factories import LessonIndexPageFactory, LessonPageFactory
from website.templatetags.website_tags import number_phrases, summary_cut

ENGLISH = (
    "Residents formed a bridge watch: on walks and while seeing children to school they look "
    "at the bridges and tell the city about any change."
)


def test_english_is_cut_after_its_last_whole_word():
    assert summary_cut(ENGLISH, 20) == "Residents formed a…"
    assert summary_cut(ENGLISH, 34) == "Residents formed a bridge watch…"  # no colon before …
    for length in range(10, len(ENGLISH)):
        cut = summary_cut(ENGLISH, length)
        assert len(cut) <= length
        assert ENGLISH.startswith(cut[:-1]) and cut.endswith("…")
        assert ENGLISH[len(cut) - 1] in " :," or not ENGLISH[len(cut) - 1].isalnum()


def test_japanese_is_cut_at_a_character_as_truncatechars_does():
    text = "住民と市が協力して橋を見守る取組みです。毎月の点検で見つけた変化を市に伝えています。"
    assert summary_cut(text, 20) == "住民と市が協力して橋を見守る取組みです…"
    assert summary_cut(text, 20) == Template("{{ text|truncatechars:20 }}").render(
        Context({"text": text})
    )
    # A Latin word inside Japanese is not cut in two: 「…DX」, never 「…D」.
    assert summary_cut("自治体のDX推進について", 6) == "自治体の…"
    assert summary_cut("自治体のDX推進について", 7) == "自治体のDX…"


def test_short_text_is_left_whole_and_a_very_long_word_is_cut():
    assert summary_cut("Bridge watch", 90) == "Bridge watch"
    assert summary_cut("", 90) == ""
    address = "See https://example.jp/" + "a" * 100
    assert summary_cut(address, 40) == address[:39] + "…"
    assert summary_cut(ENGLISH, "not a number") == ENGLISH


def test_the_filter_escapes_what_it_cuts():
    rendered = Template("{% load website_tags %}{{ text|summary_cut:12 }}").render(
        Context({"text": "Bridges & rivers of Japan"})
    )
    assert rendered == "Bridges &amp;…"


@pytest.mark.django_db
def test_news_case_and_lesson_cards_cut_english_summaries_at_a_word(client, home_page):
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="Bridge watch news", summary=ENGLISH)
    cases = CaseStudyIndexPageFactory(parent=home_page)
    CaseStudyPageFactory(parent=cases, title="Bridge watch case", summary=ENGLISH)
    lessons = LessonIndexPageFactory(parent=home_page)
    LessonPageFactory(parent=lessons, title="Bridge watch lesson", summary=ENGLISH)

    for path, ending in (
        ("/news/", "look at the bridges and…</p>"),  # not 「…bridges and te…」
        ("/cases/", "to school they look…</p>"),  # not 「…they look a…」
        ("/lessons/", "to school they look…</p>"),
    ):
        assert ending in client.get(path).content.decode(), path


def test_number_phrases_stay_together_and_may_break_before_the_next_word():
    assert number_phrases("第4回北陸インフラメンテナンスフォーラムを開催しました") == (
        '<span class="nowrap">第4回</span><wbr>北陸インフラメンテナンスフォーラムを開催しました'
    )
    assert number_phrases("令和3年度第2回近畿フォーラム") == (
        '<span class="nowrap">令和3年度</span><wbr><span class="nowrap">第2回</span><wbr>'
        "近畿フォーラム"
    )
    # No break before a particle.
    assert number_phrases("約30基のベンチ") == '<span class="nowrap">約30基</span>のベンチ'
    assert number_phrases("第十回大会") == '<span class="nowrap">第十回</span><wbr>大会'
    # Numbers without 第 (or an era) are Chromium's own phrase already.
    assert number_phrases("3年間で12の公園") == "3年間で12の公園"


def test_number_phrases_escape_text_and_keep_highlighted_titles():
    assert number_phrases("<b>第4回</b>") == '&lt;b&gt;<span class="nowrap">第4回</span>&lt;/b&gt;'
    highlighted = mark_safe("<mark>第4回</mark>北陸")
    assert number_phrases(highlighted) == '<mark><span class="nowrap">第4回</span></mark>北陸'
    assert number_phrases(mark_safe("第4回<mark>北陸</mark>")) == (
        '<span class="nowrap">第4回</span><wbr><mark>北陸</mark>'
    )
