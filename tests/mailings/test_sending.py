"""Sending an issue through a real SMTP server (aiosmtpd): the message, exactly once per
recipient, and what happens when the server refuses, is down, or the worker stops."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from mailings import sending
from mailings.models import Delivery, Issue, Subscriber
from tests.mailings.conftest import link_in
from tests.mailings.factories import IssueFactory, SubscriberFactory


def send_all(issue, django_capture_on_commit_callbacks):
    """Start the issue; the test settings' task backend runs the batches at once."""
    with django_capture_on_commit_callbacks(execute=True):
        sending.start(issue)
    issue.refresh_from_db()
    return issue


def test_message_structure_headers_and_links(
    db, smtp_server, fast_sending, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="hanako@example.jp")
    issue = IssueFactory(subject="橋梁点検の新技術と出前授業のご案内")
    issue = send_all(issue, django_capture_on_commit_callbacks)
    assert issue.status == Issue.Status.SENT
    assert issue.number == 1
    assert len(smtp_server.messages) == 1
    recipients, message = smtp_server.messages[0]
    assert recipients == ["hanako@example.jp"]
    # The subject, encoded for the wire (RFC 2047, UTF-8), decodes back to the Japanese.
    head = smtp_server.raw[0].split(b"\r\n\r\n", 1)[0]
    assert head.isascii()
    unfolded = head.replace(b"\r\n ", b" ").replace(b"\r\n\t", b" ").split(b"\r\n")
    raw_subject = next(line for line in unfolded if line.startswith(b"Subject:"))
    assert b"=?utf-8?" in raw_subject
    # (Python folds the long encoded word onto the next line; unfolding leaves a space.)
    assert (
        message["Subject"].strip()
        == "［インフラメンテナンス国民会議］橋梁点検の新技術と出前授業のご案内"
    )
    assert message["Message-ID"].endswith("@testserver>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].strip().startswith("<http://testserver/mail/unsubscribe/")
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "今月の活動をお知らせします。" in text and "今月の活動をお知らせします。" in html
    assert '<table role="presentation"' in html
    # The links in the message work, without a login.
    preferences = link_in(text, "preferences")
    assert Client().get(preferences).status_code == 200
    unsubscribe = message["List-Unsubscribe"].strip()[len("<http://testserver") : -1]
    assert Client(enforce_csrf_checks=True).post(unsubscribe).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_audience_by_topic_and_region(
    db, smtp_server, fast_sending, django_capture_on_commit_callbacks
):
    from tests.factories import prefecture

    tokyo, osaka = prefecture("13"), prefecture("27")
    SubscriberFactory(email="news@example.jp", topic_news=True, prefecture=tokyo)
    SubscriberFactory(
        email="events@example.jp", topic_news=False, topic_events=True, prefecture=tokyo
    )
    SubscriberFactory(
        email="osaka@example.jp", topic_news=False, topic_events=True, prefecture=osaka
    )
    SubscriberFactory(email="anywhere@example.jp", topic_news=False, topic_events=True)
    issue = IssueFactory(audience_news=False, audience_events=True, include_no_region=False)
    issue.audience_prefectures.set([tokyo])
    issue.save()
    send_all(issue, django_capture_on_commit_callbacks)
    assert smtp_server.recipients() == ["events@example.jp"]


def test_batches_send_each_recipient_once_however_often_started(
    db, smtp_server, fast_sending, django_capture_on_commit_callbacks
):
    subscribers = SubscriberFactory.create_batch(7)
    issue = IssueFactory()
    issue = send_all(issue, django_capture_on_commit_callbacks)
    assert issue.status == Issue.Status.SENT
    # Started again, batches run again: nothing more goes out.
    send_all(issue, django_capture_on_commit_callbacks)
    assert sending.send_batch(issue.pk) == 0
    sending.start(issue)
    assert sorted(smtp_server.recipients()) == sorted(s.email for s in subscribers)
    assert Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count() == 7
    assert Delivery.objects.filter(issue=issue).count() == 7


def test_the_send_log_refuses_a_second_row_per_recipient(db):
    from django.db import IntegrityError, transaction

    subscriber = SubscriberFactory()
    issue = IssueFactory()
    Delivery.objects.create(issue=issue, subscriber=subscriber)
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(issue=issue, subscriber=subscriber)


def test_server_refusing_mid_run_then_back(
    db, smtp_server, fast_sending, django_capture_on_commit_callbacks
):
    subscribers = SubscriberFactory.create_batch(8)
    smtp_server.refuse_after = 4
    issue = send_all(IssueFactory(), django_capture_on_commit_callbacks)
    assert len(smtp_server.messages) == 4
    assert issue.status == Issue.Status.SENDING
    waiting = Delivery.objects.filter(issue=issue, status=Delivery.Status.PENDING)
    assert waiting.count() == 4
    assert waiting.filter(last_error__startswith="421").count() == 1
    # The server comes back; the worker's next batch (or tick) finishes the issue.
    smtp_server.refuse_after = None
    smtp_server.refusing = False
    with django_capture_on_commit_callbacks(execute=True):
        sending.send_batch(issue.pk)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert sorted(smtp_server.recipients()) == sorted(s.email for s in subscribers)


def test_closed_smtp_port_loses_nothing(
    db, smtp_server, fast_sending, settings, django_capture_on_commit_callbacks
):
    from tests.mailings.conftest import free_port

    subscribers = SubscriberFactory.create_batch(5)
    settings.EMAIL_PORT = free_port()  # nothing listens there
    issue = send_all(IssueFactory(), django_capture_on_commit_callbacks)
    assert issue.status == Issue.Status.SENDING
    assert Delivery.objects.filter(issue=issue, status=Delivery.Status.PENDING).count() == 5
    assert Delivery.objects.exclude(last_error="").count() == 1
    settings.EMAIL_PORT = smtp_server.port
    sending.send_batch(issue.pk)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert sorted(smtp_server.recipients()) == sorted(s.email for s in subscribers)


def test_a_refused_address_is_retried_then_failed_without_stopping_the_rest(
    db, smtp_server, fast_sending, django_capture_on_commit_callbacks
):
    good = SubscriberFactory.create_batch(4)
    bad = SubscriberFactory(email="gone@example.jp")
    smtp_server.rejected_recipients = {"gone@example.jp"}
    issue = send_all(IssueFactory(), django_capture_on_commit_callbacks)
    for _ in range(5):
        sending.send_batch(issue.pk)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    failed = Delivery.objects.get(issue=issue, subscriber=bad)
    assert failed.status == Delivery.Status.FAILED
    assert failed.attempts == 3
    assert failed.last_error.startswith("550")
    assert "gone@example.jp" not in failed.last_error
    assert sorted(smtp_server.recipients()) == sorted(s.email for s in good)
    progress = Issue.objects.with_progress().get(pk=issue.pk)
    assert (progress.count_sent, progress.count_failed, progress.count_remaining) == (4, 1, 0)


def test_a_stopped_worker_resumes_without_sending_twice(
    db, smtp_server, fast_sending, settings, django_capture_on_commit_callbacks
):
    subscribers = SubscriberFactory.create_batch(6)
    issue = IssueFactory()
    sending.start(issue)  # on_commit not run: the queued batch never ran (worker gone)
    # A worker took a batch and died while handing the first message to the server.
    now = timezone.now()
    rows = list(Delivery.objects.filter(issue=issue).order_by("pk"))
    Delivery.objects.filter(pk__in=[r.pk for r in rows[:3]]).update(
        claimed_until=now + datetime.timedelta(seconds=settings.MAILINGS_LEASE_SECONDS)
    )
    Delivery.objects.filter(pk=rows[0].pk).update(status=Delivery.Status.SENDING, sending_since=now)
    # While the claim holds, nobody else takes those rows.
    later = now + datetime.timedelta(seconds=settings.MAILINGS_LEASE_SECONDS + 1)
    assert sending.resume_stalled(now) == []
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=later):
        assert sending.resume_stalled(later) == [issue.pk]
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    unknown = Delivery.objects.get(pk=rows[0].pk)
    assert unknown.status == Delivery.Status.UNKNOWN
    expected = sorted(s.email for s in subscribers if s.pk != rows[0].subscriber_id)
    assert sorted(smtp_server.recipients()) == expected


