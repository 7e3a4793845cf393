from django.urls import reverse
from wagtail import hooks

from website.dates import japan_today
from website.sections import Section, index_page, shows

from .admin_views import (
    BOOKING_POLICY,
    BookingStatusLogFormatter,
    OutreachViewSetGroup,
    bookings_for,
)
from .bookings import STATUS_LOG_ACTION
from .models import Booking, LessonIndexPage, LessonPage


@hooks.register("register_admin_viewset")
def register_outreach_viewsets():
    return OutreachViewSetGroup()


@hooks.register("register_log_actions")
def register_booking_log_actions(actions):
    actions.register_action(STATUS_LOG_ACTION)(BookingStatusLogFormatter)


@hooks.register("forum_team_permissions")
def forum_editors_run_their_lessons():
    """A forum's editors keep their lessons' slots and handle their bookings (their forum's
    only: outreach/admin_views.py), teachers' contact details included, as they answer them:
    a permission the model declares, so named here (website/teams.py gives 広報部会 only the
    add/change/delete/view ones)."""
    return [
        "outreach.view_booking",
        "outreach.change_booking",
        Booking.PERSONAL_DATA_PERMISSION,
        *(f"outreach.{action}_lessonslot" for action in ("add", "change", "delete", "view")),
    ]


@hooks.register("website_home_sections", order=40)
@shows("bookings")
def home_lessons(request, page):
    index = index_page(request, LessonIndexPage)
    if index is None:
        return None
    # Within the index's branch of the tree: PostgreSQL then reads that range of the path
    # index, not every page of the site in tree order until it meets three lessons.
    lessons = LessonPage.attach_bookability(
        LessonPage.objects.visible().descendant_of(index).for_listing()[:3], japan_today()
    )
    return Section("outreach/sections/home_lessons.html", {"index": index, "lessons": lessons})


@hooks.register("website_forum_sections", order=40)
@shows("bookings")
def forum_lessons(request, forum):
    lessons = LessonPage.attach_bookability(
        LessonPage.objects.visible().for_forum(forum).for_listing()[:6], japan_today()
    )
    if not lessons:
        return None
    index = index_page(request, LessonIndexPage)
    return Section(
        "outreach/sections/forum_lessons.html",
        {"forum": forum, "lessons": lessons, "index": index},
    )


@hooks.register("kpi_incomplete_records")
def delivered_lessons_missing_details(user):
    """Delivered lessons still waiting for a pupil count or a report, among the bookings whose
    status view the user may open: the same permission and ``bookings_for`` (a forum's editors,
    their forum's lessons only; nothing without the permission to change bookings)."""
    if not BOOKING_POLICY.user_has_permission(user, "change"):
        return None
    bookings = (
        bookings_for(user)
        .missing_delivery_details()
        .select_related("lesson")
        .order_by("lesson_date")
    )
    records = []
    for booking in bookings:
        missing = [
            label
            for label, is_missing in (
                ("参加者数", booking.pupils_attended is None),
                ("報告", not booking.report),
            )
            if is_missing
        ]
        lesson_title = booking.lesson.title if booking.lesson else "（削除された授業）"
        records.append(
            {
                "title": f"出前授業 {booking.reference}「{lesson_title}」",
                "date": booking.lesson_date,
                "edit_url": reverse("lesson_bookings:status", args=[booking.pk]),
                "missing": "・".join(missing),
            }
        )
    return records


@hooks.register("website_demo_content", order=50)
def load_outreach_demo(home, stdout):
    from .demo import load

    load(home, stdout)


@hooks.register("website_bench_data")
def load_outreach_bench(home, stdout):
    from .bench import load

    load(home, stdout)


@hooks.register("mailings_items")
def lessons_for_mail(kind, *, since, until, forum_ids, limit):
    """情報発信メール: lessons schools can book, newest first (those published by `until`)."""
    if kind != "lessons":
        return None
    lessons = LessonPage.objects.visible().defer_streamfields()
    if until is not None:
        lessons = lessons.exclude(first_published_at__gt=until)
    if forum_ids:
        lessons = lessons.filter(forum_id__in=forum_ids)
    return [
        {"title": lesson.title, "url": lesson.url, "summary": lesson.summary}
        for lesson in lessons.order_by("-first_published_at", "-pk")[:limit]
    ]
