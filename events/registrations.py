"""Registering for an event, cancelling, and moving people up from the waiting list.

Capacity is never exceeded, even when many people press the button at once: each change
runs in one transaction that first locks the event's row (SELECT … FOR UPDATE on
PostgreSQL; on SQLite the IMMEDIATE transaction mode already lets one writer in at a time),
then counts the places taken, then writes. E-mails go out only after the commit.

Everything here works through the event it is given (its registrations, its own class for the
lock), so the event pages' routes can call it without a loop back to the models.
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from website import mail, submissions
from website.addresses import absolute_url

from . import ical
from .choices import RegistrationStatus

logger = logging.getLogger("sankaku.events")

FULL_MESSAGE = "満席のため、お申し込みを受け付けられませんでした。"


# --- links ----------------------------------------------------------------------------


def status_path(registration):
    return reverse("events:registration", args=[registration.make_token()])


class Links:
    """Absolute URLs for e-mails, on the configured site address (SITE_URL)."""

    def __init__(self, event, request=None):
        self.event = event
        self.request = request

    def absolute(self, path):
        return absolute_url(path)

    @property
    def event_url(self):
        return self.absolute(self.event.url)

    def status_url(self, registration):
        return self.absolute(status_path(registration))

    def admin_url(self):
        index = reverse("event_registrations:index")
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + f"{index}?event={self.event.pk}"


# --- registering ----------------------------------------------------------------------


def register(event, data, *, links, now=None):
    """Store a registration (confirmed, or on the waiting list) and queue its e-mails.

    Returns (registration, created); a repeated submission of the same form returns the
    registration it first created. An address that already has an active registration gets
    (None, False): nothing is stored and the address's owner is e-mailed their registration,
    so the form never tells anyone which addresses are registered. Raises
    submissions.Refused and stores nothing otherwise (details: offer_waiting_list).
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            locked = lock_event(event)
            earlier = submissions.earlier_submission(
                locked.registrations.all(), data["submission_key"]
            )
            if earlier is not None:
                return earlier, False
            check_open(locked, now)
            existing = locked.registrations.filter(email=data["email"]).active().first()
            if existing is not None:
                remind_registrant(existing, links)
                return None, False
            status = decide_status(locked, data["number_of_people"], data["join_waiting_list"])
            registration = locked.registrations.create(
                status=status,
                name=data["name"],
                affiliation=data["affiliation"],
                email=data["email"],
                participant_type=data["participant_type"],
                number_of_people=data["number_of_people"],
                notes=data["notes"],
                consented_at=now,
                submission_key=data["submission_key"],
                created_at=now,
            )
            notify_registrant(registration, links)
            notify_staff(registration, links, "新しい参加申込み")
    except IntegrityError as error:
        # Only reachable if a row slipped past the lock (it cannot on either database);
        # the constraints still guarantee one active registration per address.
        raise submissions.Refused(
            "お申し込みを受け付けられませんでした。もう一度「申し込む」を押してください。"
        ) from error
    logger.info(
        "registration %s for event %s: %s", registration.reference, event.pk, registration.status
    )
    return registration, True


def lock_event(event):
    """The event's row, locked until the end of the transaction."""
    return type(event).objects.select_for_update(of=("self",)).get(pk=event.pk)


def check_open(event, now):
    message = closed_message(event, now)
    if message:
        raise submissions.Refused(message)


def closed_message(event, now=None):
    """Why registration is not possible right now, or '' while it is open."""
    if not event.registers_here:
        return "このイベントは、このサイトでは参加申込みを受け付けていません。"
    state = event.registration_state(now)
    if state == "cancelled":
        return f"このイベントは{event.get_status_display()}となったため、お申し込みを受け付けていません。"
    if state == "not_yet":
        return f"お申し込みの受付は{format_moment(event.registration_opens_at)}からです。"
    if state == "closed":
        return "お申し込みの受付は終了しました。"
    return ""


def decide_status(event, people, join_waiting_list):
    if event.capacity is None:
        return RegistrationStatus.CONFIRMED
    left = max(event.capacity - event.places_taken(), 0)
    # Nobody jumps the queue: while people are waiting, newcomers wait too.
    queue = event.registrations.waiting().exists()
    if people <= left and not queue:
        return RegistrationStatus.CONFIRMED
    if event.waiting_list_enabled and join_waiting_list:
        return RegistrationStatus.WAITING
    if left > 0 and not queue:
        raise submissions.Refused(
            f"残りの席は{left}名分です。人数を{left}名以下にしてください。",
            field="number_of_people",
            offer_waiting_list=event.waiting_list_enabled,
        )
    raise submissions.Refused(FULL_MESSAGE, offer_waiting_list=event.waiting_list_enabled)


