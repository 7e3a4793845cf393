"""The public views behind the event pages' extra routes (see the page models).

They work through the page they are given, so that the page models can call them; the
registrant's own page, reached without a page, is in events/link_views.py.
"""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control

from website import submissions
from website.addresses import absolute_url
from website.models import Forum
from website.submissions import private

from . import ical, registrations
from .forms import RegistrationForm

ICAL_TYPE = "text/calendar; charset=utf-8"


def event_ical(request, event):
    content = ical.event_calendar(event, page_url=absolute_url(event.get_url(request)))
    response = HttpResponse(content, content_type=ICAL_TYPE)
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


def upcoming_feed(request, index_page, forum_slug=None):
    events = index_page.events().upcoming().select_related("kind", "forum").defer_streamfields()
    name = "インフラメンテナンス国民会議のイベント"
    if forum_slug is not None:
        forum = Forum.objects.filter(slug=forum_slug).first()
        if forum is None:
            raise Http404("no such forum")
        events = events.filter(forum=forum)
        name = f"{forum.name}のイベント"
    content = ical.feed_calendar(
        name, events, url_for=lambda event: absolute_url(event.get_url(request))
    )
    response = HttpResponse(content, content_type=ICAL_TYPE)
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    patch_cache_control(response, public=True, max_age=15 * 60)
    return response


@private
def register(request, event):
    """The registration form: GET shows it, POST stores and redirects (PRG)."""
    if not event.registers_here:
        return redirect(event.url)
    form = None
    refusal = None
    status = 200
    if request.method == "POST":
        form = RegistrationForm(event, data=request.POST)
        if submissions.refuse_if_rate_limited(request, form, "events.registration"):
            status = 429
        elif form.is_valid():
            if form.is_bot:
                return redirect(event.url)
            try:
                registration, _ = registrations.register(
                    event, form.registration_data(), links=registrations.Links(event, request)
                )
            except submissions.Refused as error:
                refusal = error
                form.add_error(error.field, error.message)
            else:
                if registration is None:  # the address had registered: told by e-mail
                    return redirect(event.url + "register/sent/")
                return redirect(registrations.status_path(registration))
        submissions.renew_missing_key(form)
    else:
        form = RegistrationForm(event, initial={"submission_key": submissions.new_submission_key()})
    state = event.registration_state()
    places_left = event.places_left()
    return TemplateResponse(
        request,
        "events/event_registration.html",
        {
            "page": event,
            "form": form,
            "registration_state": state,
            "places_left": places_left,
            "is_full": places_left == 0,
            "offer_waiting_list": (
                refusal is not None and refusal.details.get("offer_waiting_list", False)
            )
            or (places_left == 0 and event.waiting_list_enabled),
            "full_message": registrations.FULL_MESSAGE,
            "closed_message": registrations.closed_message(event),
        },
        status=status,
    )


@private
def registration_sent(request, event):
    """After a registration with an address that had one: the same words for every address."""
    return TemplateResponse(request, "events/registration_sent.html", {"page": event})


def invalid_link(request, error, event=None):
    expired = isinstance(error, submissions.ExpiredLink)
    return TemplateResponse(
        request,
        "events/registration_invalid.html",
        {"page": event, "expired": expired},
        status=410 if expired else 404,
    )


@private
def registration_by_query(request, event):
    """An old link (?token=…): on to the same page with the key in the path, where it stays
    out of the query strings that proxies and analytics record. A POST keeps its method."""
    token = request.GET.get("token", "")
    try:
        event.registrations.from_token(token)
    except submissions.InvalidLink as error:
        return invalid_link(request, error, event)
    # The same key: a new one would also have a new expiry date.
    response = HttpResponseRedirect(reverse("events:registration", args=[token]))
    if request.method == "POST":
        response.status_code = 307
    return response
