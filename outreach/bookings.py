"""What happens to a booking: it is placed, moves through its statuses, and is told about.

Everything that writes a booking goes through here, inside a transaction; e-mails are queued
to go out after the commit. Logs name the booking by its reference only, never the person.

It works through the lesson or booking it is given (their related managers, their own class
for a row lock), so the lesson page's book/ route can call it without a loop back to the
models.
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Site

from website import submissions
from website.addresses import absolute_url
from website.fiscal import fiscal_year, fiscal_year_label
from website.mail import send_on_commit, staff_and_editor_addresses
from website.models import SiteSettings

from .choices import BookingStatus

logger = logging.getLogger("sankaku.outreach")

SLOT_TAKEN_MESSAGE = (
    "選んだ日時は、たった今ほかの学校のお申込みで埋まりました。"
    "申し訳ありませんが、下の空いている日時から選び直してください。"
)

STATUS_LOG_ACTION = "outreach.booking.status"

# The statuses a teacher hears about, with the e-mail's subject (after 【出前授業】) and template.
TEACHER_STATUS_MAILS = {
    BookingStatus.CONFIRMED: ("実施が決まりました", "outreach/mail/status_confirmed.txt"),
    BookingStatus.DECLINED: ("お申込みについてのお知らせ", "outreach/mail/status_declined.txt"),
    BookingStatus.DELIVERED: ("ご参加ありがとうございました", "outreach/mail/status_delivered.txt"),
    BookingStatus.CANCELLED: ("お申込みを取り消しました", "outreach/mail/status_cancelled.txt"),
}


def place_booking(lesson, data, *, request=None):
    """Store a booking of `lesson` from plain data (see BookingForm.booking_data()).

    Returns (booking, created). The slot row is locked (SELECT … FOR UPDATE; SQLite's
    IMMEDIATE transactions serialise writers instead) so that two teachers can never take
    the same last place. A repeated submission of the same form (its `submission_key`)
    returns the booking the first one made. Raises submissions.Refused and stores nothing
    otherwise: code "slot_full" (details: remaining) or "already_booked".
    """
    try:
        with transaction.atomic():
            if lesson.one_booking_per_school_per_year:
                # Serialises this lesson's bookings, so a school cannot slip in twice at once.
                locked = type(lesson).objects.select_for_update(of=("self",)).filter(pk=lesson.pk)
                list(locked.values_list("pk"))
            slot = None
            if data.get("slot"):
                slot = lesson.slots.select_for_update().get(pk=data["slot"])
            earlier = earlier_booking(lesson, data["submission_key"])
            if earlier is not None:
                return earlier, False
            fields = booking_fields(slot, data)
            if slot is not None:
                remaining = slot.remaining_classes
                if remaining < fields["classes"]:
                    raise submissions.Refused(
                        SLOT_TAKEN_MESSAGE, field="slot", code="slot_full", remaining=remaining
                    )
            if lesson.one_booking_per_school_per_year:
                problem = already_booked_problem(
                    lesson, fields["school_name"], fields["prefecture_id"], fields["lesson_date"]
                )
                if problem:
                    raise submissions.Refused(problem, field="school_name", code="already_booked")
            booking = lesson.bookings.create(**fields, privacy_consented_at=timezone.now())
            notify_received(booking, request)
    except IntegrityError:
        # The same submission committed by a parallel request in the meantime.
        earlier = earlier_booking(lesson, data["submission_key"])
        if earlier is None:
            raise
        return earlier, False
    logger.info("lesson booking %s received", booking.reference)
    return booking, True


def earlier_booking(lesson, submission_key):
    return submissions.earlier_submission(lesson.bookings.all(), submission_key)


def booking_fields(slot, data):
    """The new booking's fields (besides its lesson) from the form's plain data."""
    return dict(
        slot=slot,
        delivery_mode=data["delivery_mode"],
        lesson_date=slot.date if slot else data.get("preferred_date_1"),
        start_time=slot.start_time if slot else None,
        preferred_date_1=data.get("preferred_date_1"),
        preferred_date_2=data.get("preferred_date_2"),
        preferred_period=data.get("preferred_period", ""),
        school_name=data["school_name"],
        school_type=data["school_type"],
        prefecture_id=data["prefecture"],
        city=data["city"],
        address=data["address"],
        teacher_name=data["teacher_name"],
        email=data["email"],
        phone=data["phone"],
        grade=data["grade"],
        classes=data["classes"],
        pupils=data["pupils"],
        accessibility_needs=data.get("accessibility_needs", ""),
        notes=data.get("notes", ""),
        submission_key=data["submission_key"],
    )


def already_booked_problem(lesson, school_name, prefecture_code, lesson_date):
    """The kind refusal for a school's second booking in a fiscal year, or None."""
    if not (school_name and prefecture_code and lesson_date):
        return None
    year = fiscal_year(lesson_date)
    exists = (
        lesson.bookings.holding_place()
        .from_school(school_name, prefecture_code)
        .in_fiscal_year(year)
        .exists()
    )
    if not exists:
        return None
    return (
        f"{school_name}様からは、{fiscal_year_label(year)}のこの授業のお申込みをすでにいただいています。"
        "できるだけ多くの学校にご参加いただけるよう、この授業は1校につき年度内1回までとさせて"
        "いただいております。ご了承ください。ご不明な点は事務局までお問い合わせください。"
    )


