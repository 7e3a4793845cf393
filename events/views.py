"""The public views behind the event pages' extra routes (see the page models)."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

from website import ratelimit
from website.addresses import absolute_url
from website.models import Forum

from . import ical, registrations
from .forms import CancelRegistrationForm, RegistrationForm, new_submission_key

RATE_LIMIT = 10  # registrations per IP …
RATE_PERIOD = 60 * 60  # … per hour
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


def register(request, event):
    """The registration form: GET shows it, POST stores and redirects (PRG)."""
    if not event.registers_here:
        return redirect(event.url)
    form = None
    refusal = None
    status = 200
    if request.method == "POST":
        form = RegistrationForm(event, data=request.POST)
        if ratelimit.hit(request, "events.register", limit=RATE_LIMIT, period=RATE_PERIOD):
            form.is_valid()
            form.add_error(
                None,
                "短い時間に多くのお申し込みがありました。しばらく時間をおいてから、もう一度お試しください。",
            )
            status = 429
        elif form.is_valid():
            if form.is_bot:
                return redirect(event.url)
            try:
                registration, _ = registrations.register(
                    event, form.registration_data(), links=registrations.Links(event, request)
                )
            except registrations.RegistrationRefused as error:
                refusal = error
                form.add_error(error.field, error.message)
            else:
                return redirect(
                    event.url
                    + event.reverse_subpage("registration")
                    + f"?token={registrations.make_token(registration)}"
                )
    else:
        form = RegistrationForm(event, initial={"submission_key": new_submission_key()})
    state = event.registration_state()
    places_left = event.places_left()
    response = TemplateResponse(
        request,
        "events/event_registration.html",
        {
            "page": event,
            "form": form,
            "registration_state": state,
            "places_left": places_left,
            "is_full": places_left == 0,
            "offer_waiting_list": (refusal is not None and refusal.offer_waiting_list)
            or (places_left == 0 and event.waiting_list_enabled),
            "full_message": registrations.FULL_MESSAGE,
            "closed_message": registrations.closed_message(event),
        },
        status=status,
    )
    add_never_cache_headers(response)
    return response


def registration_status(request, event):
    """The registrant's own page (from the e-mailed link): details and cancellation."""
    try:
        registration = registrations.registration_for_token(event, request.GET.get("token"))
    except registrations.InvalidToken as error:
        expired = isinstance(error, registrations.ExpiredToken)
        response = TemplateResponse(
            request,
            "events/registration_invalid.html",
            {"page": event, "expired": expired},
            status=410 if expired else 404,
        )
        add_never_cache_headers(response)
        return response

    form = CancelRegistrationForm()
    error_message = ""
    if request.method == "POST":
        form = CancelRegistrationForm(request.POST)
        if form.is_valid():
            try:
                registrations.cancel(registration, links=registrations.Links(event, request))
            except registrations.RegistrationRefused as refusal:
                error_message = refusal.message
            else:
                return redirect(request.get_full_path())
    response = TemplateResponse(
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
    add_never_cache_headers(response)
    # The link carries a key: keep it out of other sites' Referer headers. Not "no-referrer":
    # browsers then send "Origin: null" with the cancel form and Django's CSRF check refuses it.
    response["Referrer-Policy"] = "same-origin"
    return response
