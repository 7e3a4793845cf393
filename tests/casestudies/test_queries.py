"""SQL query budgets: a page costs the same number of queries with 10 cases or 500.

Each page is requested once to generate the renditions and fill the caches; then the
renditions cache is emptied, so a rendition missing from the listing's prefetch would cost
one query per image and show up in the count.
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.bench import bulk_create_case_studies
from casestudies.models import CaseStudyPage
from tests.casestudies.factories import CaseStudyGalleryImageFactory, CaseStudyPageFactory
from tests.factories import ForumFactory, ImageFactory
from tests.listing_sql import listing_sql

INDEX_BUDGET = 25
PAGE_BUDGET = 30


@pytest.fixture
def images(db):
    # As many distinct images as a page of the index shows, so no two cards share one.
    return ImageFactory.create_batch(12)


@pytest.fixture
def forums(regions):
    ForumFactory(name="市民参画フォーラム", slug="citizen-participation")
    return regions


def count_queries(client, url, django_assert_max_num_queries, budget):
    warm = client.get(url)
    assert warm.status_code == 200
    caches["renditions"].clear()
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?area=kanto", "?area=kanto&model=1&page=1"])
def test_index_query_count_is_the_same_for_10_and_500_cases(
    client, index, forums, images, django_assert_max_num_queries, query
):
    url = f"{index.url}{query}"
    bulk_create_case_studies(index, 10, images=images, start_number=1)
    small, response = count_queries(client, url, django_assert_max_num_queries, INDEX_BUDGET)
    assert response.context["page_obj"].object_list, "the small set must list cases too"

    bulk_create_case_studies(index, 490, images=images, start_number=11)
    large, response = count_queries(client, url, django_assert_max_num_queries, small)
    assert large == small
    assert CaseStudyPage.objects.child_of(index).live().count() == 500
    html = response.content.decode()
    assert html.count('class="card case-card') == len(response.context["page_obj"].object_list)
    assert "fill-400x267.format-webp" in html


@pytest.mark.django_db
def test_case_study_page_query_count_does_not_grow_with_gallery_or_related_cases(
    client, index, forums, images, django_assert_max_num_queries
):
    bulk_create_case_studies(index, 4, images=images, start_number=1)
    case = CaseStudyPage.objects.child_of(index).first()
    small, _ = count_queries(client, case.url, django_assert_max_num_queries, PAGE_BUDGET)

    bulk_create_case_studies(index, 200, images=images, start_number=5)
    for image in images:
        CaseStudyGalleryImageFactory(page=case, image=image)
    large, response = count_queries(client, case.url, django_assert_max_num_queries, small)
    assert len(response.context["gallery"]) == 13
    assert len(response.context["related_cases"]) == 3


@pytest.mark.django_db
def test_home_and_forum_sections_query_count_does_not_grow(
    client, index, forums, images, django_assert_max_num_queries
):
    kanto_url = forums.kanto.get_absolute_url()
    bulk_create_case_studies(index, 10, images=images, start_number=1)
    home_small, _ = count_queries(client, "/", django_assert_max_num_queries, PAGE_BUDGET)
    forum_small, _ = count_queries(client, kanto_url, django_assert_max_num_queries, PAGE_BUDGET)

    bulk_create_case_studies(index, 490, images=images, start_number=11)
    home_large, home = count_queries(client, "/", django_assert_max_num_queries, home_small)
    forum_large, forum = count_queries(
        client, kanto_url, django_assert_max_num_queries, forum_small
    )
    assert home.content.decode().count("case-card--model") == 3
    assert forum.content.decode().count('class="card case-card') == 6


@pytest.mark.django_db
def test_areas_model_cases_and_results_are_counted_in_one_query(client, index, forums, images):
    # One aggregate for the kinds, one for the forms, one grouped by prefecture and model
    # flag for the rest: the area options, the model-case count and the paginator's count.
    bulk_create_case_studies(index, 30, images=images, start_number=1)
    url = f"{index.url}?area=kanto&model=1"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    case_counts = [
        query["sql"]
        for query in captured
        if 'FROM "casestudies_casestudypage"' in query["sql"]
        and ("COUNT(" in query["sql"] or "GROUP BY" in query["sql"])
    ]
    assert len(case_counts) == 3, case_counts
    kanto_model_cases = CaseStudyPage.objects.child_of(index).filter(
        prefecture__in=forums.kanto.prefectures.all(), is_model_case=True
    )
    assert response.context["paginator"].count == kanto_model_cases.count()


@pytest.mark.django_db
def test_area_filter_reads_the_regions_in_one_query_and_no_prefecture_rows(client, index, forums):
    # The regions and the prefectures they cover come from one join of the forums and their
    # links; the prefectures' names from website/prefectures.py, never from their rows.
    url = f"{index.url}?area=kinki"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    region_reads = [q["sql"] for q in captured if '"website_forum_prefectures"' in q["sql"]]
    assert len(region_reads) == 1, region_reads
    assert not [q["sql"] for q in captured if 'FROM "website_prefecture"' in q["sql"]]
    html = response.content.decode()
    assert '<option value="kinki" selected>' in html
    assert '<option value="27"' in html


@pytest.mark.django_db
def test_listed_cases_carry_their_terms_as_lists_in_the_terms_order(cases):
    listed = {case.pk: case for case in CaseStudyPage.objects.visible().for_listing()}
    expected_kinds = list(cases.b.infrastructure_kinds.order_by("sort_order", "name"))
    expected_forms = list(cases.c.collaboration_forms.order_by("sort_order", "name"))
    assert listed[cases.b.pk].listed_kinds == expected_kinds
    assert listed[cases.c.pk].listed_forms == expected_forms
    assert len(expected_kinds) == 2 and len(expected_forms) == 2


@pytest.mark.django_db
def test_case_cards_read_only_the_fields_they_show(client, cases):
    listing, html = listing_sql(client, cases.index.url, "casestudies_casestudypage")
    assert "京都の道と橋の清掃" in html
    assert '"municipality"' in listing and '"is_model_case"' in listing
    for unshown in ("outcomes", "contact", "period_note", "social_image_id"):
        assert f'"{unshown}"' not in listing
    assert '"website_forum"' not in listing


@pytest.mark.django_db
def test_rebuilding_the_index_reads_what_cases_show_in_a_few_queries_however_many(
    index, django_assert_max_num_queries
):
    for number in range(12):
        CaseStudyPageFactory(parent=index, kinds=["bridge", "road"], title=f"事例{number}")
    # The cases, then one query each for kinds, forms, participants, photos and links.
    with django_assert_max_num_queries(6):
        details = [case.search_details() for case in CaseStudyPage.get_indexed_objects()]
    assert len(details) == 12
