"""Who sees the members' area: anonymous visitors, members, members of another forum,
members who left, deactivated accounts, editors; and that it never leaks through the page
cache, the search, feeds or the sitemap."""

import datetime

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from members.models import MembersIndexPage
from tests.members.factories import MemberAccountFactory

pytestmark = pytest.mark.django_db


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode()


def test_the_area_is_login_restricted_when_created(area):
    restriction = PageViewRestriction.objects.get(page=area["index"])
    assert restriction.restriction_type == PageViewRestriction.LOGIN
    assert not MembersIndexPage.objects.visible().exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, area):
    for url in (area["index"].url, area["everyone"].url, area["document"].url):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_a_member_sees_the_pages_for_everyone_and_for_their_forum(client, area, kinki_member):
    client.force_login(kinki_member)
    index = body(client.get(area["index"].url))
    assert "総会資料2021" in index and "近畿の会議録" in index
    assert "総会の資料" in body(client.get(area["everyone"].url))
    assert "近畿フォーラムの記録" in body(client.get(area["kinki"].url))
    response = client.get(area["document"].url)
    assert response.status_code == 200 and "members only" in body(response)


def test_a_members_document_is_sent_private_and_a_public_one_is_not(client, area, kinki_member):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    client.force_login(kinki_member)
    response = client.get(area["document"].url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]  # no shared cache keeps it for others
    public = Document.objects.create(title="年次報告", collection=Collection.get_first_root_node())
    public.file.save("report.pdf", ContentFile(b"%PDF-1.4 for everyone"), save=True)
    response = Client().get(public.url)
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")


def test_a_member_of_another_forum_does_not_see_a_forum_page(client, area, kyushu_member):
    client.force_login(kyushu_member)
    index = body(client.get(area["index"].url))
    assert "総会資料2021" in index and "近畿の会議録" not in index
    response = client.get(area["kinki"].url)
    assert response.status_code == 403
    assert "特定のフォーラムに参加している会員" in body(response)
    assert "近畿フォーラムの記録" not in body(response)
    assert client.get(area["everyone"].url).status_code == 200


def test_a_member_who_left_loses_access_at_once(client, area, kinki_member):
    client.force_login(kinki_member)
    assert client.get(area["everyone"].url).status_code == 200
    organisation = kinki_member.member_account.organisation
    organisation.left_on = datetime.date.today()  # leaving today: not a member any more
    organisation.save()
    for url in (area["index"].url, area["everyone"].url, area["document"].url):
        response = client.get(url)
        assert response.status_code == 403
        assert "members only" not in body(response) and "総会の資料" not in body(response)
    assert "会員専用です" in body(client.get(area["everyone"].url))


def test_a_deactivated_account_is_logged_out_at_once(client, area, kinki_member):
    client.force_login(kinki_member)
    kinki_member.is_active = False
    kinki_member.save()
    response = client.get(area["everyone"].url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_logged_in_user_who_is_no_member_is_refused(client, area, django_user_model):
    user = django_user_model.objects.create_user("someone", "someone@example.jp", "pw-x-12345")
    client.force_login(user)
    assert client.get(area["everyone"].url).status_code == 403
    assert client.get(area["document"].url).status_code == 403


def test_editors_may_review_the_area(admin_client, area):
    assert admin_client.get(area["kinki"].url).status_code == 200


def test_the_page_cache_never_serves_or_keeps_the_area(client, area, kinki_member, settings):
    settings.PAGE_CACHE_ENABLED = True
    anonymous = Client()
    for _ in range(2):
        response = anonymous.get(area["everyone"].url)
        assert response.status_code == 302
        assert response.get("X-Cache") != "HIT"
    client.force_login(kinki_member)
    response = client.get(area["everyone"].url)
    assert response.status_code == 200 and response["X-Cache"] == "BYPASS"
    assert "総会の資料" in body(response)
    # A public page cached for an anonymous visitor is not a member's page either.
    anonymous.get("/")
    assert anonymous.get(area["everyone"].url).status_code == 302


def test_the_area_is_not_in_the_sitemap_or_public_search(client, area, kinki_member):
    for c in (client, _logged_in(kinki_member)):
        sitemap = body(c.get("/sitemap.xml"))
        assert "general-meeting" not in sitemap and "/members/" not in sitemap
    search = body(client.get("/search/", {"q": "総会資料"}))
    assert "総会資料2021" not in search


def _logged_in(user):
    c = Client()
    c.force_login(user)
    return c


def test_two_accounts_of_one_organisation_both_get_in(client, area, kinki_member):
    colleague = MemberAccountFactory(organisation=kinki_member.member_account.organisation).user
    client.force_login(colleague)
    assert client.get(area["kinki"].url).status_code == 200


def test_members_only_news_stays_out_of_the_feeds_for_everyone(client, home_page, kinki_member):
    from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

    index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=index, title="公開のお知らせ")
    members_news = NewsPageFactory(parent=index, title="会員向けのお知らせ")
    PageViewRestriction.objects.create(
        page=members_news, restriction_type=PageViewRestriction.LOGIN
    )
    for c in (client, _logged_in(kinki_member)):
        for feed in ("rss", "atom"):
            xml = body(c.get(f"{index.url}feed/{feed}/"))
            assert "公開のお知らせ" in xml and "会員向けのお知らせ" not in xml


def test_the_members_account_folder_leads_to_the_members_page(client, kinki_member):
    response = client.get("/member-account/")
    assert response.status_code == 302 and response["Location"] == "/member-account/mypage/"
    assert (
        client.get("/member-account/", follow=True)
        .redirect_chain[-1][0]
        .startswith("/accounts/login/")
    )
    client.force_login(kinki_member)
    mypage = client.get("/member-account/", follow=True)
    assert mypage.status_code == 200 and "ログインしています" in mypage.content.decode()
