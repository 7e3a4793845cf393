"""The admin: lists in a fixed number of queries, addresses only with the personal-data
permission, preview, test send, send now only once approved, progress."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail

from mailings import sending
from mailings.models import Delivery, Issue
from tests.mailings.factories import IssueFactory, SubscriberFactory
from website.teams import ADMINISTRATORS

ISSUES = "/admin/snippets/mailings/issue/"
SUBSCRIBERS = "/admin/mail_subscribers/"


def sent_issue(recipients):
    issue = IssueFactory()
    sending.start(issue)
    Delivery.objects.filter(issue=issue).update(status=Delivery.Status.SENT)
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENT)
    return issue


def test_issue_list_queries_do_not_grow(admin_client, django_assert_max_num_queries):
    SubscriberFactory.create_batch(3)
    sent_issue(3)
    admin_client.get(ISSUES)  # warm caches (site, settings)
    with django_assert_max_num_queries(40) as few:
        response = admin_client.get(ISSUES)
    assert response.status_code == 200
    for _ in range(6):
        sent_issue(3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(ISSUES)
    assert "送信 3 / 失敗 0 / 残り 0" in response.content.decode()


def test_subscriber_list_queries_do_not_grow(admin_client, django_assert_max_num_queries):
    from tests.factories import ForumFactory

    forum = ForumFactory()
    SubscriberFactory.create_batch(2)
    admin_client.get(SUBSCRIBERS)
    with django_assert_max_num_queries(40) as few:
        admin_client.get(SUBSCRIBERS)
    for subscriber in SubscriberFactory.create_batch(10):
        subscriber.forums.add(forum)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(SUBSCRIBERS)
    assert response.status_code == 200


@pytest.fixture
def editor(django_user_model):
    """Someone who may edit issues and see subscribers, without the personal-data permission."""
    user = django_user_model.objects.create_user(
        username="kouhou", email="kouhou@example.jp", password="x"
    )
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "access_admin",
                "view_subscriber",
                "change_issue",
                "view_issue",
                "add_issue",
            ]
        )
    )
    return user


def test_addresses_only_with_the_personal_data_permission(client, editor):
    SubscriberFactory(email="secret-reader@example.jp")
    client.force_login(editor)
    response = client.get(SUBSCRIBERS)
    assert response.status_code == 200
    assert "secret-reader@example.jp" not in response.content.decode()
    assert "購読者 #" in response.content.decode()
    # Searching by address is off: a search cannot tell whether an address subscribed.
    searched = client.get(SUBSCRIBERS + "?q=nobody-at-all")
    assert "購読者 #" in searched.content.decode()

    editor.user_permissions.add(Permission.objects.get(codename="view_subscriber_personal_data"))
    editor = type(editor).objects.get(pk=editor.pk)
    client.force_login(editor)
    assert "secret-reader@example.jp" in client.get(SUBSCRIBERS).content.decode()


def test_secretariat_runs_the_mailings(db):
    group = Group.objects.get(name=ADMINISTRATORS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"send_issue", "view_subscriber_personal_data", "change_issue"} <= codenames


def test_preview_shows_the_mail(admin_client, rf):
    issue = IssueFactory(subject="プレビューの号")
    request = rf.get("/")
    html = issue.serve_preview(request, "html").content.decode()
    assert '<table role="presentation"' in html
    assert "今月の活動をお知らせします。" in html
    text = issue.serve_preview(request, "text")
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert "配信の停止：http://testserver/mail/subscribe/" in text.content.decode()
    # The admin's preview panel is there.
    page = admin_client.get(f"{ISSUES}edit/{issue.pk}/")
    assert f"{ISSUES}preview/{issue.pk}/" in page.content.decode()


def test_send_page_test_send_and_send_now(
    admin_client, admin_user, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(2)
    draft = IssueFactory(live=False)
    send_page = f"{ISSUES}send/{draft.pk}/"
    page = admin_client.get(send_page)
    assert page.status_code == 200
    assert "送る相手（いまの人数）" in page.content.decode()

    tested = admin_client.post(send_page, {"action": "test"}, follow=True)
    assert [m.to for m in mail.outbox] == [[admin_user.email]]
    assert f"テスト送信しました。{admin_user.email} に届きます。" in tested.content.decode()
    assert mail.outbox[0].subject.startswith("［テスト送信］")
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Not approved (published) yet: not sent.
    admin_client.post(send_page, {"action": "now"})
    draft.refresh_from_db()
    assert draft.status == Issue.Status.DRAFT

    approved = IssueFactory(live=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"{ISSUES}send/{approved.pk}/", {"action": "now", "confirmed_count": "2"}
        )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == Issue.Status.SENT
    progress = admin_client.get(f"{ISSUES}send/{approved.pk}/").content.decode()
    assert "送信 2　／　失敗 0　／　残り 0" in progress


def test_send_now_asks_first_with_the_number_of_people(
    admin_client, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(3)
    issue = IssueFactory(live=True, subject="11月の活動報告")
    send_page = f"{ISSUES}send/{issue.pk}/"

    with django_capture_on_commit_callbacks(execute=True):
        asked = admin_client.post(send_page, {"action": "now"})
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "今すぐ送信してよいですか" in page
    assert "「11月の活動報告」を<strong>3人</strong>に今すぐ送信します。" in page
    assert '<input type="hidden" name="confirmed_count" value="3">' in page
    assert "3人に送信する" in page
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    assert not Delivery.objects.filter(issue=issue).exists()
    assert mail.outbox == []

    # Someone subscribed while the page was open: the number shown no longer holds.
    SubscriberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        changed = admin_client.post(send_page, {"action": "now", "confirmed_count": "3"})
    assert "送る相手の人数が変わりました" in changed.content.decode()
    assert "<strong>4人</strong>" in changed.content.decode()
    assert not Delivery.objects.filter(issue=issue).exists()

    with django_capture_on_commit_callbacks(execute=True):
        sent = admin_client.post(send_page, {"action": "now", "confirmed_count": "4"})
    assert sent.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert len(mail.outbox) == 4


def test_an_issue_without_a_subject_is_named_in_japanese_and_not_test_sent(admin_client):
    issue = IssueFactory(live=False, subject="")
    assert str(issue) == "（件名なし）"
    page = admin_client.get(f"{ISSUES}send/{issue.pk}/").content.decode()
    assert "Issue object" not in page
    assert "<title>送信・進捗：（件名なし）" in page
    refused = admin_client.post(f"{ISSUES}send/{issue.pk}/", {"action": "test"}, follow=True)
    assert "件名がまだありません。" in refused.content.decode()
    assert mail.outbox == []


def test_sending_needs_the_send_permission(client, editor):
    issue = IssueFactory(live=True)
    client.force_login(editor)
    response = client.post(f"{ISSUES}send/{issue.pk}/", {"action": "now"})
    # Wagtail answers a PermissionDenied in its admin with a redirect to the dashboard.
    assert (response.status_code, response.get("Location")) in [(403, None), (302, "/admin/")]
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


@pytest.mark.django_db
def test_staff_never_put_an_unconfirmed_or_unsubscribed_address_back_on_the_list(admin_client):
    from mailings.models import Subscriber
    from tests.factories import ForumFactory

    S = Subscriber.Status
    ForumFactory(name="九州フォーラム", slug="kyushu", regional=True)
    unsubscribed = SubscriberFactory(status=S.UNSUBSCRIBED)
    pending = SubscriberFactory(status=S.PENDING, confirmed_at=None)
    reader = SubscriberFactory(status=S.CONFIRMED)

    def post(subscriber, status):
        return admin_client.post(
            f"/admin/mail_subscribers/edit/{subscriber.pk}/",
            {"status": status, "topic_news": "on"},
        )

    form = admin_client.get(f"/admin/mail_subscribers/edit/{unsubscribed.pk}/").content.decode()
    assert 'value="confirmed"' not in form
    assert 'type="checkbox" name="forums"' in form  # not a Ctrl-click list
    for subscriber in (unsubscribed, pending):
        response = post(subscriber, S.CONFIRMED)
        assert response.status_code == 200  # refused, with the form and its message
        subscriber.refresh_from_db()
        assert subscriber.status != S.CONFIRMED

    assert post(reader, S.UNSUBSCRIBED).status_code == 302
    reader.refresh_from_db()
    assert reader.status == S.UNSUBSCRIBED and reader.unsubscribed_at is not None


def test_the_subscriber_list_is_titled_as_its_menu_item(admin_client):
    page = admin_client.get(SUBSCRIBERS).content.decode()
    assert "<title>メール購読者" in page
    heading = page.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "メール購読者" in heading


def test_pressing_send_again_says_the_issue_is_already_going_out(
    admin_client, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(2)
    issue = IssueFactory(live=True)
    send_page = f"{ISSUES}send/{issue.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(send_page, {"action": "now", "confirmed_count": "2"})
    assert len(mail.outbox) == 2

    # The confirmation form sent again (back button, double click): nobody gets it twice,
    # and the page does not claim the issue is unpublished.
    with django_capture_on_commit_callbacks(execute=True):
        again = admin_client.post(send_page, {"action": "now", "confirmed_count": "2"}, follow=True)
    page = again.content.decode()
    assert "この号はすでに送信を始めています" in page
    assert "公開（承認）済みで" not in page
    assert len(mail.outbox) == 2


def test_the_send_page_lists_who_was_not_reached_and_why(client, admin_client, editor):
    reached, refused = SubscriberFactory.create_batch(2)
    issue = sent_issue(2)
    Delivery.objects.filter(issue=issue, subscriber=refused).update(
        status=Delivery.Status.FAILED,
        attempts=5,
        last_error="550 5.1.1 [address]: Recipient address rejected",
    )
    page = admin_client.get(f"{ISSUES}send/{issue.pk}/").content.decode()
    assert "届かなかった相手" in page
    assert "550 5.1.1 [address]: Recipient address rejected" in page
    assert refused.email in page
    assert reached.email not in page

    # Without the personal-data permission: the subscriber's number, never the address.
    client.force_login(editor)
    page = client.get(f"{ISSUES}send/{issue.pk}/").content.decode()
    assert "550 5.1.1" in page
    assert refused.reference in page
    assert refused.email not in page
