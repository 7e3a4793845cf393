import io

import pytest
from wagtail.models import Page

from casestudies import bench
from casestudies.models import CaseStudyPage
from tests.casestudies.factories import CaseStudyPageFactory


@pytest.mark.django_db
def test_bench_data_creates_500_valid_visible_case_studies_once(client, home_page, regions):
    out = io.StringIO()
    index = bench.load(home_page, out)
    assert "500 件" in out.getvalue()
    cases = CaseStudyPage.objects.visible().child_of(index)
    assert cases.count() == 500
    assert cases.model_cases().count() == 50
    assert cases.filter(infrastructure_kinds__isnull=True).count() == 0
    assert cases.filter(collaboration_forms__isnull=True).count() == 0
    # The page tree is consistent: paths, depths and child counts all agree.
    assert all(not problems for problems in Page.find_problems())
    index.refresh_from_db()
    assert index.numchild == 500

    bench.load(home_page, io.StringIO())
    assert CaseStudyPage.objects.count() == 500

    case = cases.get(slug="bench-case-0042")
    assert client.get(case.url).status_code == 200
    assert "掲載している事例：<strong>500件</strong>" in client.get(index.url).content.decode()
    # Editors can still add a page after the bulk insert.
    added = CaseStudyPageFactory(parent=index, slug="after-bench")
    assert added.path > case.path and Page.objects.get(pk=index.pk).numchild == 501
