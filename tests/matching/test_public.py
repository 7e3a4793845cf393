"""Published needs and seeds are listed and filtered; unpublished and anonymous ones never."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from matching.filters import NeedFilterForm, SeedFilterForm
from matching.models import InfrastructureField, Need, Seed, Stage
from tests.factories import ForumFactory

from .factories import MatchingFactory, NeedFactory, SeedFactory, field, government

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_needs_list_shows_published_needs_only(client, matching_index):
    NeedFactory(theme="河道・堤防の点検・診断")
    NeedFactory(theme="非公開のニーズ", is_public=False)

    page = html(client, "/matching/needs/")

    assert "河道・堤防の点検・診断" in page
    assert "非公開のニーズ" not in page
    assert "広島県広島市" in page


def test_an_unpublished_need_has_no_page(client, matching_index):
    hidden = NeedFactory(is_public=False)
    shown = NeedFactory()

    assert client.get(f"/matching/needs/{hidden.pk}/").status_code == 404
    assert client.get(f"/matching/needs/{shown.pk}/").status_code == 200


def test_seeds_of_anonymous_or_unpublished_organisations_are_never_public(client, matching_index):
    shown = SeedFactory(organisation_name="株式会社公開測量")
    anonymous = SeedFactory(organisation_name="匿名希望株式会社", anonymous=True)
    unpublished = SeedFactory(organisation_name="非公開株式会社", is_public=False)

    page = html(client, "/matching/seeds/")
    assert "株式会社公開測量" in page
    assert "匿名希望株式会社" not in page and "非公開株式会社" not in page
    assert client.get(f"/matching/seeds/{shown.pk}/").status_code == 200
    assert client.get(f"/matching/seeds/{anonymous.pk}/").status_code == 404
    assert client.get(f"/matching/seeds/{unpublished.pk}/").status_code == 404


def test_a_needs_page_names_no_anonymous_seed(client, matching_index):
    anonymous = SeedFactory(
        organisation_name="匿名希望株式会社", technology="秘密の技術", anonymous=True
    )
    matching = MatchingFactory(seeds=[anonymous])
    matching.reach(Stage.CONSIDERED)

    page = html(client, f"/matching/needs/{matching.need.pk}/")

    assert "検討" in page
    assert "秘密の技術" not in page and "匿名希望株式会社" not in page


def test_needs_are_filtered_by_field_prefecture_forum_and_stage(client, matching_index):
    chugoku = ForumFactory(regional=True, slug="chugoku")
    river = NeedFactory(theme="堤防の変状把握", forum=chugoku)
    road = NeedFactory(
        theme="舗装のひび割れ", fields=[field("road")], local_government=government("331007")
    )
    MatchingFactory(need=road).reach(Stage.CONCLUDED)

    assert "舗装のひび割れ" not in html(client, "/matching/needs/?field=river")
    assert "堤防の変状把握" in html(client, "/matching/needs/?field=river")
    assert "堤防の変状把握" not in html(client, "/matching/needs/?prefecture=33")
    assert "舗装のひび割れ" in html(client, "/matching/needs/?prefecture=33")
    assert "舗装のひび割れ" not in html(client, "/matching/needs/?forum=chugoku")
    assert "堤防の変状把握" not in html(client, "/matching/needs/?stage=concluded")
    assert "堤防の変状把握" in html(client, "/matching/needs/?stage=none")
    assert river and road


def test_junk_filters_show_the_list_with_a_note(client, matching_index):
    NeedFactory(theme="堤防の変状把握")

    page = html(client, "/matching/needs/?field=%00junk&prefecture=99&stage=<script>")

    assert "堤防の変状把握" in page
    assert "この条件を外して表示しています" in page


def test_the_lists_are_left_out_of_the_sitemap(client, matching_index):
    NeedFactory()
    response = client.get("/sitemap.xml")
    assert b"/matching/needs/" not in response.content


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_many(forum, count):
    """`count` published needs and seeds, each in two fields, written in bulk."""
    river, road, coast = field("river"), field("road"), field("coast")
    hiroshima = government()
    needs = Need.objects.bulk_create(
        Need(
            local_government=hiroshima,
            theme=f"大量のニーズ{n}",
            sought="条件",
            forum=forum,
            is_public=True,
        )
        for n in range(count)
    )
    NeedFields = Need.fields.through
    NeedFields.objects.bulk_create(
        NeedFields(need_id=need.pk, infrastructurefield_id=f.pk)
        for need in needs
        for f in (river, road)
    )
    seeds = Seed.objects.bulk_create(
        Seed(
            organisation_name=f"株式会社{n}", technology=f"技術{n}", overview="概要", is_public=True
        )
        for n in range(count)
    )
    SeedFields = Seed.fields.through
    SeedFields.objects.bulk_create(
        SeedFields(seed_id=seed.pk, infrastructurefield_id=f.pk)
        for seed in seeds
        for f in (river, coast)
    )


@pytest.mark.parametrize(
    "url",
    [
        "/matching/needs/",
        "/matching/needs/?field=river&prefecture=34&stage=none",
        "/matching/seeds/",
        "/matching/seeds/?field=river",
    ],
)
def test_list_queries_do_not_grow_with_the_number_of_items(client, matching_index, url):
    forum = ForumFactory(regional=True)
    for _ in range(10):
        NeedFactory(forum=forum)
        SeedFactory()
    client.get(url)  # warm the caches of the site's chrome
    few = queries(client, url)
    add_many(forum, 1990)  # 2,000 of each

    assert queries(client, url) <= few


def test_needs_and_seeds_stay_out_of_the_site_search(client, matching_index):
    NeedFactory(theme="非公開の堤防点検ニーズ", is_public=False)
    SeedFactory(technology="匿名の衛星監視技術", anonymous=True)

    response = client.get("/search/", {"q": "堤防点検ニーズ"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "非公開の堤防点検ニーズ" not in page
    page = client.get("/search/", {"q": "衛星監視技術"}).content.decode()
    assert "匿名の衛星監視技術" not in page


def test_each_filter_option_counts_the_needs_it_would_list(client, matching_index):
    chugoku = ForumFactory(regional=True, slug="chugoku", name="中国フォーラム")
    NeedFactory(forum=chugoku)
    NeedFactory(forum=chugoku, fields=[field("river"), field("road")])
    NeedFactory(fields=[field("road")], local_government=government("331007"))
    NeedFactory(forum=chugoku, is_public=False)
    MatchingFactory(need=NeedFactory(forum=chugoku)).reach(Stage.CONSIDERED)

    page = html(client, "/matching/needs/")
    assert ">河川（3件）<" in page and ">道路（2件）<" in page and ">港湾（0件）<" in page
    assert ">中国フォーラム（3件）<" in page
    assert ">岡山県（1件）<" in page and ">広島県（3件）<" in page
    assert ">検討（1件）<" in page and ">マッチング前（3件）<" in page

    # Another facet's choice narrows the counts; a facet's own choice does not.
    page = html(client, "/matching/needs/?forum=chugoku&field=road")
    assert ">河川（3件）<" in page and ">道路（1件）<" in page
    assert ">中国フォーラム（1件）<" in page


def test_each_seed_field_counts_the_public_seeds_it_would_list(client, matching_index):
    SeedFactory()
    SeedFactory(fields=[field("river"), field("road")])
    SeedFactory(fields=[field("road")], anonymous=True)
    SeedFactory(fields=[field("road")], is_public=False)

    page = html(client, "/matching/seeds/")
    assert ">河川（2件）<" in page and ">道路（1件）<" in page and ">港湾（0件）<" in page
    # A facet's own choice leaves its counts as they were.
    page = html(client, "/matching/seeds/?field=road")
    assert ">河川（2件）<" in page and ">道路（1件）<" in page


def test_an_option_that_would_list_nothing_is_disabled_unless_chosen(client, matching_index):
    NeedFactory()  # 河川, in Hiroshima, with no matching yet
    SeedFactory()  # 河川

    page = html(client, "/matching/needs/")
    assert '<option value="river">河川（1件）</option>' in page
    assert '<option value="port" disabled>港湾（0件）</option>' in page
    assert '<option value="34">広島県（1件）</option>' in page
    assert '<option value="33" disabled>岡山県（0件）</option>' in page
    assert '<option value="none">マッチング前（1件）</option>' in page
    assert '<option value="considered" disabled>検討（0件）</option>' in page
    assert '<option value="" selected>すべての段階</option>' in page  # "all": no number
    page = html(client, "/matching/needs/?field=port&stage=considered")
    assert '<option value="port" selected>港湾（0件）</option>' in page
    assert '<option value="considered" selected>検討（0件）</option>' in page
    page = html(client, "/matching/seeds/")
    assert '<option value="port" disabled>港湾（0件）</option>' in page


def test_the_chips_show_the_chosen_options_without_their_counts(client, matching_index):
    chugoku = ForumFactory(regional=True, slug="chugoku", name="中国フォーラム")
    NeedFactory(forum=chugoku)
    SeedFactory()

    response = client.get("/matching/needs/?field=river&prefecture=34&forum=chugoku&stage=none")
    chips = [(chip["name"], chip["label"]) for chip in response.context["active_filters"]]
    assert chips == [
        ("インフラ分野", "河川"),
        ("都道府県", "広島県"),
        ("フォーラム", "中国フォーラム"),
        ("マッチングの段階", "マッチング前"),
    ]
    assert "マッチングの段階：マッチング前<span" in response.content.decode()
    response = client.get("/matching/seeds/?field=river")
    assert [chip["label"] for chip in response.context["active_filters"]] == ["河川"]


@pytest.mark.parametrize(
    ("form_class", "items", "filters"),
    [
        (NeedFilterForm, Need.objects, 4),  # field, prefecture, forum, stage
        (SeedFilterForm, Seed.objects, 1),  # field
    ],
)
def test_each_counted_filter_costs_one_aggregate_query(
    matching_index, django_assert_max_num_queries, form_class, items, filters
):
    chugoku = ForumFactory(regional=True, slug="chugoku")
    MatchingFactory(need=NeedFactory(forum=chugoku))
    query = QueryDict("field=river&prefecture=34&forum=chugoku&stage=considered")
    form = form_class(query, infrastructure_fields=InfrastructureField.objects.all())
    assert form.is_valid()  # the chosen options are read apart from the counts

    with django_assert_max_num_queries(filters):
        form.add_counts(items.visible())


def test_a_deployed_matching_links_to_its_case_study(client, home_page, matching_index):
    from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory

    case = CaseStudyPageFactory(
        parent=CaseStudyIndexPageFactory(parent=home_page), title="衛星で堤防を見守る"
    )
    matching = MatchingFactory(seeds=[SeedFactory()], case_study=case)
    matching.reach(Stage.DEPLOYMENT)

    page = html(client, f"/matching/needs/{matching.need.pk}/")

    assert "社会実装" in page
    assert f'href="{case.url}"' in page and "衛星で堤防を見守る" in page


@pytest.mark.parametrize("hidden_by", ["login", "password", "unpublished"])
def test_a_matching_never_names_a_case_study_the_public_may_not_see(
    client, home_page, matching_index, hidden_by
):
    from wagtail.models import PageViewRestriction

    from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory

    case = CaseStudyPageFactory(
        parent=CaseStudyIndexPageFactory(parent=home_page), title="会員向けの衛星堤防事例"
    )
    case_url = case.url
    if hidden_by == "unpublished":
        case.unpublish()
    else:
        PageViewRestriction.objects.create(page=case, restriction_type=hidden_by, password="x")
    matching = MatchingFactory(seeds=[SeedFactory()], case_study=case)
    matching.reach(Stage.DEPLOYMENT)

    page = html(client, f"/matching/needs/{matching.need.pk}/")

    assert "社会実装" in page
    assert "会員向けの衛星堤防事例" not in page and f'href="{case_url}"' not in page
