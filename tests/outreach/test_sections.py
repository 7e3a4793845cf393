import datetime

import pytest
from wagtail import hooks

from outreach.wagtail_hooks import forum_lessons, home_lessons
from tests.factories import ForumFactory, prefecture

from .factories import LessonPageFactory, LessonSlotFactory

pytestmark = pytest.mark.django_db


def hook_order(hook_name, fn):
    hooks.search_for_hooks()
    return dict(hooks._hooks[hook_name])[fn]  # Wagtail keeps (fn, order) pairs


def test_sections_are_registered_at_order_40():
    assert hook_order("website_home_sections", home_lessons) == 40
    assert hook_order("website_forum_sections", forum_lessons) == 40


def test_home_page_lists_lessons(client, home_page, lesson, today):
    LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=20))
    draft = LessonPageFactory(parent=lesson.get_parent(), title="下書きの授業", live=False)
    html = client.get(home_page.url).content.decode()
    assert 'id="home-lessons-heading"' in html
    assert lesson.title in html and "受付中" in html
    assert draft.title not in html
    assert 'href="/lessons/"' in html


def test_home_page_without_a_catalogue_has_no_lesson_section(client, home_page):
    assert 'id="home-lessons-heading"' not in client.get(home_page.url).content.decode()


def test_forum_page_lists_its_lessons(client, lesson_index):
    forum = ForumFactory(slug="citizen", name="市民参画フォーラム")
    mine = LessonPageFactory(parent=lesson_index, title="フォーラムの授業", forum=forum)
    other = LessonPageFactory(parent=lesson_index, title="ほかの授業")
    html = client.get(forum.get_absolute_url()).content.decode()
    assert 'id="forum-lessons-heading"' in html
    assert mine.title in html and other.title not in html


def test_regional_forum_page_lists_lessons_visiting_its_area(client, lesson_index):
    kinki = ForumFactory(
        slug="kinki", regional=True, prefectures=[prefecture("27"), prefecture("26")]
    )
    visiting = LessonPageFactory(
        parent=lesson_index, title="大阪に伺う授業", prefectures=[prefecture("27")]
    )
    elsewhere = LessonPageFactory(
        parent=lesson_index, title="北海道の授業", prefectures=[prefecture("01")]
    )
    html = client.get(kinki.get_absolute_url()).content.decode()
    assert visiting.title in html and elsewhere.title not in html


def test_forum_without_lessons_has_no_section(client, lesson_index, lesson):
    forum = ForumFactory(slug="quiet")
    html = client.get(forum.get_absolute_url()).content.decode()
    assert 'id="forum-lessons-heading"' not in html


def test_sections_take_a_bounded_number_of_queries(
    client, home_page, lesson_index, today, django_assert_max_num_queries
):
    forum = ForumFactory(slug="citizen")
    for _ in range(2):
        LessonPageFactory(parent=lesson_index, forum=forum)
    # Both pages also render the other apps' sections; what matters is that lessons add none.
    with django_assert_max_num_queries(70) as small:
        client.get(home_page.url)
        client.get(forum.get_absolute_url())
    small_count = len(small.captured_queries)
    for _ in range(8):
        lesson = LessonPageFactory(parent=lesson_index, forum=forum)
        LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=20))
    with django_assert_max_num_queries(small_count):
        client.get(home_page.url)
        client.get(forum.get_absolute_url())
