"""A member's page shows the information e-mails their login address receives."""

import datetime
import re

import pytest
from django.urls import reverse

from mailings.models import Subscriber
from tests.factories import ForumFactory
from tests.members.factories import MemberAccountFactory, MemberOrganisationFactory

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    forum = ForumFactory(name="近畿フォーラム", slug="kinki")
    organisation = MemberOrganisationFactory(
        name="近畿保全株式会社", joined_on=datetime.date(2020, 4, 1), forums=[forum]
    )
    user = MemberAccountFactory(organisation=organisation).user
    client.force_login(user)
    return user


def mypage(client):
    response = client.get(reverse("members_mypage"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_subscribed_member_sees_what_they_receive_and_can_change_it(client, member):
    subscriber = SubscriberFactory(email=member.email.upper(), topic_events=True)

    html = mypage(client)

    assert "情報発信メールの購読" in html and "配信中" in html
    assert "準備ができしだい" not in html
    (link,) = re.findall(r'href="([^"]*/mail/preferences/[^"]+)"', html)
    path = link.split("://", 1)[-1].partition("/")[2]
    path = "/" + path
    settings_page = client.get(path)
    assert settings_page.status_code == 200
    assert subscriber.topic_labels()[0] in html


def subscribe_link(html):
    links = re.findall(r'<a class="button" href="([^"]*)">このアドレスで受け取る</a>', html)
    return links[0] if links else None


def test_a_pending_subscription_can_be_started_from_the_page(client, member):
    SubscriberFactory(email=member.email, status=Subscriber.Status.PENDING, confirmed_at=None)
    html = mypage(client)
    assert "確認待ち" in html and "確認メールのリンクを開かなくても" in html
    assert subscribe_link(html) == "/mail/member-subscribe/?forum=kinki"
    assert "/mail/preferences/" not in html


def test_an_unsubscribed_address_can_receive_again(client, member):
    SubscriberFactory(email=member.email, status=Subscriber.Status.UNSUBSCRIBED)
    html = mypage(client)
    assert "配信停止" in html
    assert subscribe_link(html) == "/mail/member-subscribe/?forum=kinki"
    assert "/mail/preferences/" not in html


def test_a_member_without_a_subscription_is_offered_one_with_their_forums(client, member):
    tohoku = ForumFactory(name="東北フォーラム", slug="tohoku", sort_order=1)
    organisation = member.member_account.organisation
    organisation.forums.add(tohoku)
    organisation.save()
    SubscriberFactory(email="someone-else@example.jp")

    html = mypage(client)

    assert "購読していません" in html
    link = subscribe_link(html)
    assert link == "/mail/member-subscribe/?forum=tohoku&amp;forum=kinki"
    assert f'href="{reverse("mailings:subscribe")}"' not in html
    assert "someone-else@example.jp" not in html
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert sorted(
        re.findall(r'<input type="checkbox" name="forums" value="([^"]+)"[^>]* checked', form)
    ) == ["kinki", "tohoku"]
