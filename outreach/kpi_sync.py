"""Delivered lessons count toward the KPIs: one kpi.Activity per delivered or reported booking.

A booking records its activity when it is delivered, keeps it in step while it stays so
(date, pupils, lesson, the school's municipality) and removes it when it leaves those
statuses or is deleted. What is already recorded is not written again (kpi.activities), so a
save that changes none of that writes nothing and leaves the cached figures valid.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from kpi import activities

from .models import Booking, LessonPage

# A save limited to other fields (the teacher's notes) cannot change the activity.
COUNTED_FIELDS = {
    "status",
    "lesson",
    "lesson_id",
    "lesson_date",
    "pupils_attended",
    "prefecture",
    "prefecture_id",
    "city",
}


def sync_activity(booking):
    if not booking.is_done:
        activities.remove(booking)
        return None
    lesson = booking.lesson
    if lesson is None or booking.lesson_date is None:
        # Nothing to record from (the lesson was deleted): what was recorded stays.
        return None
    return activities.record(
        booking,
        kind=activities.ActivityKind.SCHOOL_LESSON,
        date=booking.lesson_date,
        title=f"出前授業「{lesson.title}」（{booking.prefecture.name}{booking.city}）",
        forum=lesson.forum,
        participants=booking.pupils_attended,
        page=lesson,
        municipalities=[(booking.prefecture, booking.city)],
    )


def on_booking_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created and not instance.is_done:
        return  # a new booking has nothing recorded to remove
    if update_fields is not None and not COUNTED_FIELDS.intersection(update_fields):
        return
    sync_activity(instance)


def on_booking_deleted(sender, instance, **kwargs):
    activities.remove(instance)


def on_lesson_published(sender, instance, **kwargs):
    """A lesson retitled or given to another forum: its delivered bookings follow."""
    for booking in instance.bookings.done().select_related("lesson__forum", "prefecture"):
        sync_activity(booking)


def connect():
    post_save.connect(on_booking_saved, sender=Booking, dispatch_uid="outreach_kpi_saved")
    post_delete.connect(on_booking_deleted, sender=Booking, dispatch_uid="outreach_kpi_deleted")
    page_published.connect(
        on_lesson_published, sender=LessonPage, dispatch_uid="outreach_kpi_lesson_published"
    )
