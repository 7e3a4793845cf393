"""The day-before e-mail of an online or hybrid (WEB併用) event: its URL and materials.

The background worker (website/tasks.py, every minute) calls `send_due_reminders()`. From
SEND_FROM (Japan time) on the day before an event (the Japan date before its start's), each
confirmed registrant of a scheduled, published event that is attended online and has an
online URL or materials gets one e-mail in Japanese with them, then never again: the
registration is marked (`reminded_at`) in the same transaction that queues the e-mail, and
only a registration not marked yet is taken, so two workers never both send it. A worker that
was stopped catches up until the day ends; people who register later that day get it too.
The e-mail never leaves the worker's queue with the URL for anyone but the registrant.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from website import mail
from website.dates import JAPAN, japan_midnight

from .models import EventPage, Registration
from .registrations import Links, registrant_context

logger = logging.getLogger("sankaku.events")

SEND_FROM = datetime.time(9, 0)  # Japan time, on the day before the event


def due_events(now=None):
    """The events whose registrants are due their reminder at `now` (an aware datetime)."""
    now = (now or timezone.now()).astimezone(JAPAN)
    if now.time() < SEND_FROM:
        return EventPage.objects.none()
    tomorrow = japan_midnight(now.date() + datetime.timedelta(days=1))
    return (
        EventPage.objects.live()
        .attendable("online")
        .filter(
            status=EventPage.Status.SCHEDULED,
            start__gte=tomorrow,
            start__lt=tomorrow + datetime.timedelta(days=1),
        )
        .exclude(online_url="", online_materials="")
        .defer_streamfields()
        .order_by("start", "pk")
    )


def send_due_reminders(now=None):
    """Send every reminder due at `now`; how many were sent."""
    now = now or timezone.now()
    sent = 0
    for event in due_events(now):
        links = Links(event)
        waiting = Registration.objects.confirmed().filter(event=event, reminded_at__isnull=True)
        for registration in waiting.order_by("pk"):
            registration.event = event
            with transaction.atomic():
                # Taken by this worker only if nobody marked it meanwhile.
                taken = Registration.objects.filter(
                    pk=registration.pk, reminded_at__isnull=True
                ).update(reminded_at=now)
                if taken:
                    send_reminder(registration, links)
                    sent += 1
    if sent:
        logger.info("sent %d event reminder(s)", sent)
    return sent


def send_reminder(registration, links):
    event = registration.event
    mail.send_on_commit(
        reference=registration.reference,
        subject=f"【明日開催】{event.title}（オンライン参加のご案内）",
        template_name="events/emails/reminder.txt",
        context=registrant_context(registration, links),
        to=[registration.email],
    )
