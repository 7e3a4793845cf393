import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.casestudies.factories import CaseStudyPageFactory
from tests.factories import ForumFactory, prefecture


def home_html(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_home_page_features_the_newest_visible_model_cases(client, cases):
    html = home_html(client)
    assert 'id="home-model-cases-heading">モデル事例</h2>' in html
    section = html[html.index("home-model-cases-heading") :]
    assert section.index(cases.c.title) < section.index(cases.a.title)
    for title in (cases.b.title, cases.d.title, "下書きの事例", "会員限定の事例"):
        assert title not in html
    assert f'<a href="{cases.index.url}">協働事例をすべて見る</a>' in html


@pytest.mark.django_db
def test_home_page_shows_at_most_three_model_cases(client, index):
    for number in range(5):
        CaseStudyPageFactory(parent=index, is_model_case=True, title=f"モデル{number}")
    html = home_html(client)
    assert html.count("case-card--model") == 3


@pytest.mark.django_db
def test_home_page_has_no_case_section_without_visible_model_cases(client, index):
    CaseStudyPageFactory(parent=index, is_model_case=False)
    CaseStudyPageFactory(parent=index, is_model_case=True, live=False)
    assert "home-model-cases-heading" not in home_html(client)


@pytest.mark.django_db
def test_cases_under_a_private_index_never_reach_the_home_page(client, index):
    CaseStudyPageFactory(parent=index, is_model_case=True, title="非公開の一覧の事例")
    PageViewRestriction.objects.create(page=index, restriction_type="login")
    assert "非公開の一覧の事例" not in home_html(client)


@pytest.mark.django_db
def test_regional_forum_page_lists_its_cases_and_its_area(client, cases):
    kinki = cases.regions.kinki
    CaseStudyPageFactory(
        parent=cases.index,
        title="近畿が関わった東京の事例",
        prefecture=prefecture("13"),
        forum=kinki,
    )
    html = client.get(kinki.get_absolute_url()).content.decode()
    assert 'id="forum-cases-heading">協働事例</h2>' in html
    for title in (cases.a.title, cases.b.title, "近畿が関わった東京の事例"):
        assert title in html
    for title in (cases.c.title, cases.d.title, "下書きの事例", "会員限定の事例"):
        assert title not in html
    assert f'href="{cases.index.url}?area=kinki">この地域の協働事例をすべて見る' in html


@pytest.mark.django_db
def test_regional_forum_sections_name_the_prefectures_read_with_the_forum(client, cases):
    url = cases.regions.kinki.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    assert cases.a.title in html
    # The forum's prefectures are read once, with the forum; the sections use their codes.
    links = [query["sql"] for query in captured if '"website_forum_prefectures"' in query["sql"]]
    assert len(links) == 1


@pytest.mark.django_db
def test_national_forum_page_lists_only_the_cases_it_was_involved_in(client, index):
    forum = ForumFactory(name="市民参画フォーラム", slug="citizen-participation")
    CaseStudyPageFactory(parent=index, title="出前授業の事例", forum=forum)
    CaseStudyPageFactory(parent=index, title="下書きの出前授業", forum=forum, live=False)
    CaseStudyPageFactory(parent=index, title="ほかの事例")
    html = client.get(forum.get_absolute_url()).content.decode()
    assert "出前授業の事例" in html
    assert "下書きの出前授業" not in html and "ほかの事例" not in html


@pytest.mark.django_db
def test_forum_without_cases_gets_no_case_section(client, index):
    forum = ForumFactory()
    html = client.get(forum.get_absolute_url()).content.decode()
    assert "forum-cases-heading" not in html


@pytest.mark.django_db
def test_home_model_cases_are_read_from_the_case_index_branch_only(client, index):
    """PostgreSQL walked every page of the site newest first until it met three model cases;
    bounded to the index's branch of the tree, it reads that range of the path index."""
    CaseStudyPageFactory(parent=index, is_model_case=True, title="枝の中のモデル事例")
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        html = home_html(client)
    assert "枝の中のモデル事例" in html
    (cases_query,) = [
        query["sql"]
        for query in captured
        if 'FROM "casestudies_casestudypage"' in query["sql"] and "LIMIT 3" in query["sql"]
    ]
    assert f"{index.path}%" in cases_query
