import pytest

from tests.casestudies.factories import CaseStudyPageFactory
from tests.factories import ForumFactory, prefecture

HIDDEN = ("下書きの事例", "会員限定の事例")


def get(client, index, query=""):
    response = client.get(f"{index.url}{query}")
    assert response.status_code == 200
    return response


def listed_titles(response):
    context = response.context
    return [case.title for case in context["model_cases"] + context["other_cases"]]


def counts(options):
    return {option.value: option.count for option in options}


def area_counts(search):
    return {option.value: option.count for group in search.area_groups for option in group.options}


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
    search = get(client, cases.index).context["search"]
    kinds = counts(search.kind_options)
    assert (kinds["road"], kinds["bridge"], kinds["river"], kinds["tunnel"]) == (2, 2, 1, 0)
    forms = counts(search.form_options)
    assert (forms["inspection"], forms["cleaning"], forms["reporting"], forms["planning"]) == (
        2,
        2,
        1,
        0,
    )
    areas = area_counts(search)
    assert (areas["kinki"], areas["27"], areas["26"], areas["28"]) == (2, 1, 1, 0)
    assert (areas["kanto"], areas["13"]) == (1, 1)
    assert areas["01"] == 1  # no Hokkaido forum here: listed under その他の都道府県
    assert search.area_groups[-1].label == "その他の都道府県"
    assert search.model_count == 2


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
    ],
)
def test_each_facet_filters(client, cases, query, expected):
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
def test_facets_combine(client, cases, query, expected):
    titles = listed_titles(get(client, cases.index, query))
    assert sorted(titles) == sorted(getattr(cases, name).title for name in expected)


@pytest.mark.django_db
def test_each_facet_counts_apply_the_other_selected_filters(client, cases):
    search = get(client, cases.index, "?kind=bridge&area=kinki").context["search"]
    # Kinds: counted within 近畿 only, ignoring the kind chosen.
    kinds = counts(search.kind_options)
    assert (kinds["bridge"], kinds["road"], kinds["river"]) == (2, 1, 0)
    # Areas: counted among bridge cases, ignoring the area chosen.
    areas = area_counts(search)
    assert (areas["kinki"], areas["27"], areas["26"], areas["kanto"], areas["01"]) == (
        2,
        1,
        1,
        0,
        0,
    )
    forms = counts(search.form_options)
    assert (forms["inspection"], forms["cleaning"], forms["reporting"]) == (1, 1, 0)
    assert search.model_count == 1


@pytest.mark.django_db
def test_area_and_model_counts_and_the_result_count_apply_each_other(client, cases):
    # These three add up from one aggregate query (casestudies/facets.py): each must still
    # count what its own filter would find, under the other one.
    response = get(client, cases.index, "?area=kinki&model=1")
    search = response.context["search"]
    areas = area_counts(search)  # model cases only, ignoring the area chosen
    assert (areas["kinki"], areas["27"], areas["26"], areas["kanto"], areas["01"]) == (
        1,
        1,
        0,
        1,
        0,
    )
    assert search.model_count == 1  # within 近畿, ignoring the model filter
    assert search.result_count == 1
    assert "条件に合う事例：<strong>1件</strong>" in response.content.decode()
    # Without the model filter, the area's cases and its model cases.
    search = get(client, cases.index, "?area=kinki").context["search"]
    assert (search.result_count, search.model_count) == (2, 1)
    assert area_counts(search)["kanto"] == 1


@pytest.mark.django_db
def test_a_regional_forum_means_the_prefectures_it_covers(client, index):
    # An editor gave this forum only two prefectures; the facet follows the forum, not a table.
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
    # A national forum is not an area: the value is ignored.
    assert len(listed_titles(get(client, index, f"?area={national.slug}"))) == 3


@pytest.mark.django_db
def test_active_filters_are_removable_chips_that_keep_the_others(client, cases):
    html = get(client, cases.index, "?area=kinki&kind=bridge&page=1").content.decode()
    assert '<a href="?kind=bridge">地域：近畿全域' in html
    assert '<a href="?area=kinki">インフラ：橋梁' in html
    assert '<a href="?" class="chips__clear">すべての条件をクリア</a>' in html


@pytest.mark.django_db
def test_filter_form_is_a_bookmarkable_get_form_that_keeps_the_state(client, cases):
    html = get(client, cases.index, "?area=27&form=inspection&model=1").content.decode()
    assert f'<form method="get" action="{cases.index.url}"' in html
    assert '<select id="filter-area" name="area">' in html
    assert '<option value="27" selected>大阪府（1件）</option>' in html
    assert '<option value="inspection" selected>点検・見守り（1件）</option>' in html
    assert 'name="model" value="1" checked' in html
    assert '<label for="filter-kind">インフラの種類</label>' in html


@pytest.mark.django_db
def test_empty_result_explains_itself_and_offers_ways_out(client, cases):
    response = get(client, cases.index, "?area=kanto&kind=bridge")
    html = response.content.decode()
    assert listed_titles(response) == []
    assert "条件に合う事例は見つかりませんでした" in html
    assert "選んだ条件（地域：関東全域、インフラ：橋梁）" in html
    assert '<a href="?kind=bridge">「地域：関東全域」を外す</a>（2件）' in html
    assert '<a href="?area=kanto">「インフラ：橋梁」を外す</a>（1件）' in html
    assert "すべての条件をクリアして全4件を見る" in html


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
    assert not response.context["search"].is_filtered
    assert "<script>alert(1)</script>" not in html


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
    assert listed_titles(get(client, index, "?kind=bridge&page=999")) == listed_titles(second)
    assert listed_titles(get(client, index, "?kind=bridge&page=abc")) == listed_titles(first)
