from django.conf import settings
from django.urls import reverse
from wagtail import hooks
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet

from website.i18n import is_default_language, page_translations
from website.prefectures import REGION_NAMES
from website.sections import Section, in_every_language, index_page, shows

from .models import EventIndexPage, EventPage
from .viewsets import EventKindViewSet, EventPageListingViewSet, RegistrationViewSet

HOME_EVENT_COUNT = 3
FORUM_EVENT_COUNT = 4

register_snippet(EventKindViewSet)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet()


@hooks.register("register_admin_viewset")
def register_event_page_listing():
    return EventPageListingViewSet("event_pages")


@hooks.register("forum_team_permissions")
def forum_editors_see_registrations():
    """Of their own events only; names and addresses need the personal-data permission too."""
    return ["events.view_registration"]


@hooks.register("website_home_sections", order=30)
@shows("registrations")  # the cards say how many places are left
@in_every_language  # lists pages of the language being read
def home_upcoming_events(request, page):
    events = list(EventPage.objects.visible().upcoming().for_listing()[:HOME_EVENT_COUNT])
    index = index_page(request, EventIndexPage)
    japanese_index_url = None
    if not events and index is not None and not is_default_language():
        # A translation lists only the events translated; most are announced in Japanese.
        japanese_index = dict(page_translations(index)).get(settings.LANGUAGE_CODE)
        japanese_index_url = japanese_index.get_url(request) if japanese_index else None
    return Section(
        "events/sections/home_upcoming.html",
        {"events": events, "index_page": index, "japanese_index_url": japanese_index_url},
    )


@hooks.register("website_forum_sections", order=30)
@shows("registrations")
@in_every_language  # lists pages of the language being read
def forum_events(request, forum):
    """The events a forum organises and, for a regional forum, the others held in its area; the
    record of past events is the forum's own."""
    visible = EventPage.objects.visible()
    return Section(
        "events/sections/forum_events.html",
        {
            "forum": forum,
            "events": visible.for_forum(forum).upcoming().for_listing()[:FORUM_EVENT_COUNT],
            "held_count": visible.filter(forum=forum).held().count(),
            "index_page": index_page(request, EventIndexPage),
            # The index's area of the same name (a regional forum's slug is its region's code).
            "area": forum.slug if forum.is_regional and forum.slug in REGION_NAMES else None,
        },
    )


@hooks.register("kpi_incomplete_records")
def events_missing_report(user):
    """Held events still waiting for a participant count or a report, among those the user may
    edit: the page edit view's permissions, as Wagtail's page lists apply them (a forum's
    editors, their forum's events only; see website/teams.py)."""
    policy = policy_registry.get_by_type(EventPage)
    if not policy.user_has_any_permission(user, ["change"]):
        return None
    editable = policy.instances_user_has_any_permission_for(user, ["change"])
    events = (
        EventPage.objects.live()
        .missing_report()
        .filter(pk__in=editable.values("pk"))
        .order_by("start")
        .only("pk", "title", "start", "participants", "report")
    )
    records = []
    for event in events:
        missing = []
        if event.participants is None:
            missing.append("参加者数")
        if not event.report:
            missing.append("報告")
        records.append(
            {
                "title": event.title,
                "date": event.start_date,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[event.pk]),
                "missing": "・".join(missing),
            }
        )
    return records


@hooks.register("website_demo_content", order=40)
def load_events_demo(home, stdout):
    from .demo import load

    load(home, stdout)


@hooks.register("website_bench_data", order=30)
def load_events_bench(home, stdout):
    from .bench import load

    load(home, stdout)


@hooks.register("members_mypage_sections")
def members_events(request, organisation):
    """A member's page: their own registrations (by their e-mail address) and the online
    details of upcoming events the editors chose to share with members."""
    from django.template.loader import render_to_string

    from .models import Registration
    from .registrations import status_path

    registrations = list(
        Registration.objects.filter(email__iexact=request.user.email)
        .active()
        .filter(event__in=EventPage.objects.live().upcoming())
        .select_related("event")
        .order_by("event__start")
    )
    for registration in registrations:
        registration.status_url = status_path(registration)
    shared = (
        EventPage.objects.live()
        .upcoming()
        .attendable("online")
        .filter(online_for_members=True)
        .exclude(online_url="")
        .defer_streamfields()
    )
    return render_to_string(
        "events/sections/members_events.html",
        {"registrations": registrations, "shared_events": shared},
        request=request,
    )


@hooks.register("website_periodic_jobs")
def send_event_reminders(now):
    """The day before an online or hybrid event, its registrants get the URL (once)."""
    from .reminders import send_due_reminders

    send_due_reminders(now)


@hooks.register("mailings_items")
def events_for_mail(kind, *, since, until, forum_ids, limit):
    """情報発信メール: events not over by `until` (when the issue is sent), soonest first. A
    postponed event is marked 【延期】 with its note, as the site marks it; a cancelled one is
    left out, except for readers an earlier issue told of it: then it is marked 【中止】
    (``announced_only``, mailings/sources.py)."""
    if kind != "events":
        return None
    events = EventPage.objects.visible().upcoming(until).defer_streamfields()
    if forum_ids:
        events = events.filter(forum_id__in=forum_ids)
    cancelled = EventPage.Status.CANCELLED
    found = sorted(
        [*events.exclude(status=cancelled)[:limit], *events.filter(status=cancelled)[:limit]],
        key=lambda event: (event.start, event.pk),
    )
    items = []
    for event in found:
        item = {
            "title": event.title,
            "url": event.url,
            "date": event.period_display,
            "summary": event.summary,
        }
        if event.is_cancelled or event.is_postponed:
            label = event.get_status_display()  # 中止 or 延期
            note = event.status_note or f"このイベントは{label}になりました。"
            item.update(label=label, note=note, announced_only=event.is_cancelled)
        items.append(item)
    return items
