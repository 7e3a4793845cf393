import pytest
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Page

from casestudies.models import CaseStudyIndexPage, CaseStudyPage


def case_study_state():
    return (
        Page.objects.count(),
        Image.objects.count(),
        CaseStudyPage.objects.count(),
        CaseStudyPage.gallery_images.rel.related_model.objects.count(),
        CaseStudyPage.participants.rel.related_model.objects.count(),
        CaseStudyPage.infrastructure_kinds.through.objects.count(),
    )


@pytest.mark.django_db
def test_demo_case_studies_are_varied_visible_and_loaded_only_once(client):
    call_command("load_demo")
    first = case_study_state()
    call_command("load_demo")
    assert case_study_state() == first

    index = CaseStudyIndexPage.objects.get(slug="cases", locale__language_code="ja")
    assert index.live and index.show_in_menus
    cases = list(
        CaseStudyPage.objects.visible().child_of(index).select_related("prefecture", "forum")
    )
    assert len(cases) >= 10
    assert len({case.prefecture.region for case in cases}) >= 8
    assert len({kind.slug for case in cases for kind in case.infrastructure_kinds.all()}) >= 10
    assert len({f.slug for case in cases for f in case.collaboration_forms.all()}) >= 6
    assert 3 <= sum(case.is_model_case for case in cases) < len(cases)
    assert all(case.gallery_images.count() >= 2 and case.image_id for case in cases)
    assert all(case.participants.exists() and case.summary and case.outcomes for case in cases)
    assert any(case.forum is None for case in cases)

    html = client.get("/").content.decode()
    assert f'<a href="{index.url}">協働事例</a>' in html  # in the main menu
    assert "home-model-cases-heading" in html
    assert client.get(index.url).status_code == 200
    # (The foundation's demo test renders every live page; one case here shows the content.)
    case = next(case for case in cases if case.is_model_case)
    html = client.get(case.url).content.decode()
    assert case.title in html and case.summary in html and "関連する事例" in html
