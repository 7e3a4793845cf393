import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from casestudies.models import CaseStudyIndexPage, CaseStudyLink, CaseStudyPage
from tests.casestudies.factories import (
    CaseStudyGalleryImageFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    CaseStudyParticipantFactory,
    form,
    kind,
)
from tests.factories import ForumFactory, ImageFactory, make_home_page, prefecture
from website.models import HomePage


class CaseStudyPageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home_page()

    def setUp(self):
        self.login()

    def test_index_lives_under_the_home_page_and_holds_only_case_studies(self):
        self.assertAllowedParentPageTypes(CaseStudyIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CaseStudyIndexPage, {CaseStudyPage})
        self.assertCanCreateAt(HomePage, CaseStudyIndexPage)

    def test_case_studies_live_only_under_the_index_and_have_no_children(self):
        self.assertAllowedParentPageTypes(CaseStudyPage, {CaseStudyIndexPage})
        self.assertAllowedSubpageTypes(CaseStudyPage, set())
        self.assertCanNotCreateAt(HomePage, CaseStudyPage)

    def test_only_one_index_per_home_page(self):
        assert CaseStudyIndexPage.can_create_at(self.home)
        CaseStudyIndexPageFactory(parent=self.home)
        assert not CaseStudyIndexPage.can_create_at(self.home)

    def test_index_and_case_study_render(self):
        index = CaseStudyIndexPageFactory(parent=self.home)
        case = CaseStudyPageFactory(parent=index)
        self.assertPageIsRenderable(index)
        self.assertPageIsRenderable(case)

    def test_editor_creates_a_case_study_with_every_part(self):
        index = CaseStudyIndexPageFactory(parent=self.home)
        forum = ForumFactory(name="近畿本部フォーラム", slug="kinki", regional=True)
        photo = ImageFactory()
        data = nested_form_data(
            {
                "title": "公園のベンチを住民の手で補修",
                "slug": "park-benches",
                "summary": "公園愛護会がベンチを塗り直しています。",
                "prefecture": "27",
                "municipality": "堺市",
                "forum": forum.pk,
                "is_model_case": "on",
                "period_start": "2019-04-01",
                "period_end": "",
                "period_note": "継続中",
                "outcomes": "48基のベンチを塗り直しました。",
                "contact": "堺市 公園管理事務所",
                "body": streamfield(
                    [
                        ("heading", {"text": "研修と安全", "level": "h2"}),
                        ("paragraph", rich_text("<p>職人が塗装を教えます。</p>")),
                    ]
                ),
                "participants": inline_formset(
                    [
                        {"kind": "citizens", "name": "公園愛護会"},
                        {"kind": "government", "name": "市 公園管理事務所"},
                    ],
                    min=1,
                ),
                "gallery_images": inline_formset([{"image": photo.pk, "caption": "塗装の様子"}]),
                "links": inline_formset(
                    [{"title": "市の紹介ページ", "url": "https://example.jp/"}]
                ),
            }
        )
        # Checkbox lists are added after flattening, which would split them into keys.
        data["infrastructure_kinds"] = [kind("park").pk]
        data["collaboration_forms"] = [form("minor-repair").pk, form("cleaning").pk]
        self.assertCanCreate(index, CaseStudyPage, data)
        case = CaseStudyPage.objects.get(slug="park-benches")
        assert case.live and case.is_model_case
        assert case.prefecture_id == "27" and case.forum == forum
        assert {k.slug for k in case.infrastructure_kinds.all()} == {"park"}
        assert {f.slug for f in case.collaboration_forms.all()} == {"minor-repair", "cleaning"}
        assert [p.name for p in case.participants.all()] == ["公園愛護会", "市 公園管理事務所"]
        assert case.gallery_images.get().caption == "塗装の様子"
        assert case.links.get().url == "https://example.jp/"
        assert [block.block_type for block in case.body] == ["heading", "paragraph"]

    def test_a_case_study_needs_a_kind_a_form_and_a_participant(self):
        index = CaseStudyIndexPageFactory(parent=self.home)
        data = nested_form_data(
            {
                "title": "分類のない事例",
                "slug": "no-terms",
                "summary": "概要",
                "prefecture": "13",
                "body": streamfield([]),
                "participants": inline_formset([], min=1),
                "gallery_images": inline_formset([]),
                "links": inline_formset([]),
            }
        )
        data["action-publish"] = "action-publish"
        add_url = reverse("wagtailadmin_pages:add", args=["casestudies", "casestudypage", index.pk])
        response = self.client.post(add_url, data)
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert {"infrastructure_kinds", "collaboration_forms"} <= set(errors)
        assert not CaseStudyPage.objects.filter(slug="no-terms").exists()


@pytest.mark.django_db
def test_period_end_before_start_is_refused_in_japanese(home_page):
    case = CaseStudyPageFactory.build(
        period_start=datetime.date(2021, 4, 1), period_end=datetime.date(2021, 3, 31)
    )
    with pytest.raises(ValidationError) as error:
        case.clean()
    assert error.value.message_dict["period_end"] == ["終了日は開始日より後の日付にしてください。"]


@pytest.mark.django_db  # a new page looks up its content type
@pytest.mark.parametrize(
    ("start", "end", "note", "label"),
    [
        (datetime.date(2019, 4, 1), datetime.date(2021, 3, 31), "", "2019年4月〜2021年3月"),
        (datetime.date(2021, 11, 1), None, "毎年11月に実施", "2021年11月〜（毎年11月に実施）"),
        (datetime.date(2021, 10, 14), datetime.date(2021, 10, 14), "", "2021年10月"),
        (None, None, "2019年から継続", "2019年から継続"),
        (None, None, "", ""),
    ],
)
def test_period_label(start, end, note, label):
    case = CaseStudyPage(period_start=start, period_end=end, period_note=note)
    assert case.period_label == label


