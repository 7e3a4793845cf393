import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from casestudies.filters import CaseStudyFilterForm
from events.filters import EventFilterForm
from tests.casestudies.conftest import KINKI
from tests.casestudies.factories import CaseStudyPageFactory
from tests.factories import ForumFactory, prefecture
from tests.i18n.conftest import translate
from website.filters import ListFilterForm
from website.prefectures import REGION_NAMES, REGIONS

HIDDEN = ("下書きの事例", "会員限定の事例")


def get(client, index, query=""):
    response = client.get(f"{index.url}{query}")
    assert response.status_code == 200
    return response


def listed_titles(response):
    context = response.context
    return [case.title for case in context["model_cases"] + context["other_cases"]]


def option_counts(response, name):
    """{option value: the number shown next to it} of one filter of the case index."""
    return response.context["filter_form"].fields[name].widget.counts


def model_label(response):
    return response.context["filter_form"]["model"].label


@pytest.mark.django_db
def test_lists_visible_cases_with_model_cases_first(client, cases):
    response = get(client, cases.index)
    # Model cases first (newest first among them), then the others newest first.
    assert listed_titles(response) == [cases.c.title, cases.a.title, cases.d.title, cases.b.title]
    html = response.content.decode()
    assert html.index('id="model-cases-heading"') < html.index(cases.c.title)
    assert html.index(cases.a.title) < html.index('id="cases-heading"') < html.index(cases.d.title)
    assert "掲載している事例：<strong>4件</strong>" in html
    for title in HIDDEN:
        assert title not in html


@pytest.mark.django_db
def test_counts_without_filters_leave_out_hidden_cases(client, cases):
    response = get(client, cases.index)
    kinds = option_counts(response, "kind")
    assert (kinds["road"], kinds["bridge"], kinds["river"], kinds["tunnel"]) == (2, 2, 1, 0)
    forms = option_counts(response, "form")
    assert (forms["inspection"], forms["cleaning"], forms["reporting"], forms["planning"]) == (
        2,
        2,
        1,
        0,
    )
    areas = option_counts(response, "area")
    assert (areas["kinki"], areas["27"], areas["26"], areas["28"]) == (2, 1, 1, 0)
    assert (areas["kanto"], areas["13"]) == (1, 1)
    assert areas["01"] == 1  # no Hokkaido forum here: listed under その他の都道府県
    other_prefectures, options = response.context["filter_form"].fields["area"].choices[-1]
    assert other_prefectures == "その他の都道府県" and ("01", "北海道") in options
    assert model_label(response) == "モデル事例のみ（2件）"


@pytest.mark.django_db
def test_counts_appear_next_to_each_value_and_empty_values_are_disabled(client, cases):
    html = get(client, cases.index, "?kind=bridge").content.decode()
    assert '<option value="bridge" selected>橋梁（2件）</option>' in html
    assert '<option value="road">道路（2件）</option>' in html
    assert '<option value="tunnel" disabled>トンネル（0件）</option>' in html
    assert '<option value="kinki">近畿全域（2件）</option>' in html
    assert '<option value="kanto" disabled>関東全域（0件）</option>' in html
    assert "モデル事例のみ（1件）" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?area=27", {"a"}),
        ("?area=kinki", {"a", "b"}),
        ("?area=kanto", {"c"}),
        ("?kind=bridge", {"a", "b"}),
        ("?kind=road", {"b", "c"}),
        ("?form=cleaning", {"b", "d"}),
        ("?form=reporting", {"c"}),
        ("?model=1", {"a", "c"}),
        # Old bookmarks and hand-written links: a browser's own value, and "true".
        ("?model=on", {"a", "c"}),
        ("?model=true", {"a", "c"}),
    ],
)
def test_each_filter_filters(client, cases, query, expected):
    titles = listed_titles(get(client, cases.index, query))
    assert sorted(titles) == sorted(getattr(cases, name).title for name in expected)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?area=kinki&kind=road", {"b"}),
        ("?area=kinki&model=1", {"a"}),
        ("?kind=road&form=inspection", {"c"}),
        ("?kind=bridge&form=cleaning&area=26", {"b"}),
        ("?area=kanto&kind=road&form=reporting&model=1", {"c"}),
    ],
)
def test_filters_combine(client, cases, query, expected):
    titles = listed_titles(get(client, cases.index, query))
    assert sorted(titles) == sorted(getattr(cases, name).title for name in expected)


