"""The booking form behind the lesson pages' book/ route (see LessonPage).

It works through the lesson it is given, so that the page model can call it; the teacher's
private link to a booking, reached without a page, is in outreach/link_views.py.
"""

import re

from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters

from website import submissions
from website.dates import japan_today
from website.submissions import private

from .bookings import earlier_booking, place_booking
from .forms import NO_SLOTS_LEFT_MESSAGE, SLOT_TAKEN_MESSAGE, BookingForm


@sensitive_post_parameters()  # error reports never carry a teacher's details
@private
def book_lesson(request, lesson):
    """The booking form of a lesson (served by LessonPage at <lesson>/book/)."""
    today = japan_today()
    type(lesson).attach_bookability([lesson], today)
    data = request.POST if request.method == "POST" else None
    initial = {"submission_key": submissions.new_submission_key()}
    # Chosen on the lesson page. ASCII digits only: str.isdigit() also accepts "¹" and "١",
    # which int() refuses.
    if re.fullmatch(r"[0-9]{1,9}", request.GET.get("slot", "")):
        initial["slot"] = int(request.GET["slot"])
    form = BookingForm(data, initial=initial, lesson=lesson, today=today)
    context = {
        "page": lesson,
        "form": form,
        "trail": [(lesson.title, lesson.url), ("お申込み", None)],
    }
    if not lesson.accepts_bookings:
        return TemplateResponse(request, "outreach/lesson_booking_form.html", context)
    if request.method != "POST":
        return TemplateResponse(request, "outreach/lesson_booking_form.html", context)

    if submissions.refuse_if_rate_limited(request, form, "outreach.booking"):
        return TemplateResponse(request, "outreach/lesson_booking_form.html", context, status=429)
    # Sent again (a double tap, a reload): the first submission's booking, before the form
    # would say its slot or its school's year is taken — by that very booking.
    earlier = earlier_booking(lesson, submissions.submitted_key(request))
    if earlier is not None:
        return received(earlier)
    if form.is_valid():
        if form.is_bot:
            return redirect(lesson.url)
        try:
            booking, _created = place_booking(lesson, form.booking_data(), request=request)
        except submissions.Refused as refusal:
            if refusal.code == "slot_full":
                offer_other_slots(form, refusal.details["remaining"])
            else:
                form.add_error(refusal.field, refusal.message)
        else:
            return received(booking)
    elif (earlier := earlier_booking(lesson, submissions.submitted_key(request))) is not None:
        # A copy of this very form booked the slot while this one was being checked.
        return received(earlier)
    elif form.has_error("slot", "taken"):
        offer_other_slots(form, 0, already_reported=True)
    submissions.renew_missing_key(form)
    return TemplateResponse(request, "outreach/lesson_booking_form.html", context)


def received(booking):
    detail = reverse("outreach:booking_detail", args=[booking.make_token()])
    return HttpResponseRedirect(f"{detail}?received=1")


def offer_other_slots(form, remaining, already_reported=False):
    """The slot filled up under the teacher: say so, and leave the remaining slots to choose."""
    if remaining:
        form.add_error("classes", f"この日時で受けられるのは、あと{remaining}クラスです。")
        return
    form.data = form.data.copy()
    form.data["slot"] = ""
    if not already_reported:
        form.add_error("slot", SLOT_TAKEN_MESSAGE)
    if not form.has_open_slots:
        form.add_error(None, NO_SLOTS_LEFT_MESSAGE)
