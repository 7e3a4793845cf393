"""A logged-in person subscribes their own login address at once (/mail/member-subscribe/):
no confirmation mail, but their own choices and consent."""

import datetime
import logging
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mailings.models import Subscriber
from tests.factories import ForumFactory
from tests.members.factories import MemberAccountFactory, MemberOrganisationFactory, UserFactory

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db

URL = "/mail/member-subscribe/"


@pytest.fixture
def forums():
    return {
        "kinki": ForumFactory(name="近畿フォーラム", slug="kinki"),
        "tohoku": ForumFactory(name="東北フォーラム", slug="tohoku"),
    }


@pytest.fixture
def member(client, forums):
    organisation = MemberOrganisationFactory(
        name="近畿保全株式会社", joined_on=datetime.date(2020, 4, 1), forums=[forums["kinki"]]
    )
    user = MemberAccountFactory(organisation=organisation).user
    # The address as the secretariat typed it: stored lower-cased, like the public form's.
    user.email = user.email.capitalize()
    user.save(update_fields=["email"])
    client.force_login(user)
    return user


def form_data(**overrides):
    data = {"topics": ["news"], "forums": ["kinki"], "prefecture": "27", "consent": "on"}
    data.update(overrides)
    return data


def ticked(html, name):
    return re.findall(rf'<input type="checkbox" name="{name}" value="([^"]+)"[^>]* checked', html)


def test_the_form_names_the_login_address_and_ticks_the_forums_of_the_link(client, member):
    page = client.get(f"{URL}?forum=kinki&forum=tohoku&forum=kinki&forum=<script>")

    assert page.status_code == 200
    html = page.content.decode()
    assert f"<strong>{member.email.lower()}</strong> で受け取る" in html
    assert 'type="email"' not in html  # nothing to type: the address is the login one
    assert sorted(ticked(html, "forums")) == ["kinki", "tohoku"]
    assert ticked(html, "topics") == []
    assert 'name="consent"' in html and "個人情報の利用目的と保存期間" in html
    assert re.search(r'<input type="checkbox" name="consent"[^>]* checked', html) is None


def test_the_login_address_is_subscribed_confirmed_without_a_mail(
    client, member, forums, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(topics=["news", "lessons"]))

    assert response.status_code == 302
    assert response["Location"] == reverse("members_mypage")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == member.email.lower()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.consented_at is not None and subscriber.confirmed_at is not None
    assert (subscriber.topic_news, subscriber.topic_events, subscriber.topic_lessons) == (
        True,
        False,
        True,
    )
    assert list(subscriber.forums.all()) == [forums["kinki"]]
    assert subscriber.prefecture_id == "27"
    assert subscriber in Subscriber.objects.for_audience()
    assert mail.outbox == []
    mypage = client.get(response["Location"]).content.decode()
    assert "情報発信メールの受け取りを登録しました。" in mypage
    assert "配信中" in mypage and "/mail/preferences/" in mypage
    assert "このアドレスで受け取る" not in mypage


@pytest.mark.parametrize(
    "status",
    [
        Subscriber.Status.PENDING,
        Subscriber.Status.UNSUBSCRIBED,
        Subscriber.Status.PAUSED,
        Subscriber.Status.CONFIRMED,
    ],
)
def test_an_address_in_any_status_ends_confirmed_with_the_new_choices(
    client, member, forums, status, django_capture_on_commit_callbacks
):
    before = SubscriberFactory(
        email=member.email.lower(),
        status=status,
        topic_news=True,
        topic_events=False,
        confirmed_at=None,
        unsubscribed_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
        if status == Subscriber.Status.UNSUBSCRIBED
        else None,
        consented_at=datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC),
    )
    before.forums.set([forums["tohoku"]])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(topics=["events"]))

    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.pk == before.pk
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.unsubscribed_at is None
    assert subscriber.confirmed_at is not None
    assert subscriber.consented_at > before.consented_at
    assert (subscriber.topic_news, subscriber.topic_events) == (False, True)
    assert list(subscriber.forums.all()) == [forums["kinki"]]
    assert mail.outbox == []


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"consent": ""}, "consent", "登録には、プライバシーポリシーへの同意が必要です。"),
        ({"topics": [], "forums": []}, "topics", "受け取る内容を一つ以上選んでください。"),
        ({"forums": ["<script>"]}, "forums", "一覧にあるもの"),
        ({"prefecture": "99"}, "prefecture", "一覧にあるもの"),
    ],
)
def test_mistakes_are_shown_next_to_the_field_and_nothing_is_stored(
    client, member, overrides, field, message
):
    pending = SubscriberFactory(
        email=member.email.lower(), status=Subscriber.Status.PENDING, confirmed_at=None
    )

    response = client.post(URL, form_data(**{"topics": ["news", "events"], **overrides}))

    assert response.status_code == 400
    html = response.content.decode()
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in html and "入力内容を確認してください" in html
    assert "<title>入力エラー：" in html
    # What was chosen stays chosen.
    if field != "topics":
        assert ticked(html, "topics") == ["news", "events"]
    if field != "consent":
        assert re.search(r'<input type="checkbox" name="consent"[^>]* checked', html)
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING
    assert Subscriber.objects.count() == 1
    assert mail.outbox == []


def test_the_pages_are_private(client, member):
    page = client.get(URL)
    refused = client.post(URL, form_data(consent=""))
    for response in (page, refused):
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_page():
    client = Client()
    for response in (client.get(URL), client.post(URL, form_data())):
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={URL}"
        assert "private" in response["Cache-Control"]
    assert Subscriber.objects.count() == 0


def test_only_the_pages_own_form_may_post(member):
    """Unlike the public form, it acts for a session: a post from another site is refused."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(URL, form_data()).status_code == 403
    assert Subscriber.objects.count() == 0
    page = client.get(URL).content.decode()
    (token,) = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert client.post(URL, form_data(csrfmiddlewaretoken=token)).status_code == 302
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_an_account_without_an_address_is_told_so(client):
    user = UserFactory(email="")
    client.force_login(user)
    page = client.get(URL)
    assert page.status_code == 200
    assert "メールアドレスが登録されていないため" in page.content.decode()
    assert 'name="consent"' not in page.content.decode()
    assert client.post(URL, form_data()).status_code == 200
    assert Subscriber.objects.count() == 0


def test_the_log_names_the_subscriber_not_the_address(client, member, caplog):
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.INFO, logger="sankaku")
    client.post(URL, form_data())
    subscriber = Subscriber.objects.get()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"{subscriber.reference}: subscribed by its logged-in owner" in logged
    assert member.email.lower() not in logged.lower()
