"""Subscribing: double opt-in, repeated subscriptions, bad input, signed links, preferences
and the one-click unsubscribe (RFC 8058)."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from mailings.models import Subscriber
from tests.factories import ForumFactory
from tests.mailings.conftest import link_in
from tests.mailings.factories import SubscriberFactory

SUBSCRIBE = "/mail/subscribe/"


def form_data(**overrides):
    data = {"email": "Hanako@Example.jp", "topics": ["news", "events"], "consent": "on"}
    data.update(overrides)
    return data


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_double_opt_in(home_page, django_capture_on_commit_callbacks, csrf_client):
    forum = ForumFactory(slug="kyushu", name="九州フォーラム")
    with django_capture_on_commit_callbacks(execute=True):
        response = csrf_client.post(
            SUBSCRIBE, form_data(forums=["kyushu"], prefecture="40"), follow=False
        )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "hanako@example.jp"
    assert subscriber.status == Subscriber.Status.PENDING
    assert (subscriber.topic_news, subscriber.topic_events, subscriber.topic_lessons) == (
        True,
        True,
        False,
    )
    assert list(subscriber.forums.all()) == [forum]
    assert subscriber.prefecture_id == "40"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hanako@example.jp"]
    assert "登録確認" in message.subject
    assert "九州フォーラムのニュース" in message.body
    assert "・地域：福岡県（この地域のイベントなどのご案内も）" in message.body
    confirm_path = link_in(message.body, "confirm")

    # Opening the link (as a mail scanner would) confirms nothing.
    page = csrf_client.get(confirm_path)
    assert page.status_code == 200
    assert "登録を完了する" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING

    browser = Client()
    browser.get(confirm_path)
    done = browser.post(confirm_path)
    assert done.status_code == 200
    assert "登録が完了しました" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    # Pressing again changes nothing.
    again = browser.post(confirm_path)
    assert again.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_pending_subscribers_receive_nothing(db):
    SubscriberFactory(status=Subscriber.Status.PENDING)
    confirmed = SubscriberFactory()
    SubscriberFactory(status=Subscriber.Status.PAUSED)
    SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)
    assert list(Subscriber.objects.for_audience()) == [confirmed]


def test_repeated_subscription_is_one_row_and_one_mail_per_interval(
    home_page, django_capture_on_commit_callbacks, settings
):
    settings.MAILINGS_CONFIRMATION_INTERVAL_MINUTES = 15
    client = Client()
    start = timezone.now()
    for minutes in (0, 1, 14):
        with mock.patch(
            "django.utils.timezone.now", return_value=start + datetime.timedelta(minutes=minutes)
        ):
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(SUBSCRIBE, form_data())
        assert response.status_code == 302
    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == 1
    with mock.patch(
        "django.utils.timezone.now", return_value=start + datetime.timedelta(minutes=15)
    ):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(SUBSCRIBE, form_data())
    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == 2


def test_a_confirmed_address_is_not_changed_by_someone_else(
    home_page, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="taro@example.jp", topic_events=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(SUBSCRIBE, form_data(email="taro@example.jp", topics=["events"]))
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert (subscriber.topic_news, subscriber.topic_events) == (True, False)
    assert len(mail.outbox) == 1
    assert "すでに登録されています" in mail.outbox[0].subject
    link_in(mail.outbox[0].body, "preferences")


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"email": "山田@example.jp"}, "email", "半角"),
        ({"email": "not-an-address"}, "email", "name@example.jp"),
        ({"email": "a@" + "b" * 260 + ".jp"}, "email", ""),
        ({"topics": ["news' OR 1=1 --"]}, "topics", "一覧にあるもの"),
        ({"topics": []}, "topics", "一つ以上"),
        ({"forums": ["<script>"]}, "forums", "一覧にあるもの"),
        ({"prefecture": "99"}, "prefecture", "一覧にあるもの"),
        ({"consent": ""}, "consent", "同意が必要"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(home_page, overrides, field, message):
    response = Client().post(SUBSCRIBE, form_data(**overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []
    # What was typed stays in the form.
    if field != "email":
        assert 'value="Hanako@Example.jp"' in response.content.decode()


def test_subscriptions_are_rate_limited(home_page, settings):
    settings.SUBMISSION_RATE_LIMITS = {
        **settings.SUBMISSION_RATE_LIMITS,
        "mailings.subscribe": (2, 3600),
    }
    client = Client()
    # A form with mistakes is told what to correct and uses up nothing: many people share
    # an office's address.
    for _ in range(3):
        mistaken = client.post(SUBSCRIBE, form_data(consent=""))
        assert mistaken.status_code == 400
        assert "consent" in mistaken.context["form"].errors
    for number in range(2):
        assert client.post(SUBSCRIBE, form_data(email=f"r{number}@example.jp")).status_code == 302
    refused = client.post(SUBSCRIBE, form_data(email="r9@example.jp"))
    assert refused.status_code == 429
    assert "しばらく時間をおいて" in refused.content.decode()
    assert 'value="r9@example.jp"' in refused.content.decode()
    assert Subscriber.objects.count() == 2
    mistaken = client.post(SUBSCRIBE, form_data(consent=""))
    assert mistaken.status_code == 400
    assert "consent" in mistaken.context["form"].errors


@pytest.mark.parametrize("name", ["confirm", "preferences", "unsubscribe"])
def test_altered_links_are_refused(home_page, name):
    subscriber = SubscriberFactory()
    from mailings import tokens

    token = (tokens.confirm_token if name == "confirm" else tokens.preferences_token)(subscriber)
    for bad in (token[:-2] + "xx", token[:10], "x" * 40, "a:b:c"):
        response = Client().get(f"/mail/{name}/{bad}/")
        assert response.status_code == 404
        assert "このリンクは使えません" in response.content.decode()
    # A confirmation key does not open the preferences, nor the other way round.
    other = (
        tokens.preferences_token(subscriber)
        if name == "confirm"
        else tokens.confirm_token(subscriber)
    )
    assert Client().get(f"/mail/{name}/{other}/").status_code == 404
    assert Client().post(f"/mail/{name}/{token[:-2]}xx/").status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_confirmation_link_expires(home_page, settings):
    settings.MAILINGS_CONFIRM_LINK_DAYS = 7
    from mailings import tokens

    subscriber = SubscriberFactory(status=Subscriber.Status.PENDING)
    token = tokens.confirm_token(subscriber)
    later = timezone.now() + datetime.timedelta(days=7, seconds=5)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("time.time", return_value=later.timestamp()),
    ):
        response = Client().post(f"/mail/confirm/{token}/")
    assert response.status_code == 410
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_a_replayed_confirmation_does_not_resubscribe(home_page):
    from mailings import tokens

    subscriber = SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)
    response = Client().post(f"/mail/confirm/{tokens.confirm_token(subscriber)}/")
    assert response.status_code == 200
    assert "配信は停止されています" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_one_click_unsubscribe_without_login_or_csrf(home_page, csrf_client):
    from mailings import tokens

    subscriber = SubscriberFactory()
    url = f"/mail/unsubscribe/{tokens.preferences_token(subscriber)}/"
    # GET (a link opened, a scanner) only shows the button.
    page = csrf_client.get(url)
    assert page.status_code == 200
    assert '<form method="post">' in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    # The mail client's POST (RFC 8058): no cookie, no token.
    response = csrf_client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    assert response["Cache-Control"].startswith("max-age=0")
    # Replayed: still unsubscribed, still 200.
    assert csrf_client.post(url).status_code == 200


def test_preferences_change_topics_pause_and_resume(home_page):
    from mailings import tokens

    forum = ForumFactory(slug="tohoku")
    subscriber = SubscriberFactory(topic_news=True)
    url = f"/mail/preferences/{tokens.preferences_token(subscriber)}/"
    client = Client()
    page = client.get(url)
    assert page.status_code == 200
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    # Which address the settings are for: one person may receive at several.
    assert (
        f"<strong>{subscriber.email}</strong> に届く情報発信メールの設定です。"
        in page.content.decode()
    )
    assert "private" in page["Cache-Control"]
    response = client.post(url, {"action": "save", "topics": ["lessons"], "forums": ["tohoku"]})
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert (subscriber.topic_news, subscriber.topic_lessons) == (False, True)
    assert list(subscriber.forums.all()) == [forum]
    assert "受け取る内容を変更しました" in client.get(response["Location"]).content.decode()

    bad = client.post(url, {"action": "save", "topics": []})
    assert bad.status_code == 400
    assert "一つ以上" in bad.content.decode()

    client.post(url, {"action": "pause"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PAUSED
    assert subscriber not in Subscriber.objects.for_audience()
    client.post(url, {"action": "resume"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    client.post(url, {"action": "unsubscribe"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_the_form_is_on_the_home_page_and_forum_pages(home_page):
    ForumFactory(slug="kinki", name="近畿フォーラム")
    home = Client().get("/").content.decode()
    assert 'action="/mail/subscribe/"' in home
    assert "個人情報の利用目的と保存期間" in home
    forum_page = Client().get("/forums/kinki/").content.decode()
    assert "近畿フォーラムのニュースや" in forum_page
    # The forum's news is chosen: an address and the consent are all a visitor gives.
    assert re.search(r'<input type="checkbox" name="forums" value="kinki"[^>]* checked', forum_page)


def test_a_forum_pages_section_subscribes_to_its_forum_with_only_an_address(home_page):
    kinki = ForumFactory(slug="kinki", name="近畿フォーラム")
    client = Client()
    forum_page = client.get("/forums/kinki/").content.decode()
    form = forum_page[forum_page.index('action="/mail/subscribe/"') :]
    form = form[: form.index("</form>")]
    data = {"email": "hashimori@example.jp", "consent": "on"}
    data.update(
        re.findall(r'<input type="checkbox" name="(forums)" value="([^"]+)"[^>]* checked', form)
    )
    response = client.post("/mail/subscribe/", data)
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert list(subscriber.forums.all()) == [kinki]


def test_the_form_is_on_the_news_index(home_page):
    from tests.news.factories import NewsIndexPageFactory

    news = NewsIndexPageFactory(parent=home_page)
    content = Client().get(news.url).content.decode()
    assert 'action="/mail/subscribe/"' in content


def test_an_unsubscribed_reader_is_told_how_to_come_back_and_consents_anew(home_page):
    from mailings import tokens

    long_ago = timezone.now() - datetime.timedelta(days=400)
    subscriber = SubscriberFactory(
        status=Subscriber.Status.UNSUBSCRIBED, consented_at=long_ago, unsubscribed_at=long_ago
    )
    url = f"/mail/preferences/{tokens.preferences_token(subscriber)}/"
    client = Client()
    page = client.get(url).content.decode()
    assert (
        "もう一度受け取る場合は、受け取る内容を選んで「この内容で受け取る」を押してください。"
        in page
    )
    # Nothing left to pause or stop: no heading over an empty form.
    assert "一時停止・配信の停止" not in page

    client.post(url, {"action": "save", "topics": ["news"]})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.unsubscribed_at is None
    assert subscriber.consented_at > long_ago


def test_subscribing_again_soon_after_leaving_is_told_to_use_the_mail_already_sent(
    home_page, django_capture_on_commit_callbacks, settings
):
    """A reader who unsubscribes and subscribes again within the interval gets no second
    mail; the page says so, and the first mail's link completes the subscription."""
    settings.MAILINGS_CONFIRMATION_INTERVAL_MINUTES = 15
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBSCRIBE, form_data())
    (first,) = mail.outbox
    subscriber = Subscriber.objects.get()
    subscriber.status = Subscriber.Status.UNSUBSCRIBED
    subscriber.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBSCRIBE, form_data(), follow=True)
    assert len(mail.outbox) == 1  # none sent twice within the interval
    html = response.content.decode()
    assert "確認のメールは、15分に1通までお送りします。" in html
    assert "先にお届けしたメールのリンクからも登録を完了できます。" in html

    confirm_link = link_in(first.body, "confirm")
    client.post(confirm_link)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
