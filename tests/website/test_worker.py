"""The background worker: queued e-mail and scheduled publishing.

These tests use the real database queue (django-tasks-db) and run its worker in-process for
one batch (`manage.py run_worker --batch`), as production runs it continuously.
"""

import datetime
import time

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Revision

from news.models import NewsPage
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from website import cache, tasks

QUEUE = override_settings(
    TASKS={
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    },
    EMAIL_BACKEND="website.mail.QueuedEmailBackend",
    EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)


def run_worker():
    call_command("run_worker", "--batch", verbosity=0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker closes connections
@QUEUE
def test_a_queued_email_is_delivered_by_the_worker():
    message = EmailMessage("お知らせ", "本文です。", to=["taro@example.jp"])
    message.attach("event.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    assert message.send() == 1
    assert mail.outbox == []  # not sent in the request
    assert DBTaskResult.objects.filter(task_path="website.mail.deliver_email").exists()

    run_worker()
    (sent,) = mail.outbox
    assert sent.subject == "お知らせ" and sent.to == ["taro@example.jp"]
    assert sent.attachments[0][0] == "event.ics"
    assert "BEGIN:VCALENDAR" in sent.attachments[0][1]


@pytest.mark.django_db
def test_without_a_queue_the_test_settings_deliver_at_once(settings):
    settings.EMAIL_BACKEND = "website.mail.QueuedEmailBackend"
    EmailMessage("お知らせ", "本文です。", to=["taro@example.jp"]).send()
    assert [m.subject for m in mail.outbox] == ["お知らせ"]


def schedule(page, go_live_at):
    page.go_live_at = go_live_at
    page.save_revision().publish()
    page.refresh_from_db()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker closes connections
@QUEUE
def test_a_scheduled_page_goes_live_when_the_worker_runs(home_page):
    index = NewsIndexPageFactory(parent=home_page)
    page = NewsPageFactory(parent=index, live=False, title="予約公開のお知らせ")
    go_live_at = timezone.now() + datetime.timedelta(seconds=1)
    schedule(page, go_live_at)
    assert not page.live and Revision.objects.filter(approved_go_live_at=go_live_at).exists()
    time.sleep(max(0, (go_live_at - timezone.now()).total_seconds()) + 0.1)
    generation = cache.current_generation(cache.page_cache())

    run_worker()
    assert NewsPage.objects.get(pk=page.pk).live
    assert cache.current_generation(cache.page_cache()) != generation  # page cache invalidated
    # The next run is booked for the start of the next minute, once.
    (booked,) = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path="website.tasks.publish_scheduled_pages"
    )
    assert booked.run_after == tasks.next_minute(booked.enqueued_at)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker closes connections
@QUEUE
def test_an_expired_page_is_unpublished_when_the_worker_runs(home_page):
    index = NewsIndexPageFactory(parent=home_page)
    page = NewsPageFactory(parent=index, expire_at=timezone.now() - datetime.timedelta(seconds=5))
    run_worker()
    page.refresh_from_db()
    assert not page.live and page.expired


@pytest.mark.django_db
@QUEUE
def test_only_one_publishing_run_waits_in_the_queue():
    tasks.book_publishing()
    tasks.book_publishing(at=tasks.next_minute())
    assert (
        DBTaskResult.objects.filter(task_path="website.tasks.publish_scheduled_pages").count() == 1
    )


def test_next_minute_is_the_start_of_the_next_minute_in_japan_time_too():
    jst = datetime.timezone(datetime.timedelta(hours=9))
    assert tasks.next_minute(datetime.datetime(2026, 12, 3, 9, 59, 59, 999, tzinfo=jst)) == (
        datetime.datetime(2026, 12, 3, 10, 0, tzinfo=jst)
    )
