import pytest
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import ForumFactory, StandardPageFactory, make_home_page
from website.models import HomePage, StandardPage


class PageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home_page()

    def setUp(self):
        self.login()

    def test_home_page_sits_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_standard_pages_go_under_home_or_other_standard_pages(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanCreateAt(HomePage, StandardPage)

    def test_home_page_renders(self):
        self.assertPageIsRenderable(self.home)

    def test_editor_creates_a_standard_page_with_every_body_block(self):
        data = nested_form_data(
            {
                "title": "アクセス",
                "slug": "access",
                "introduction": "事務局への道順です。",
                "body": streamfield(
                    [
                        ("heading", {"text": "最寄り駅", "level": "h2"}),
                        ("paragraph", rich_text("<p>霞ケ関駅から徒歩3分です。</p>")),
                        ("quote", {"text": "インフラを賢く永く使う。", "source": "理念"}),
                        (
                            "button",
                            {"text": "お問い合わせ", "page": "", "url": "https://example.jp/"},
                        ),
                    ]
                ),
            }
        )
        self.assertCanCreate(self.home, StandardPage, data)
        page = StandardPage.objects.get(slug="access")
        assert [block.block_type for block in page.body] == [
            "heading",
            "paragraph",
            "quote",
            "button",
        ]


@pytest.mark.django_db
def test_call_to_action_needs_a_target():
    from django.core.exceptions import ValidationError

    from website.blocks import CallToActionBlock

    block = CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "詳しく", "page": None, "url": ""}))


@pytest.mark.django_db
def test_home_page_shows_intro_forums_and_footer(client, home_page):
    ForumFactory(name="市民参画フォーラム", slug="citizen-participation")
    ForumFactory(name="近畿本部フォーラム", slug="kinki", regional=True)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "インフラメンテナンスを、みんなの手で。" in html
    assert "市民参画フォーラム" in html and "近畿本部フォーラム" in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert '<html lang="ja"' in html


@pytest.mark.django_db
def test_menu_breadcrumbs_and_visibility(client, home_page):
    about = StandardPageFactory(parent=home_page, title="国民会議について", slug="about")
    about.show_in_menus = True
    about.save()
    hidden = StandardPageFactory(parent=home_page, title="会員専用", slug="members")
    hidden.show_in_menus = True
    hidden.save()
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    draft = StandardPageFactory(parent=home_page, title="下書き", slug="draft", live=False)
    draft.show_in_menus = True
    draft.save()
    child = StandardPageFactory(parent=about, title="組織", slug="organisation")

    html = client.get("/").content.decode()
    assert "国民会議について" in html
    assert "会員専用" not in html
    assert "下書き" not in html

    response = client.get(child.url)
    html = response.content.decode()
    assert 'aria-label="パンくずリスト"' in html
    assert f'href="{about.url}">国民会議について</a>' in html
    assert '<li aria-current="page">組織</li>' in html


@pytest.mark.django_db
def test_home_page_query_count_does_not_grow_with_forums(
    client, home_page, django_assert_max_num_queries
):
    ForumFactory()
    client.get("/")  # warm the site and settings caches
    with django_assert_max_num_queries(20) as small:
        client.get("/")
    ForumFactory.create_batch(49)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/")
    assert response.content.decode().count('href="/forums/') >= 50
