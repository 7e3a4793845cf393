"""Sending an issue: exactly once per recipient, in the background, resumable.

1. ``start(issue)`` freezes the issue's content, gives it its number and writes one
   ``Delivery`` row per recipient (unique per issue and subscriber: starting twice adds
   nobody twice), then queues the first batch.
2. ``send_batch(issue_id)`` (a task on the background worker) claims up to
   MAILINGS_BATCH_SIZE pending rows (SELECT … FOR UPDATE SKIP LOCKED, so two workers never
   take the same row), and for each: marks it "sending" (committed), hands the message to the
   mail server over one connection, marks it "sent". At most MAILINGS_RATE_PER_SECOND
   messages a second. Then it queues the next batch.
3. A refused address (an SMTP error for that message) is retried with back-off
   (MAILINGS_RETRY_SECONDS, doubling) up to MAILINGS_MAX_ATTEMPTS, then marked failed; the
   others go on. A server that is down or closes the connection stops the batch: nothing is
   lost, the batch is queued again after the back-off.
4. A worker that dies mid-batch leaves its claims (they expire after MAILINGS_LEASE_SECONDS)
   and at most one row "sending": ``resume_stalled()`` (the worker's tick, every minute) queues
   the issue again, and marks that one row "unknown" instead of sending it again, because the
   server may have accepted it: never twice.
"""

import datetime
import logging
import re
import smtplib
import time
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django_tasks import task, task_backends
from wagtail.log_actions import log

from website.addresses import site_url
from website.mail import BACKGROUND, delivery_connection

from . import rendering
from .models import Delivery, Issue, Subscriber

logger = logging.getLogger("sankaku.mailings")

CREATE_CHUNK = 1000


# --- the message ----------------------------------------------------------------------


def mail_domain():
    return urlsplit(site_url()).hostname or "localhost"


def build_message(parts, subscriber, *, connection=None, links=None):
    links = links or rendering.links_for(subscriber)
    message = EmailMultiAlternatives(
        subject=parts.subject,
        body=rendering.personalise(parts.text, links),
        from_email=settings.MAILINGS_FROM_EMAIL or settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        connection=connection,
        headers={
            "Message-ID": make_msgid("mailings", domain=mail_domain()),
            # RFC 2369 and RFC 8058: one-click unsubscribe, without login or JavaScript.
            "List-Unsubscribe": f"<{links[rendering.UNSUBSCRIBE]}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<information.{mail_domain()}>",
            "Precedence": "bulk",
        },
    )
    message.attach_alternative(rendering.personalise(parts.html, links, html=True), "text/html")
    return message


def send_test(issue, address):
    """The issue as its recipients will get it, to an editor's own address (sample links)."""

    class Recipient:
        email = address

    parts = rendering.render_issue(issue)
    message = build_message(parts, Recipient, links=rendering.sample_links())
    message.subject = f"［テスト送信］{message.subject}"
    message.send()


# --- starting -------------------------------------------------------------------------


def may_send(issue):
    """Only the approved (published) version is sent: a draft with changes not yet through
    the workflow waits for them."""
    return (
        issue.live
        and not issue.has_unpublished_changes
        and issue.status
        in (
            Issue.Status.DRAFT,
            Issue.Status.SCHEDULED,
        )
    )


def schedule(issue, at):
    Issue.objects.filter(pk=issue.pk, status=Issue.Status.DRAFT).update(
        status=Issue.Status.SCHEDULED, send_at=at
    )


def unschedule(issue):
    Issue.objects.filter(pk=issue.pk, status=Issue.Status.SCHEDULED).update(
        status=Issue.Status.DRAFT, send_at=None
    )