def test_unsubscribed_before_their_turn_receive_nothing(
    db, smtp_server, fast_sending, django_capture_on_commit_callbacks
):
    stays, leaves = SubscriberFactory(), SubscriberFactory()
    issue = IssueFactory()
    sending.start(issue)
    Subscriber.objects.filter(pk=leaves.pk).update(status=Subscriber.Status.UNSUBSCRIBED)
    sending.send_batch(issue.pk)
    assert smtp_server.recipients() == [stays.email]
    assert Delivery.objects.get(subscriber=leaves).status == Delivery.Status.SKIPPED


def test_scheduled_issue_starts_when_due(db, smtp_server, fast_sending):
    SubscriberFactory()
    issue = IssueFactory()
    at = timezone.now() + datetime.timedelta(hours=1)
    sending.schedule(issue, at)
    assert sending.start_due(at - datetime.timedelta(seconds=1)) == []
    started = sending.start_due(at)
    assert [i.pk for i in started] == [issue.pk]


def test_a_scheduled_issue_that_no_one_fits_any_more_goes_back_to_draft(db, smtp_server):
    reader = SubscriberFactory()
    issue = IssueFactory()
    at = timezone.now() + datetime.timedelta(hours=1)
    sending.schedule(issue, at)
    Subscriber.objects.filter(pk=reader.pk).update(status=Subscriber.Status.UNSUBSCRIBED)

    assert sending.start_due(at) == []
    issue.refresh_from_db()
    assert (issue.status, issue.send_at, issue.number) == (Issue.Status.DRAFT, None, None)
    assert not Delivery.objects.exists()
    assert smtp_server.recipients() == []
    # The issue's history says why it is a draft again.
    (entry,) = ModelLogEntry.objects.filter(action=sending.UNSCHEDULED_LOG_ACTION)
    assert entry.object_id == str(issue.pk)
    assert "送る相手に当てはまる人がいなかったため" in log_registry.get_formatter(
        entry
    ).format_message(entry)


def test_a_draft_with_unapproved_changes_is_not_sendable(db):
    issue = IssueFactory(live=False)
    assert not sending.may_send(issue)
    issue = IssueFactory(live=True)
    assert sending.may_send(issue)
    issue.has_unpublished_changes = True
    assert not sending.may_send(issue)


def test_the_worker_tick_starts_due_issues_and_erases_expired_subscribers(
    db, smtp_server, fast_sending, settings, django_capture_on_commit_callbacks
):
    from wagtail import hooks

    from mailings.wagtail_hooks import mailings_periodic_work
    from website.tasks import run_periodic_jobs

    assert mailings_periodic_work in hooks.get_hooks("website_periodic_jobs")
    settings.MAILINGS_RETENTION_DAYS = 30
    reader = SubscriberFactory()
    expired = SubscriberFactory(
        status=Subscriber.Status.UNSUBSCRIBED,
        unsubscribed_at=timezone.now() - datetime.timedelta(days=40),
    )
    issue = IssueFactory()
    sending.schedule(issue, timezone.now() - datetime.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        run_periodic_jobs()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert smtp_server.recipients() == [reader.email]
    assert not Subscriber.objects.filter(pk=expired.pk).exists()
