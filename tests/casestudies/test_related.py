import pytest
from wagtail.models import PageViewRestriction

from tests.casestudies.factories import CaseStudyPageFactory


@pytest.fixture
def neighbourhood(index):
    case = CaseStudyPageFactory(parent=index, title="本体", kinds=["bridge"], forms=["inspection"])
    return {
        "case": case,
        "both": CaseStudyPageFactory(
            parent=index, title="種類も形も同じ", kinds=["bridge"], forms=["inspection"]
        ),
        "kind": CaseStudyPageFactory(
            parent=index, title="種類が同じ", kinds=["bridge", "road"], forms=["cleaning"]
        ),
        "form": CaseStudyPageFactory(
            parent=index, title="形が同じ", kinds=["river"], forms=["inspection"]
        ),
        "unrelated": CaseStudyPageFactory(
            parent=index, title="無関係", kinds=["river"], forms=["cleaning"]
        ),
        "draft": CaseStudyPageFactory(
            parent=index, title="下書き", live=False, kinds=["bridge"], forms=["inspection"]
        ),
        "private": CaseStudyPageFactory(
            parent=index, title="限定公開", kinds=["bridge"], forms=["inspection"]
        ),
    }


@pytest.mark.django_db
def test_related_cases_share_a_kind_or_a_form_best_match_first(client, neighbourhood):
    PageViewRestriction.objects.create(
        page=neighbourhood["private"], restriction_type="password", password="x"
    )
    response = client.get(neighbourhood["case"].url)
    related = [case.title for case in response.context["related_cases"]]
    assert related == ["種類も形も同じ", "種類が同じ", "形が同じ"]
    html = response.content.decode()
    assert 'id="related-heading">関連する事例</h2>' in html
    for title in ("無関係", "下書き", "限定公開"):
        assert title not in html


@pytest.mark.django_db
def test_related_cases_are_limited_and_never_include_the_case_itself(neighbourhood):
    case = neighbourhood["case"]
    for number in range(5):
        CaseStudyPageFactory(parent=case.get_parent(), kinds=["bridge"], title=f"橋{number}")
    related = case.get_related_cases()
    assert len(related) == 3
    assert case.pk not in {r.pk for r in related}


@pytest.mark.django_db
def test_case_without_related_cases_shows_no_section(client, index):
    case = CaseStudyPageFactory(parent=index, kinds=["port"], forms=["planning"])
    CaseStudyPageFactory(parent=index, kinds=["river"], forms=["cleaning"])
    html = client.get(case.url).content.decode()
    assert "関連する事例" not in html


@pytest.mark.django_db
def test_a_kept_case_page_follows_its_related_cases(client, neighbourhood, settings):
    """With the fragment cache on, the page's content is kept per content generation: a
    related case that is renamed or unpublished changes it on the next request."""
    settings.FRAGMENT_CACHE_ENABLED = True
    url = neighbourhood["case"].url
    first = client.get(url).content.decode()
    assert "種類も形も同じ</a>" in first and client.get(url).content.decode() == first

    renamed = neighbourhood["kind"]
    renamed.title = "種類が同じ（改題）"
    renamed.save_revision().publish()
    neighbourhood["both"].unpublish()
    html = client.get(url).content.decode()
    assert "種類が同じ（改題）</a>" in html and "種類も形も同じ</a>" not in html
