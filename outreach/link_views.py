"""The teacher's private link to a booking (outreach/urls.py): to see it, change its notes
or cancel it.
"""

from functools import wraps

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from website import submissions
from website.submissions import private

from .bookings import cancel_by_teacher, update_notes
from .forms import BookingNotesForm
from .models import Booking


def with_booking(view):
    """Resolve the signed token of a private link; a friendly page when it is not valid."""

    @wraps(view)
    def wrapped(request, token):
        try:
            booking = Booking.objects.from_token(token)
        except submissions.InvalidLink as error:
            expired = isinstance(error, submissions.ExpiredLink)
            return TemplateResponse(
                request,
                "outreach/booking_link_invalid.html",
                {"expired": expired},
                status=410 if expired else 404,
            )
        return view(request, booking, token)

    return private(wrapped)


@require_http_methods(["GET", "HEAD"])
@with_booking
def booking_detail(request, booking, token):
    return TemplateResponse(
        request,
        "outreach/booking_detail.html",
        {
            "booking": booking,
            "token": token,
            "notes_form": BookingNotesForm(initial={"notes": booking.notes}),
            "received": "received" in request.GET,
            "notes_saved": "notes" in request.GET,
            "cancelled": "cancelled" in request.GET,
        },
    )


@sensitive_post_parameters()
@require_http_methods(["POST"])
@with_booking
def booking_notes(request, booking, token):
    form = BookingNotesForm(request.POST)
    if not form.is_valid() or form.is_bot:
        return TemplateResponse(
            request,
            "outreach/booking_detail.html",
            {"booking": booking, "token": token, "notes_form": form},
        )
    update_notes(booking, form.cleaned_data["notes"], request=request)
    return HttpResponseRedirect(reverse("outreach:booking_detail", args=[token]) + "?notes=1")


@require_http_methods(["GET", "HEAD", "POST"])
@with_booking
def booking_cancel(request, booking, token):
    if request.method == "POST" and booking.can_be_changed_by_teacher:
        cancel_by_teacher(booking, request=request)
        return HttpResponseRedirect(
            reverse("outreach:booking_detail", args=[token]) + "?cancelled=1"
        )
    return TemplateResponse(
        request, "outreach/booking_cancel.html", {"booking": booking, "token": token}
    )
