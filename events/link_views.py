"""The registrant's own page, from the private link e-mailed to them (events/urls.py)."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from website import submissions
from website.submissions import private

from . import registrations
from .forms import CancelRegistrationForm
from .models import Registration
from .views import invalid_link


@private
def registration_status(request, token):
    """The registrant's own page (from the e-mailed link): details and cancellation."""
    try:
        registration = Registration.objects.from_token(token)
    except submissions.InvalidLink as error:
        return invalid_link(request, error)
    event = registration.event

    form = CancelRegistrationForm()
    error_message = ""
    if request.method == "POST":
        form = CancelRegistrationForm(request.POST)
        if form.is_valid():
            try:
                registrations.cancel(registration, links=registrations.Links(event, request))
            except submissions.Refused as refusal:
                error_message = refusal.message
            else:
                return redirect(request.path)
    return TemplateResponse(
        request,
        "events/registration_status.html",
        {
            "page": event,
            "registration": registration,
            "form": form,
            "error_message": error_message,
            "can_cancel": not registration.is_cancelled and timezone.now() < event.start,
            "online_url": (
                event.online_url if event.is_online and registration.is_confirmed else ""
            ),
        },
    )
