"""The site search finds the members' area for logged-in members only: never for the public,
a member of another forum, someone who left, or from what was kept for someone else."""

import datetime

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from members.models import MembersPage
from website.models import SiteSettings

pytestmark = pytest.mark.django_db

QUERY = {"q": "会議録"}


def logged_in(user):
    c = Client()
    c.force_login(user)
    return c


def search(c, **params):
    response = c.get("/search/", params or QUERY)
    assert response.status_code == 200
    return response


def titles(response):
    return [hit.page.title for hit in response.context["hits"] if hasattr(hit.page, "title")]


@pytest.fixture
def minutes(area):
    """Two members' pages that say 会議録: one for every member, one for the Kinki forum's."""
    area["everyone"].summary = "総会の会議録と資料"
    area["everyone"].save_revision().publish()
    return area


def test_the_public_finds_no_members_page_nor_the_members_section(client, minutes):
    response = search(client)
    assert titles(response) == []
    html = response.content.decode()
    assert '<option value="会員専用">' not in html  # not even the section in the form
    assert "近畿の会議録" not in html and "総会資料2021" not in html


def test_a_member_finds_the_pages_for_everyone_and_for_their_forum(minutes, kinki_member):
    response = search(logged_in(kinki_member))
    assert sorted(titles(response)) == ["総会資料2021", "近畿の会議録"]
    html = response.content.decode()
    assert '<span class="tag">会員専用ページ</span>' in html
    assert "会員専用（2件）" in html  # the section, with its count
    assert "private" in response["Cache-Control"]


def test_a_member_of_another_forum_finds_only_the_pages_for_everyone(minutes, kyushu_member):
    response = search(logged_in(kyushu_member))
    assert titles(response) == ["総会資料2021"]
    assert "近畿の会議録" not in response.content.decode()


def test_kept_results_are_never_given_to_the_wrong_person(
    client, minutes, kinki_member, kyushu_member, settings
):
    # The site settings row is created on the first render: create it now, so that the
    # first request does not count as a content change.
    SiteSettings.for_site(minutes["index"].get_site())
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True
    assert titles(search(client)) == []  # kept for anonymous visitors
    assert search(client)["X-Cache"] == "HIT"

    member = search(logged_in(kinki_member))
    assert member["X-Cache"] == "BYPASS"
    assert sorted(titles(member)) == ["総会資料2021", "近畿の会議録"]
    assert "近畿の会議録" not in search(logged_in(kyushu_member)).content.decode()
    anonymous = search(Client())
    assert anonymous["X-Cache"] == "HIT" and "近畿の会議録" not in anonymous.content.decode()


def test_a_member_who_left_or_was_deactivated_finds_nothing_at_once(minutes, kinki_member):
    c = logged_in(kinki_member)
    assert len(titles(search(c))) == 2
    organisation = kinki_member.member_account.organisation
    organisation.left_on = datetime.date.today()
    organisation.save()
    assert titles(search(c)) == []

    organisation.left_on = None
    organisation.save()
    assert len(titles(search(c))) == 2
    kinki_member.is_active = False
    kinki_member.save()
    assert titles(search(c)) == []


def test_a_logged_in_user_who_is_no_member_finds_nothing(minutes, django_user_model):
    user = django_user_model.objects.create_user("someone", "someone@example.jp", "pw-x-12345")
    assert titles(search(logged_in(user))) == []


def test_a_page_also_behind_a_password_is_not_found_by_members(minutes, kinki_member):
    PageViewRestriction.objects.create(
        page=minutes["kinki"], restriction_type=PageViewRestriction.PASSWORD, password="x-secret"
    )
    assert titles(search(logged_in(kinki_member))) == ["総会資料2021"]


def test_the_search_takes_the_same_queries_however_many_members_pages(
    minutes, kinki_member, django_assert_max_num_queries
):
    c = logged_in(kinki_member)
    search(c)
    with django_assert_max_num_queries(40) as captured:
        search(c)
    few = len(captured)
    for n in range(5):
        page = MembersPage(title=f"分科会の会議録{n}", slug=f"minutes-{n}", summary="会議録")
        page.forums.set([kinki_member.member_account.organisation.forums.first()])
        minutes["index"].add_child(instance=page)
    with django_assert_max_num_queries(few):
        response = search(c)
    assert len(titles(response)) == 7