def change_status(booking, new_status, *, user=None, request=None, **details):
    """Move a booking to `new_status` (only along TRANSITIONS); the teacher is told by e-mail.

    `details` may carry lesson_date, start_time, decline_reason, pupils_attended, report.
    """
    with transaction.atomic():
        booking = type(booking).objects.select_for_update().get(pk=booking.pk)
        old_status = booking.status
        booking.check_transition(new_status)
        for name in ("lesson_date", "start_time", "decline_reason", "pupils_attended", "report"):
            if details.get(name) not in (None, ""):
                setattr(booking, name, details[name])
        booking.status = new_status
        booking.status_changed_at = timezone.now()
        booking.save()
        log(
            instance=booking,
            action=STATUS_LOG_ACTION,
            user=user,
            data={"from": old_status, "to": new_status},
        )
        if new_status in TEACHER_STATUS_MAILS:
            subject, template_name = TEACHER_STATUS_MAILS[new_status]
            mail_teacher(booking, subject, template_name, request)
    logger.info("lesson booking %s: %s -> %s", booking.reference, old_status, new_status)
    return booking


def cancel_by_teacher(booking, *, request=None):
    with transaction.atomic():
        booking = type(booking).objects.select_for_update().get(pk=booking.pk)
        if not booking.can_be_changed_by_teacher:
            return booking, False
        old_status = booking.status
        booking.status = BookingStatus.CANCELLED
        booking.status_changed_at = timezone.now()
        booking.save()
        log(
            instance=booking,
            action=STATUS_LOG_ACTION,
            data={"from": old_status, "to": BookingStatus.CANCELLED, "by_teacher": True},
        )
        subject, template_name = TEACHER_STATUS_MAILS[BookingStatus.CANCELLED]
        mail_teacher(booking, subject, template_name, request)
        mail_staff(
            booking,
            "先生がお申込みを取り消しました",
            "outreach/mail/staff_cancelled.txt",
            request,
        )
    logger.info("lesson booking %s cancelled by the teacher", booking.reference)
    return booking, True


def update_notes(booking, notes, *, request=None):
    with transaction.atomic():
        booking = type(booking).objects.select_for_update().get(pk=booking.pk)
        if not booking.can_be_changed_by_teacher or booking.notes == notes:
            return booking, False
        booking.notes = notes
        booking.save(update_fields=["notes", "updated_at"])
        mail_staff(
            booking, "先生が連絡事項を変更しました", "outreach/mail/staff_notes.txt", request
        )
    logger.info("lesson booking %s: notes changed by the teacher", booking.reference)
    return booking, True


# E-mail


def private_url(booking, request=None):
    path = reverse("outreach:booking_detail", args=[booking.make_token()])
    return absolute_url(path)


def admin_url(booking):
    """The booking's status page, where staff see it and move it on (not the raw edit form)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "lesson_bookings:status", args=[booking.pk]
    )


def mail_context(booking, request):
    site = Site.find_for_request(request) if request else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return {
        "booking": booking,
        "lesson": booking.lesson,
        "private_url": private_url(booking, request),
        "admin_url": admin_url(booking),
        "site_settings": SiteSettings.for_site(site) if site else None,
    }


def mail_teacher(booking, subject, template_name, request=None):
    send_on_commit(
        reference=booking.reference,
        subject=f"【出前授業】{subject}（受付番号 {booking.reference}）",
        template_name=template_name,
        context=mail_context(booking, request),
        to=[booking.email],
    )


def mail_staff(booking, subject, template_name, request=None):
    """To the secretariat, and to the editors of the lesson's forum who may see the booking's
    personal data: they handle the booking."""
    forums = [booking.lesson.forum_id] if booking.lesson else []
    send_on_commit(
        reference=booking.reference,
        subject=f"【出前授業】{subject}（{booking.reference}）",
        template_name=template_name,
        context=mail_context(booking, request),
        to=staff_and_editor_addresses(forums, permission=type(booking).PERSONAL_DATA_PERMISSION),
    )


def notify_received(booking, request=None):
    mail_teacher(booking, "お申込みを受け付けました", "outreach/mail/booking_received.txt", request)
    mail_staff(
        booking, "新しいお申込みがありました", "outreach/mail/staff_new_booking.txt", request
    )