def format_moment(moment):
    from website.dates import format_date, format_time, japan_date

    return f"{format_date(japan_date(moment))} {format_time(moment)}"


# --- cancelling and the waiting list ----------------------------------------------------


def cancel(registration, *, links, now=None):
    """Cancel a registration; a freed place goes to the first people waiting.

    Returns the registrations moved up from the waiting list.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(registration.event)
        registration = event.registrations.get(pk=registration.pk)
        if registration.is_cancelled:
            return []
        if now >= event.start:
            raise submissions.Refused(
                "イベントが始まったため、このページからはキャンセルできません。事務局にご連絡ください。"
            )
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = promote_waiting(event, links=links, now=now)
        mail.send_on_commit(
            reference=registration.reference,
            subject=f"【キャンセル受付】{event.title}",
            template_name="events/emails/cancelled.txt",
            context={"registration": registration, "event": event, "event_url": links.event_url},
            to=[registration.email],
        )
        notify_staff(registration, links, "参加申込みのキャンセル")
    logger.info("registration %s cancelled", registration.reference)
    return promoted


def promote_waiting(event, *, links, now=None):
    """Move people up from the waiting list, first come first served, while places last.

    Call inside a transaction that holds the event's lock.
    """
    now = now or timezone.now()
    waiting = list(event.registrations.waiting())
    if not waiting:
        return []
    left = None if event.capacity is None else event.capacity - event.places_taken()
    promoted = []
    for candidate in waiting:
        if left is not None and candidate.number_of_people > left:
            break  # the first in the queue is not skipped for someone smaller behind
        candidate.status = RegistrationStatus.CONFIRMED
        candidate.promoted_at = now
        candidate.save(update_fields=["status", "promoted_at"])
        promoted.append(candidate)
        if left is not None:
            left -= candidate.number_of_people
    for registration in promoted:
        mail.send_on_commit(
            reference=registration.reference,
            subject=f"【参加確定のお知らせ】{event.title}",
            template_name="events/emails/promoted.txt",
            context=registrant_context(registration, links),
            to=[registration.email],
            attachments=[ics_attachment(registration, links)],
        )
        notify_staff(registration, links, "キャンセル待ちからの繰り上げ")
        logger.info("registration %s moved up from the waiting list", registration.reference)
    return promoted


def promote_after_change(event, *, links):
    """After an editor frees places (more capacity, a cancellation in the admin)."""
    with transaction.atomic():
        return promote_waiting(lock_event(event), links=links)


def on_page_published(sender, instance, **kwargs):
    """A published event (connected for EventPage only) with more places, or no limit any
    more, moves its queue up."""
    if instance.registers_here and instance.registrations.waiting().exists():
        promote_after_change(instance, links=Links(instance))


# --- e-mails --------------------------------------------------------------------------


def registrant_context(registration, links):
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "event_url": links.event_url,
        "status_url": links.status_url(registration),
        "online_url": event.online_url if event.is_online and registration.is_confirmed else "",
    }


def ics_attachment(registration, links):
    content = ical.event_calendar(
        registration.event, page_url=links.event_url, include_private=True
    )
    return ("event.ics", content, "text/calendar")


def notify_registrant(registration, links):
    event = registration.event
    if registration.is_confirmed:
        subject = f"【参加申込み受付】{event.title}"
        attachments = [ics_attachment(registration, links)]
    else:
        subject = f"【キャンセル待ち受付】{event.title}"
        attachments = []
    mail.send_on_commit(
        reference=registration.reference,
        subject=subject,
        template_name="events/emails/registered.txt",
        context=registrant_context(registration, links),
        to=[registration.email],
        attachments=attachments,
    )


def remind_registrant(registration, links):
    """Someone registered again with this address: its owner hears what they already have."""
    mail.send_on_commit(
        reference=registration.reference,
        subject=f"【お申し込み済みのお知らせ】{registration.event.title}",
        template_name="events/emails/already_registered.txt",
        context=registrant_context(registration, links),
        to=[registration.email],
    )


def notify_staff(registration, links, what):
    """Staff and the organising forum's editors hear what happened, but no personal data
    travels in the e-mail."""
    event = registration.event
    mail.send_on_commit(
        reference=registration.reference,
        subject=f"【{what}】{event.title}（{registration.reference}）",
        template_name="events/emails/staff_notification.txt",
        context={
            "what": what,
            "registration": registration,
            "event": event,
            "places_taken": event.places_taken(),
            "waiting_count": event.registrations.waiting().count(),
            "admin_url": links.admin_url(),
        },
        to=mail.staff_and_editor_addresses([event.forum_id]),
    )
