"""The index follows what editors do, without update_index; only public pages are found."""

import pytest
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, PageViewRestriction
from wagtail.search.index import get_indexed_models
from wagtail.search.models import IndexEntry
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.factories import StandardPageFactory

from .conftest import found


def index_entries(page):
    return IndexEntry.objects.filter(object_id=str(page.pk))


@pytest.mark.django_db
def test_index_follows_publish_edit_and_unpublish(home_page):
    page = StandardPageFactory(parent=home_page, slug="report", title="報告", live=False)
    page.introduction = "市内の橋梁を点検しました。"
    page.save_revision().publish()
    assert found("橋梁") == {"report"}

    page.refresh_from_db()
    page.introduction = "道路の舗装を補修しました。"
    page.save_revision().publish()
    assert found("道路") == {"report"}
    assert found("橋梁") == set()

    page.refresh_from_db()
    page.unpublish()
    assert found("道路") == set()
    # Editors still find the unpublished page in the admin.
    assert list(Page.objects.autocomplete("報告")) == [page.page_ptr]

    page.delete()
    assert not index_entries(page).exists()


@pytest.mark.django_db
def test_unpublished_draft_changes_are_not_searchable(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="plan", title="計画", introduction="公開の文")
    page.introduction = "非公開の予算案"
    page.save_revision()  # saved as a draft, not published
    assert found("公開") == {"plan"}
    assert found("予算案") == set()
    html = client.get("/search/", {"q": "公開"}).content.decode()
    assert "予算案" not in html


@pytest.mark.django_db
def test_private_and_unpublished_pages_are_never_shown(client, home_page):
    StandardPageFactory(parent=home_page, slug="open", title="公開の点検報告")
    private = StandardPageFactory(
        parent=home_page, slug="closed", title="会員向け点検報告", introduction="秘密の点検結果"
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    child_of_private = StandardPageFactory(parent=private, slug="closed-child", title="点検の詳細")
    StandardPageFactory(parent=home_page, slug="draft", title="下書きの点検報告", live=False)
    assert found("点検") == {"open"}
    html = client.get("/search/", {"q": "点検"}).content.decode()
    for hidden in ("会員向け", "秘密の点検結果", child_of_private.title, "下書き"):
        assert hidden not in html


@pytest.mark.django_db
def test_publishing_in_the_admin_updates_the_index(admin_client, home_page):
    page = StandardPageFactory(parent=home_page, slug="news-item", title="お知らせ")
    assert found("出前授業") == set()
    data = nested_form_data(
        {
            "title": "お知らせ",
            "slug": "news-item",
            "introduction": "小学校で出前授業を行いました。",
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert found("出前授業") == {"news-item"}

    response = admin_client.post(f"/admin/pages/{page.pk}/unpublish/", {})
    assert response.status_code == 302
    assert found("出前授業") == set()


def test_only_pages_snippets_images_and_documents_are_indexed():
    # No personal data: bookings, registrations and users must never be indexed models.
    allowed = {Image, Document, *get_snippet_models()}
    for model in get_indexed_models():
        assert issubclass(model, Page) or model in allowed, model
