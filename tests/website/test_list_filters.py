"""One list-filter pattern (website/filters.py) for news, events, lessons and case studies: junk
is noted next to its field and left out, chips remove one filter, options can carry counts."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django import forms
from django.http import QueryDict

from casestudies.filters import CaseStudyFilterForm
from events.filters import EventFilterForm
from news.filters import NewsFilterForm
from outreach.choices import Grade
from outreach.filters import LessonFilterForm
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import ForumFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.outreach.factories import LessonIndexPageFactory, LessonPageFactory
from website.filters import Checkbox, CountedSelect, ListFilterForm
from website.models import Prefecture

pytestmark = pytest.mark.django_db


def query(url):
    return parse_qs(urlsplit(url).query)


def test_every_list_uses_the_shared_filter_form():
    for form_class in (NewsFilterForm, EventFilterForm, LessonFilterForm, CaseStudyFilterForm):
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


def test_the_other_lists_keep_the_shared_button(client, home_page):
    index = NewsIndexPageFactory(parent=home_page, slug="news")
    html = client.get(index.url).content.decode()
    assert '<div class="form-field"><button type="submit">絞り込む</button></div>' in html


class PrefectureFilterForm(ListFilterForm):
    """The prefectures, by region and around the capital, each option counted."""

    region = forms.ChoiceField(
        label="地方",
        choices=[("", "すべての地方"), ("kinki", "近畿"), ("kanto", "関東"), ("tohoku", "東北")],
        widget=CountedSelect,
    )
    capital = forms.BooleanField(label="首都圏のみ", widget=Checkbox)

    def filter_region(self, prefectures, region):
        return prefectures.filter(region=region)

    def filter_capital(self, prefectures, capital):
        return prefectures.filter(code__in=["11", "12", "13", "14"])

    def count(self, prefectures):
        by_region = self.filter_except(prefectures, "region")
        self.show_counts(
            "region", {region: by_region.filter(region=region).count() for region in REGIONS}
        )
        self.show_counts("capital", self.filter_except(prefectures, "capital").count())


REGIONS = ("kinki", "kanto", "tohoku")


def test_counted_options_show_their_numbers_and_disable_the_empty_ones_but_the_chosen():
    form = PrefectureFilterForm(QueryDict("region=tohoku&capital=1"))
    form.count(Prefecture.objects.all())
    html = str(form["region"])
    assert '<option value="">すべての地方</option>' in html  # "all": no number
    assert '<option value="kanto">関東（4件）</option>' in html
    assert '<option value="kinki" disabled>近畿（0件）</option>' in html
    assert '<option value="tohoku" selected>東北（0件）</option>' in html  # chosen: never disabled
    assert form["capital"].label == "首都圏のみ（6件）"  # in 東北, the check box aside
    # The chips keep the plain labels; a check box's chip is its label.
    assert form.active_filters("/prefectures/") == [
        {
            "name": "地方",
            "label": "東北",
            "text": "地方：東北",
            "remove_url": "/prefectures/?capital=1",
        },
        {
            "name": "",
            "label": "首都圏のみ",
            "text": "首都圏のみ",
            "remove_url": "/prefectures/?region=tohoku",
        },
    ]


def test_without_counts_a_counted_select_is_a_plain_select():
    html = str(PrefectureFilterForm()["region"])
    assert '<option value="kinki">近畿</option>' in html and "disabled" not in html


@pytest.mark.parametrize(
    ("sent", "ticked"),
    [("1", True), ("on", True), ("true", True), ("yes", False), ("0", False), ("", False)],
)
def test_a_filter_check_box_is_sent_as_1_and_ticked_by_1_only(sent, ticked):
    form = PrefectureFilterForm(QueryDict(f"capital={sent}"))
    assert bool(form.selected("capital")) is ticked
    html = str(form["capital"])
    assert html.startswith('<input type="checkbox" name="capital" value="1" id="id_capital"')
    assert html.endswith(" checked>") is ticked


def test_relaxations_count_what_removing_each_filter_alone_brings_back():
    form = PrefectureFilterForm(QueryDict("region=kinki&capital=1&page=2"))
    prefectures = Prefecture.objects.all()
    assert not form.filter(prefectures).exists()
    assert form.filter_except(prefectures, "capital").count() == 7
    assert form.relaxations(prefectures, "/prefectures/") == [
        {
            "name": "地方",
            "label": "近畿",
            "text": "地方：近畿",
            "remove_url": "/prefectures/?capital=1",
            "count": 4,
        },
        {
            "name": "",
            "label": "首都圏のみ",
            "text": "首都圏のみ",
            "remove_url": "/prefectures/?region=kinki",
            "count": 7,
        },
    ]


class KindFilterForm(ListFilterForm):
    kind = forms.ChoiceField(label="Kind", choices=[("bridge", "Bridges")])


def test_a_junk_value_is_noted_in_the_language_being_read():
    from django.utils import translation

    with translation.override("en"):
        english = KindFilterForm({"kind": "zzz"})
        english.is_valid()
    assert english.errors["kind"] == [
        "“Kind”: the value asked for was not found, so this filter is not applied."
    ]
    japanese = KindFilterForm({"kind": "zzz"})
    japanese.is_valid()
    assert japanese.errors["kind"] == [
        "指定のKindが見つからないため、この条件を外して表示しています。"
    ]