@pytest.mark.django_db
def test_search_helper_attributes():
    assert CaseStudyPage.search_section == "事例"
    published = datetime.datetime(2021, 6, 1, 10, 0, tzinfo=datetime.UTC)
    assert CaseStudyPage(first_published_at=published).search_date == published


@pytest.mark.django_db
def test_case_study_page_shows_every_field(client, home_page):
    index = CaseStudyIndexPageFactory(parent=home_page)
    forum = ForumFactory(name="近畿本部フォーラム", slug="kinki", regional=True)
    photo = ImageFactory(title="ベンチを塗る写真", description="ベンチにペンキを塗る住民")
    case = CaseStudyPageFactory(
        parent=index,
        title="公園のベンチを住民の手で補修",
        summary="公園愛護会がベンチを塗り直しています。",
        prefecture=prefecture("27"),
        municipality="堺市",
        forum=forum,
        is_model_case=True,
        period_start=datetime.date(2019, 4, 1),
        period_note="継続中",
        outcomes="48基のベンチを塗り直しました。",
        contact="堺市 公園管理事務所",
        image=photo,
        kinds=["park"],
        forms=["minor-repair", "cleaning"],
    )
    CaseStudyParticipantFactory(page=case, kind="citizens", name="公園愛護会", sort_order=0)
    CaseStudyParticipantFactory(page=case, kind="school", name="市立小学校", sort_order=1)
    CaseStudyParticipantFactory(page=case, kind="citizens", name="町内会", sort_order=2)
    CaseStudyGalleryImageFactory(page=case, image=photo, caption="塗装の様子")
    CaseStudyLink.objects.create(page=case, title="市の紹介ページ", url="https://example.jp/parks/")

    response = client.get(case.url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "公園のベンチを住民の手で補修",
        "大阪府堺市",
        "モデル事例",
        "公園愛護会がベンチを塗り直しています。",
        "2019年4月〜（継続中）",
        "市民団体・自治会：公園愛護会、町内会",
        "学校：市立小学校",
        "48基のベンチを塗り直しました。",
        "堺市 公園管理事務所",
        '<a href="https://example.jp/parks/" rel="noopener">市の紹介ページ</a>',
        "<figcaption>塗装の様子</figcaption>",
        'alt="ベンチにペンキを塗る住民"',
        f'<a href="{forum.get_absolute_url()}">近畿本部フォーラム</a>',
        '<a href="/cases/?kind=park">公園</a>',
        '<a href="/cases/?form=minor-repair">軽微な補修・DIY</a>',
        '<a href="/cases/?area=27">大阪府</a>',
    ):
        assert text in html, text
    # The gallery is responsive WebP.
    assert "srcset=" in html
    assert "width-400.format-webp.webp" in html and "width-800.format-webp.webp" in html


@pytest.mark.django_db
def test_unpublished_case_study_is_not_served(client, home_page):
    index = CaseStudyIndexPageFactory(parent=home_page)
    draft = CaseStudyPageFactory(parent=index, live=False)
    assert client.get(f"/cases/{draft.slug}/").status_code == 404


def case_form_data(**overrides):
    data = nested_form_data(
        {
            "title": "プレビューの事例",
            "slug": "preview-case",
            "summary": "プレビューで確かめる概要です。",
            "prefecture": "27",
            "municipality": "堺市",
            "body": streamfield([]),
            "participants": inline_formset([{"kind": "npo", "name": "NPO法人みまもり"}], min=1),
            "gallery_images": inline_formset([]),
            "links": inline_formset([]),
        }
    )
    data["infrastructure_kinds"] = [kind("bridge").pk]
    data["collaboration_forms"] = [form("inspection").pk]
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_editors_can_preview_new_and_changed_case_studies(admin_client, index):
    CaseStudyPageFactory(parent=index, title="橋の関連事例", kinds=["bridge"])

    add_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["casestudies", "casestudypage", index.pk]
    )
    assert admin_client.post(add_url, case_form_data()).json()["is_valid"]
    html = admin_client.get(add_url).content.decode()
    assert "プレビューで確かめる概要です。" in html and "NPO：NPO法人みまもり" in html
    assert "橋の関連事例" in html

    case = CaseStudyPageFactory(parent=index, title="公開中の事例", kinds=["road"])
    edit_url = reverse("wagtailadmin_pages:preview_on_edit", args=[case.pk])
    data = case_form_data(title="公開中の事例（修正）", slug=case.slug)
    assert admin_client.post(edit_url, data).json()["is_valid"]
    html = admin_client.get(edit_url).content.decode()
    assert "公開中の事例（修正）" in html and '<a href="/cases/?kind=bridge">橋梁</a>' in html


@pytest.mark.django_db
def test_site_search_finds_case_studies_by_place_and_term(client, index):
    case = CaseStudyPageFactory(
        parent=index,
        title="公園のベンチの補修",
        municipality="堺市",
        prefecture=prefecture("27"),
        kinds=["park"],
        forms=["minor-repair"],
    )
    case.save_revision().publish()  # as editors do: indexed with its kinds and forms
    CaseStudyPageFactory(parent=index, title="下書きの公園の事例", municipality="堺市", live=False)
    for query in ("堺市", "公園"):
        html = client.get("/search/", {"q": query}).content.decode()
        # Titles come back with the match highlighted, so look for the link.
        assert f'href="{case.url}"' in html, query
        assert "下書きの公園の事例" not in html
