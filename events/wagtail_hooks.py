from django.urls import reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from website.sections import Section, index_page

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
def home_upcoming_events(request, page):
    events = EventPage.objects.visible().upcoming().for_listing()[:HOME_EVENT_COUNT]
    return Section(
        "events/sections/home_upcoming.html",
        {"events": events, "index_page": index_page(request, EventIndexPage)},
    )


@hooks.register("website_forum_sections", order=30)
def forum_events(request, forum):
    visible = EventPage.objects.visible().filter(forum=forum)
    return Section(
        "events/sections/forum_events.html",
        {
            "forum": forum,
            "events": visible.upcoming().for_listing()[:FORUM_EVENT_COUNT],
            "held_count": visible.held().count(),
            "index_page": index_page(request, EventIndexPage),
        },
    )


@hooks.register("kpi_incomplete_records")
def events_missing_report():
    """Held events still waiting for a participant count or a report."""
    events = (
        EventPage.objects.live()
        .missing_report()
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