def start(issue, *, now=None):
    """Freeze the issue, write its recipients, queue the first batch. Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status in (Issue.Status.SENDING, Issue.Status.SENT):
            return issue
        since = rendering.previous_issue_start(issue)
        issue.items_since = since
        issue.content = rendering.build_sections(issue, since=since, until=now)
        issue.number = (Issue.objects.aggregate(last=Max("number"))["last"] or 0) + 1
        issue.status = Issue.Status.SENDING
        issue.started_at = issue.heartbeat_at = now
        issue.save(
            update_fields=[
                "items_since",
                "content",
                "number",
                "status",
                "started_at",
                "heartbeat_at",
            ]
        )
        recipients = list(issue.audience().order_by("pk").values_list("pk", flat=True))
        for offset in range(0, len(recipients), CREATE_CHUNK):
            Delivery.objects.bulk_create(
                [
                    Delivery(issue=issue, subscriber_id=pk, next_attempt_at=now)
                    for pk in recipients[offset : offset + CREATE_CHUNK]
                ],
                ignore_conflicts=True,
            )
        logger.info("issue %s: sending to %s recipients", issue.pk, len(recipients))
        transaction.on_commit(lambda: enqueue_batch(issue.pk))
    return issue


# --- batches --------------------------------------------------------------------------


def lease():
    return datetime.timedelta(seconds=settings.MAILINGS_LEASE_SECONDS)


def backoff(attempts):
    return datetime.timedelta(
        seconds=min(settings.MAILINGS_RETRY_SECONDS * 2 ** max(attempts - 1, 0), 60 * 60)
    )


def enqueue_batch(issue_id, *, delay=None):
    """Queue the next batch; a delayed one only where the queue can hold it (the database
    queue), otherwise the worker's tick picks the issue up again."""
    backend = task_backends[BACKGROUND]
    # A zero delay (MAILINGS_RETRY_SECONDS = 0) is still a retry: never run it in this call
    # stack, where a server refusing for good would make it recurse.
    if delay is not None:
        if not backend.supports_defer:
            return None
        return send_issue_batch.using(run_after=timezone.now() + delay).enqueue(issue_id)
    return send_issue_batch.enqueue(issue_id)


@task(backend=BACKGROUND)
def send_issue_batch(issue_id):
    send_batch(issue_id)


class ServerUnavailable(Exception):
    pass


