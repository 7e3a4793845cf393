import json

import pytest
from django.urls import reverse

from casestudies.models import CollaborationForm, InfrastructureKind


@pytest.mark.django_db
def test_taxonomies_start_with_the_planned_terms_other_last():
    assert list(InfrastructureKind.objects.values_list("name", flat=True)) == [
        "道路",
        "橋梁",
        "トンネル",
        "河川",
        "砂防",
        "海岸",
        "港湾",
        "上下水道",
        "公園",
        "建物",
        "その他",
    ]
    assert list(CollaborationForm.objects.values_list("name", flat=True)) == [
        "清掃・美化",
        "点検・見守り",
        "情報提供・通報",
        "軽微な補修・DIY",
        "学習・啓発",
        "計画づくり",
        "その他",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("model", [InfrastructureKind, CollaborationForm])
def test_editors_manage_the_taxonomies_as_snippets(admin_client, model):
    viewset = model.snippet_viewset
    listing = admin_client.get(reverse(viewset.get_url_name("list")))
    assert listing.status_code == 200
    assert "その他" in listing.content.decode()

    response = admin_client.post(
        reverse(viewset.get_url_name("add")), {"name": "ため池", "slug": "pond", "sort_order": 60}
    )
    assert response.status_code == 302
    term = model.objects.get(slug="pond")
    assert [t.slug for t in model.objects.all()][-1] == "other"  # その他 stays last

    export = admin_client.get(reverse(viewset.get_url_name("list")) + "?export=csv")
    assert export.status_code == 200
    assert "ため池" in b"".join(export.streaming_content).decode("utf-8-sig")
    assert str(term) == "ため池"


@pytest.mark.django_db
def test_admin_menu_groups_the_taxonomies(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar menu is embedded as JSON, with non-ASCII characters escaped.
    assert json.dumps("協働事例の分類")[1:-1] in html


@pytest.mark.django_db
def test_editor_added_kind_becomes_a_facet(client, index):
    from tests.casestudies.factories import CaseStudyPageFactory

    InfrastructureKind.objects.create(name="ため池", slug="pond", sort_order=60)
    CaseStudyPageFactory(parent=index, kinds=["pond"], title="ため池の見守り")
    html = client.get(f"{index.url}?kind=pond").content.decode()
    assert '<option value="pond" selected>ため池（1件）</option>' in html
    assert "ため池の見守り" in html