@pytest.mark.django_db
def test_each_filters_counts_apply_the_other_selected_filters(client, cases):
    response = get(client, cases.index, "?kind=bridge&area=kinki")
    # Kinds: counted within 近畿 only, ignoring the kind chosen.
    kinds = option_counts(response, "kind")
    assert (kinds["bridge"], kinds["road"], kinds["river"]) == (2, 1, 0)
    # Areas: counted among bridge cases, ignoring the area chosen.
    areas = option_counts(response, "area")
    assert (areas["kinki"], areas["27"], areas["26"], areas["kanto"], areas["01"]) == (
        2,
        1,
        1,
        0,
        0,
    )
    forms = option_counts(response, "form")
    assert (forms["inspection"], forms["cleaning"], forms["reporting"]) == (1, 1, 0)
    assert model_label(response) == "モデル事例のみ（1件）"


@pytest.mark.django_db
def test_area_and_model_counts_and_the_result_count_apply_each_other(client, cases):
    # These three add up from one aggregate query (CaseStudyFilterForm.count_cases): each must
    # still count what its own filter would find, under the other one.
    response = get(client, cases.index, "?area=kinki&model=1")
    areas = option_counts(response, "area")  # model cases only, ignoring the area chosen
    assert (areas["kinki"], areas["27"], areas["26"], areas["kanto"], areas["01"]) == (
        1,
        1,
        0,
        1,
        0,
    )
    assert (
        model_label(response) == "モデル事例のみ（1件）"
    )  # within 近畿, ignoring the model filter
    assert response.context["paginator"].count == 1
    assert "条件に合う事例：<strong>1件</strong>" in response.content.decode()
    # Without the model filter, the area's cases and its model cases.
    response = get(client, cases.index, "?area=kinki")
    assert response.context["paginator"].count == 2
    assert model_label(response) == "モデル事例のみ（1件）"
    assert option_counts(response, "area")["kanto"] == 1


