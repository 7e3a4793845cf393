"""One list-filter pattern (website/filters.py) for news, events and lessons, and the same chips
for the case index: junk is noted next to its field and left out, chips remove one filter."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from events.filters import EventFilterForm
from news.filters import NewsFilterForm
from outreach.choices import Grade
from outreach.filters import LessonFilterForm
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import ForumFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.outreach.factories import LessonIndexPageFactory, LessonPageFactory
from website.filters import ListFilterForm

pytestmark = pytest.mark.django_db


def query(url):
    return parse_qs(urlsplit(url).query)


def test_every_list_uses_the_shared_filter_form():
    for form_class in (NewsFilterForm, EventFilterForm, LessonFilterForm):
        assert issubclass(form_class, ListFilterForm)


def test_news_junk_is_noted_next_to_its_field_and_the_list_shown_without_it(client, home_page):
    index = NewsIndexPageFactory(parent=home_page, slug="news")
    NewsPageFactory(parent=index, title="橋の点検報告", date=datetime.date(2021, 6, 1))
    response = client.get(index.url, {"forum": "no-such-forum", "page": "2"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "指定のフォーラムが見つからないため、この条件を外して表示しています。" in html
    assert 'id="id_forum_error"' in html and "橋の点検報告" in html
    assert response.context["active_filters"] == []


def test_event_chips_remove_one_filter_keep_the_others_and_return_to_the_first_page(
    client, home_page
):
    index = EventIndexPageFactory(parent=home_page)
    forum = ForumFactory(name="近畿本部フォーラム", slug="kinki")
    EventPageFactory(parent=index, title="オンライン点検講座", forum=forum, attendance="online")
    response = client.get("/events/", {"forum": "kinki", "attendance": "online", "page": "1"})
    chips = {chip["label"]: chip["remove_url"] for chip in response.context["filter_chips"]}
    assert set(chips) == {"近畿本部フォーラム", "オンラインで参加できる"}
    assert query(chips["近畿本部フォーラム"]) == {"attendance": ["online"]}
    assert query(chips["オンラインで参加できる"]) == {"forum": ["kinki"]}
    html = response.content.decode()
    assert "主催：近畿本部フォーラム" in html and "すべての条件をクリア" in html


def test_the_calendar_keeps_its_month_when_filtering_and_removing_a_filter(client, home_page):
    EventIndexPageFactory(parent=home_page)
    response = client.get("/events/calendar/", {"month": "2031-07", "attendance": "online"})
    html = response.content.decode()
    assert '<input type="hidden" name="month" value="2031-07">' in html
    (chip,) = response.context["filter_chips"]
    assert query(chip["remove_url"]) == {"month": ["2031-07"]}


def test_lesson_junk_is_noted_and_a_valid_prefecture_still_applies(client, home_page):
    index = LessonIndexPageFactory(parent=home_page)
    LessonPageFactory(parent=index, title="橋の授業", target_grades=[Grade.E4])
    response = client.get(index.url, {"grade": "e99", "area": "01"})  # junk grade, Hokkaido
    html = response.content.decode()
    assert response.status_code == 200
    assert "指定の学年が見つからないため、この条件を外して表示しています。" in html
    assert [chip["name"] for chip in response.context["filter_chips"]] == ["学校のある都道府県"]
    assert "橋の授業" not in html  # visits Tokyo only, not online: not for a Hokkaido school


def test_case_index_shows_its_filters_with_the_same_chips(client, home_page):
    from tests.casestudies.factories import CaseStudyIndexPageFactory

    index = CaseStudyIndexPageFactory(parent=home_page)
    html = client.get(index.url, {"model": "1"}).content.decode()
    assert '<div class="active-filters">' in html and 'class="chips__clear"' in html