def is_server_fault(error):
    """The server (not this address) failed: connection refused or dropped, 421, a sender
    refused. Such an error stops the batch; it is tried again after the back-off."""
    if isinstance(error, (smtplib.SMTPServerDisconnected, smtplib.SMTPSenderRefused)):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(code == 421 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code == 421
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


ADDRESS = re.compile(r"[^\s<>\"'@]+@[^\s<>\"']+")


def describe(error):
    """The server's answer, without any address in it (servers often quote the recipient)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()), (0, b""))
    elif isinstance(error, smtplib.SMTPResponseException):
        code, text = error.smtp_code, error.smtp_error
    else:
        return type(error).__name__[:300]
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return ADDRESS.sub("[address]", f"{code} {text}")[:300]


def claim(issue_id, now):
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(issue_id=issue_id, status=Delivery.Status.PENDING, next_attempt_at__lte=now)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .order_by("pk")
            .values_list("pk", flat=True)[: settings.MAILINGS_BATCH_SIZE]
        )
        Delivery.objects.filter(pk__in=ids).update(claimed_until=now + lease())
    return ids


def send_batch(issue_id):
    """Send one batch of the issue; returns how many messages the server accepted."""
    issue = Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).first()
    if issue is None:
        return 0
    now = timezone.now()
    Issue.objects.filter(pk=issue_id).update(heartbeat_at=now)
    ids = claim(issue_id, now)
    if not ids:
        finish_or_wait(issue)
        return 0
    parts = rendering.render_issue(issue)
    rows = Delivery.objects.filter(pk__in=ids).select_related("subscriber").order_by("pk")
    connection = delivery_connection()
    rate = settings.MAILINGS_RATE_PER_SECOND
    began = time.monotonic()
    sent = 0
    server_down = None
    try:
        for delivery in rows:
            if server_down is not None:
                break
            outcome = send_one(delivery, parts, connection)
            if isinstance(outcome, ServerUnavailable):
                server_down = outcome
            elif outcome:
                sent += 1
                if rate:
                    time.sleep(max(0.0, began + sent / rate - time.monotonic()))
    finally:
        try:
            connection.close()
        except Exception:  # a dead connection has nothing left to close
            pass
        # Rows of this batch not reached go back to the pool at once.
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.PENDING).update(
            claimed_until=None
        )
    Issue.objects.filter(pk=issue_id).update(heartbeat_at=timezone.now())
    if server_down is not None:
        logger.warning("issue %s: mail server unavailable (%s), will retry", issue_id, server_down)
        enqueue_batch(issue_id, delay=backoff(1))
        return sent
    if Delivery.objects.filter(
        issue_id=issue_id, status=Delivery.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).exists():
        enqueue_batch(issue_id)
    else:
        finish_or_wait(issue)
    return sent


def send_one(delivery, parts, connection):
    """True when sent; ServerUnavailable when the server failed (the row stays pending)."""
    subscriber = delivery.subscriber
    if subscriber is None or subscriber.status != Subscriber.Status.CONFIRMED:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.SKIPPED, claimed_until=None
        )
        return False
    # Committed before the server sees the message: after a crash this row is never re-sent.
    taken = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.SENDING, sending_since=timezone.now()
    )
    if not taken:
        return False
    try:
        connection.send_messages([build_message(parts, subscriber, connection=connection)])
    except Exception as error:
        now = timezone.now()
        if is_server_fault(error):
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.Status.PENDING,
                claimed_until=None,
                sending_since=None,
                next_attempt_at=now + backoff(1),
                last_error=describe(error),
            )
            return ServerUnavailable(describe(error))
        attempts = delivery.attempts + 1
        failed = attempts >= settings.MAILINGS_MAX_ATTEMPTS
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.FAILED if failed else Delivery.Status.PENDING,
            attempts=attempts,
            claimed_until=None,
            sending_since=None,
            next_attempt_at=now + backoff(attempts),
            last_error=describe(error),
        )
        logger.warning(
            "issue %s: delivery %s refused (%s), attempt %s",
            delivery.issue_id,
            delivery.pk,
            describe(error),
            attempts,
        )
        return False
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SENT,
        sent_at=timezone.now(),
        attempts=delivery.attempts + 1,
        claimed_until=None,
        last_error="",
    )
    return True


def finish_or_wait(issue):
    """All done: the issue is sent (and appears in the archive). Rows waiting for a retry:
    queue a batch for the earliest of them."""
    waiting = Delivery.objects.filter(
        issue_id=issue.pk, status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    )
    if not waiting.exists():
        with transaction.atomic():
            locked = Issue.objects.select_for_update().get(pk=issue.pk)
            if locked.status == Issue.Status.SENDING:
                locked.status = Issue.Status.SENT
                locked.sent_at = timezone.now()
                # A save (not update()): the archive and its feed change (website/cache.py).
                locked.save(update_fields=["status", "sent_at"])
                logger.info("issue %s: sent", issue.pk)
        return
    earliest = (
        waiting.filter(status=Delivery.Status.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if earliest is not None:
        enqueue_batch(issue.pk, delay=max(earliest - timezone.now(), datetime.timedelta(seconds=1)))


# --- the worker's tick ----------------------------------------------------------------


# In the issue's 履歴 and サイト履歴 (mailings/wagtail_hooks.py): who scheduled it sees why
# the issue is a draft again.
UNSCHEDULED_LOG_ACTION = "mailings.unscheduled_without_recipients"


def start_due(now=None):
    now = now or timezone.now()
    started = []
    for issue in Issue.objects.filter(status=Issue.Status.SCHEDULED, send_at__lte=now):
        if not issue.live or issue.has_unpublished_changes:
            continue
        if not issue.audience().exists():
            # Nobody to send to any more: neither numbered nor archived as sent. Back to a
            # draft, whose send page says that no one fits its 送る相手.
            unschedule(issue)
            log(issue, UNSCHEDULED_LOG_ACTION, data={"send_at": issue.send_at.isoformat()})
            logger.warning("issue %s: no recipients at its scheduled time, not sent", issue.pk)
            continue
        started.append(start(issue, now=now))
    return started


def resume_stalled(now=None):
    """Issues whose worker stopped: rows left "sending" become "unknown" (never sent twice),
    and a batch is queued again."""
    now = now or timezone.now()
    stale = now - lease()
    resumed = []
    stalled = Issue.objects.filter(status=Issue.Status.SENDING).filter(
        Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=stale)
    )
    for issue in stalled:
        Delivery.objects.filter(
            issue=issue, status=Delivery.Status.SENDING, sending_since__lt=stale
        ).update(
            status=Delivery.Status.UNKNOWN,
            claimed_until=None,
            last_error="送信中に処理が止まりました（届いたかどうか確認できません）",
        )
        Delivery.objects.filter(
            issue=issue, status=Delivery.Status.PENDING, claimed_until__lt=now
        ).update(claimed_until=None)
        Issue.objects.filter(pk=issue.pk).update(heartbeat_at=now)
        enqueue_batch(issue.pk)
        resumed.append(issue.pk)
    return resumed


def retry_failed(issue):
    """The admin's 「失敗分を再送」: failed rows are tried again (unknown ones are not)."""
    count = Delivery.objects.filter(issue=issue, status=Delivery.Status.FAILED).update(
        status=Delivery.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    if count:
        Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENT).update(
            status=Issue.Status.SENDING
        )
        enqueue_batch(issue.pk)
    return count