@pytest.mark.django_db
def test_a_regional_forum_means_the_prefectures_it_covers(client, index):
    # An editor gave this forum only two prefectures; the filter follows the forum, not a table.
    ForumFactory(
        name="瀬戸内フォーラム",
        slug="setouchi",
        regional=True,
        prefectures=[prefecture("34"), prefecture("37")],
    )
    national = ForumFactory(name="市民参画フォーラム", slug="citizen-participation")
    hiroshima = CaseStudyPageFactory(parent=index, prefecture=prefecture("34"))
    kagawa = CaseStudyPageFactory(parent=index, prefecture=prefecture("37"))
    CaseStudyPageFactory(parent=index, prefecture=prefecture("33"), forum=national)

    response = get(client, index, "?area=setouchi")
    assert sorted(listed_titles(response)) == sorted([hiroshima.title, kagawa.title])
    assert "地域：瀬戸内全域" in response.content.decode()
    # A national forum is not an area: the value is set aside with the filters' note.
    response = get(client, index, f"?area={national.slug}")
    assert len(listed_titles(response)) == 3
    assert (
        "指定の地域が見つからないため、この条件を外して表示しています。"
        in response.content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_case_and_event_indexes_offer_the_same_regions(language):
    # The council's regional forums, each covering its block (as in the demo data).
    suffixes = {"kinki": "本部フォーラム"}
    for order, (region, name, codes) in enumerate(REGIONS, start=11):
        ForumFactory(
            slug=region,
            name=name + suffixes.get(region, "フォーラム"),
            sort_order=order,
            regional=True,
            prefectures=[prefecture(code) for code in codes],
        )
    with translation.override(language):
        cases = CaseStudyFilterForm(kinds=[], collaboration_forms=[])
        events = EventFilterForm(kinds=[], forums=[])
        case_areas = cases.fields["area"].choices
        event_areas = events.fields["area"].choices
    online = ("online", "オンライン" if language == "ja" else "Online")
    assert event_areas == [case_areas[0], online, *case_areas[1:]]
    assert len(case_areas) == 1 + len(REGION_NAMES)
    if language == "ja":
        assert case_areas[6] == (
            "近畿",
            [("kinki", "近畿全域"), *((code, prefecture(code).name) for code in KINKI)],
        )
    assert cases.area_codes == events.area_codes


@pytest.mark.django_db
def test_a_case_says_where_it_is_as_an_event_does(index):
    toyota = CaseStudyPageFactory(parent=index, prefecture=prefecture("23"), municipality="豊田市")
    osaka = CaseStudyPageFactory(parent=index, prefecture=prefecture("27"), municipality="")
    assert toyota.location_label == "愛知県豊田市"
    assert osaka.location_label == "大阪府"
    with translation.override("en"):
        assert toyota.location_label == "豊田市, Aichi"


@pytest.mark.django_db
def test_active_filters_are_removable_chips_that_keep_the_others(client, cases):
    url = cases.index.url
    html = get(client, cases.index, "?area=kinki&kind=bridge&page=1").content.decode()
    assert f'<a href="{url}?kind=bridge">地域：近畿全域' in html
    assert f'<a href="{url}?area=kinki">インフラの種類：橋梁' in html
    assert f'<a href="{url}" class="chips__clear">すべての条件をクリア</a>' in html
    html = get(client, cases.index, "?kind=bridge&model=1").content.decode()
    assert f'<a href="{url}?kind=bridge">モデル事例のみ<span' in html


@pytest.mark.django_db
def test_filter_form_is_a_bookmarkable_get_form_that_keeps_the_state(client, cases):
    html = get(client, cases.index, "?area=27&form=inspection&model=1").content.decode()
    assert f'<form method="get" action="{cases.index.url}"' in html
    assert '<select name="area" id="id_area">' in html
    assert '<option value="27" selected>大阪府（1件）</option>' in html
    assert '<option value="inspection" selected>点検・見守り（1件）</option>' in html
    assert '<input type="checkbox" name="model" value="1" id="id_model" checked>' in html
    assert '<label for="id_model">モデル事例のみ（1件）</label>' in html
    assert '<label for="id_kind">インフラの種類</label>' in html
    assert '<button type="submit">この条件で表示</button>' in html


@pytest.mark.django_db
def test_empty_result_explains_itself_and_offers_ways_out(client, cases):
    response = get(client, cases.index, "?area=kanto&kind=bridge")
    html = response.content.decode()
    assert listed_titles(response) == []
    assert "条件に合う事例は見つかりませんでした" in html
    url = cases.index.url
    assert "選んだ条件（地域：関東全域、インフラの種類：橋梁）" in html
    assert (
        f'<a href="{url}?kind=bridge">「地域：関東全域」を外す</a><span class="nowrap">（2件）</span>'
        in html
    )
    assert (
        f'<a href="{url}?area=kanto">「インフラの種類：橋梁」を外す</a><span class="nowrap">（1件）</span>'
        in html
    )
    assert f'<a class="button" href="{url}">すべての条件をクリアして全4件を見る</a>' in html


@pytest.mark.django_db
def test_index_without_cases_says_so(client, index):
    html = get(client, index).content.decode()
    assert "協働事例はまだ掲載されていません。" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "?area=<script>alert(1)</script>",
        "?area=%00&kind=%00&form=%00",
        "?area=99&kind=nothing&form=nothing",
        "?kind=" + "x" * 5000,
        "?model=yes",
        "?page=abc",
        "?page=-1",
        "?page=99999",
        "?page=1.5&area[]=kinki",
        "?area=kinki&area=%27%22",
    ],
)
def test_junk_query_values_are_ignored_never_an_error(client, cases, query):
    response = get(client, cases.index, query)
    html = response.content.decode()
    assert len(listed_titles(response)) == 4
    assert response.context["active_filters"] == []
    assert "<script>alert(1)</script>" not in html


@pytest.mark.django_db
def test_junk_is_noted_next_to_its_field_and_the_valid_filters_still_apply(client, cases):
    response = get(client, cases.index, "?area=kinki&kind=nothing&form=%00&model=yes")
    html = response.content.decode()
    assert sorted(listed_titles(response)) == sorted([cases.a.title, cases.b.title])
    assert "指定のインフラの種類が見つからないため、この条件を外して表示しています。" in html
    assert "指定の協働の形が見つからないため、この条件を外して表示しています。" in html
    assert 'id="id_kind_error"' in html and 'id="id_form_error"' in html
    assert [chip["label"] for chip in response.context["active_filters"]] == ["近畿全域"]
    assert '<input type="checkbox" name="model" value="1" id="id_model">' in html


@pytest.mark.django_db
def test_the_case_index_filters_with_the_shared_form_and_include(client, cases):
    assert issubclass(CaseStudyFilterForm, ListFilterForm)
    response = get(client, cases.index, "?kind=bridge")
    assert isinstance(response.context["filter_form"], CaseStudyFilterForm)
    templates = [template.name for template in response.templates]
    assert "website/includes/list_filters.html" in templates
    assert "website/includes/form_field.html" in templates
    html = response.content.decode()
    assert 'class="filters case-filters" aria-label="条件で絞り込む"' in html
    # The chips sit with the results, after the number of cases found.
    assert html.index("条件に合う事例：") < html.index('<div class="active-filters">')
    assert html.count('<div class="active-filters">') == 1


