"""What a detail page shows from structured fields, choices, snippets and inline children is
found, and the result's passage highlights it there."""

import re

import pytest

from casestudies.models import CaseStudyParticipant
from outreach.choices import Grade, Preparation, Subject
from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.outreach.factories import LessonIndexPageFactory, LessonPageFactory, LessonSlotFactory
from website.models import Prefecture
from website.search.pages import PageSearch


def titles(query):
    return {getattr(page, "title", None) for page in PageSearch(query).results}


def passage(client, query):
    html = client.get("/search/", {"q": query}).content.decode()
    found = re.search(r'<p class="search-result__snippet">(.*?)</p>', html)
    return found and found.group(1)


@pytest.fixture
def case_study(home_page):
    return CaseStudyPageFactory(
        parent=CaseStudyIndexPageFactory(parent=home_page),
        title="通学路の橋を見守る",
        municipality="釜石市",
        period_note="2019年から継続",
        participants=[
            CaseStudyParticipant(kind="government", name="土木事務所"),
            CaseStudyParticipant(kind="government", name="道路保全担当"),
            CaseStudyParticipant(kind="school", name="市立小学校の4年生"),
        ],
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["土木事務所", "道路保全担当", "市立小学校の4年生", "釜石市", "2019年から継続", "東京都釜石市"],
)
def test_case_study_participants_place_and_period(case_study, query):
    assert titles(query) == {"通学路の橋を見守る"}


@pytest.mark.django_db
def test_passage_shows_the_structured_field_that_matched(case_study, client):
    assert "行政：<mark>土木事務所</mark>" in passage(client, "土木事務所")


@pytest.fixture
def lesson(home_page):
    return LessonPageFactory(
        parent=LessonIndexPageFactory(parent=home_page),
        title="橋の点検を体験しよう",
        target_grades=[Grade.E4],
        subjects=[Subject.INTEGRATED],
        preparations=[Preparation.HALL],
        prefectures=[Prefecture.objects.get(name="岩手県")],
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "総合的な学習の時間",
        "多目的室",
        "4年生",
        "小4",
        "小学4年生",
        "岩手県",
        "テスト実施団体",
        "出前授業",  # its kind: a teacher's first word, seldom in the lesson's own text
    ],
)
def test_lesson_subjects_preparations_grades_and_areas(lesson, query):
    assert titles(query) == {"橋の点検を体験しよう"}


@pytest.mark.django_db
def test_lesson_grades_as_displayed_only(lesson):
    assert titles("5年生") == set()


@pytest.mark.django_db
def test_a_slot_note_is_found_once_the_slot_is_saved(lesson):
    LessonSlotFactory(lesson=lesson, note="2クラス続けて実施できます")
    assert titles("続けて実施") == {"橋の点検を体験しよう"}


@pytest.mark.django_db
def test_grade_highlighted_in_the_passage(lesson, client):
    assert "<mark>4年生</mark>" in passage(client, "4年生")


@pytest.fixture
def event(home_page):
    return EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page),
        title="インフラメンテナンス市民フォーラム",
        audience="どなたでも（事前登録制）",
        fee="資料代500円",
        venue_name="釜石市民ホール",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["事前登録制", "資料代", "釜石市民ホール", "ワークショップ講座", "会場"]
)
def test_event_audience_fee_venue_and_kind(event, query):
    assert titles(query) == {"インフラメンテナンス市民フォーラム"}