@pytest.mark.django_db
def test_the_english_case_index_filters_and_counts_in_english(client, cases, home_page):
    translate(home_page, title="Home", hero_heading="Infrastructure, by all of us.")
    english_index = translate(cases.index, title="Collaboration cases", introduction="")
    translate(cases.a, title="Watching Osaka's bridges")
    translate(cases.b, title="Cleaning Kyoto's roads and bridges")

    response = client.get("/en/cases/", {"area": "kinki", "kind": "bridge", "model": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert listed_titles(response) == ["Watching Osaka's bridges"]
    assert '<option value="kinki" selected>All of Kinki (1)</option>' in html
    assert '<option value="27">Osaka (1)</option>' in html
    assert '<option value="kanto" disabled>All of Kanto (0)</option>' in html
    assert '<label for="id_kind">Kind of infrastructure</label>' in html
    assert '<label for="id_model">Model cases only (1)</label>' in html
    assert '<button type="submit">Show</button>' in html
    assert "Area: All of Kinki" in html and "Model cases only<span" in html
    assert f'<a href="{english_index.url}?area=kinki&amp;model=1">' in html
    assert "Matching cases: <strong>1</strong>" in html


@pytest.mark.django_db
def test_the_english_case_index_says_in_english_that_nothing_matches(client, cases, home_page):
    translate(home_page, title="Home", hero_heading="Infrastructure, by all of us.")
    english_index = translate(cases.index, title="Collaboration cases", introduction="")
    translate(cases.a, title="Watching Osaka's bridges")

    html = client.get("/en/cases/", {"area": "kanto", "kind": "bridge"}).content.decode()
    assert "No case matches these filters" in html
    assert "No case published yet matches all the filters chosen (Area: All of Kanto" in html
    assert 'Remove “Area: All of Kanto”</a><span class="nowrap"> (1)</span>' in html
    assert (
        f'<a class="button" href="{english_index.url}">Clear all filters and see all 1</a>' in html
    )
    assert not re.search(r"[\u3040-\u30ff]", html.split("<main", 1)[1].split("</main>")[0])


@pytest.mark.django_db
def test_the_ways_out_of_an_empty_result_are_counted_only_when_it_is_empty(client, cases):
    def queries(query):
        client.get(f"{cases.index.url}{query}")  # the renditions and caches, once
        with CaptureQueriesContext(connection) as captured:
            response = get(client, cases.index, query)
        return len(captured), response

    found, response = queries("?area=kanto&kind=road")
    assert "relaxations" not in response.context
    empty, response = queries("?area=kanto&kind=river")
    assert [chip["count"] for chip in response.context["relaxations"]] == [1, 1]
    # One count per filter removed, one for every case: and no listing query either way.
    assert empty <= found + 3


@pytest.mark.django_db
def test_pagination_keeps_filters_and_clamps_bad_pages(client, index):
    for number in range(14):
        CaseStudyPageFactory(parent=index, kinds=["bridge"], title=f"橋の事例{number:02d}")
    CaseStudyPageFactory(parent=index, kinds=["road"], title="道路の事例")

    first = get(client, index, "?kind=bridge")
    assert len(listed_titles(first)) == 12
    html = first.content.decode()
    assert "条件に合う事例：<strong>14件</strong>（1〜12件目を表示）" in html
    assert 'href="?kind=bridge&amp;page=2" rel="next"' in html

    second = get(client, index, "?kind=bridge&page=2")
    assert len(listed_titles(second)) == 2
    assert "道路の事例" not in listed_titles(second)
    assert "（13〜14件目を表示）" in second.content.decode()
    assert listed_titles(get(client, index, "?kind=bridge&page=999")) == listed_titles(second)
    assert listed_titles(get(client, index, "?kind=bridge&page=abc")) == listed_titles(first)

    # A last page with one case names it alone, not 「13〜13件目」.
    for number in range(14, 25):
        CaseStudyPageFactory(parent=index, kinds=["bridge"], title=f"橋の事例{number:02d}")
    last = get(client, index, "?kind=bridge&page=3")
    assert "条件に合う事例：<strong>25件</strong>（25件目を表示）" in last.content.decode()
