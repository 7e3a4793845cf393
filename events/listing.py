"""What the event index shows on each tab: upcoming, past, or a month calendar."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from website import dates
from website.fragments import remember
from website.listing import in_order, kept_cards, kept_page, read_when_used
from website.models import Forum

from .forms import EventFilterForm
from .models import EventKind, EventPage
from .month import MonthCalendar


def index_context(index_page, request, *, tab):
    """What the tab shows; the list itself is only worked out when its markup is not kept
    (the template keeps it per tab, day and query string)."""
    now = timezone.now()
    today = dates.japan_date(now)
    if tab == index_page.TAB_CALENDAR:
        context = _calendar_context(request, index_page, today)
    else:
        context = read_when_used(
            lambda: _list_context(request, index_page, tab, now),
            ["filters", "event_cards", "events", "page_obj"],
        )
    return {**context, "tab": tab, "now": now, "today": today}


def _filter_choices(request):
    return remember(
        request,
        "event-filter-choices",
        lambda: (list(EventKind.objects.all()), list(Forum.objects.all())),
    )


def _list_context(request, index_page, tab, now):
    kinds, forums = _filter_choices(request)

    def listed():
        events = index_page.events()
        return events.upcoming(now) if tab == index_page.TAB_UPCOMING else events.past(now)

    def find_months():
        months = [
            (moment.year, moment.month)
            for moment in listed().datetimes("start", "month", tzinfo=dates.JAPAN)
        ]
        return months[::-1] if tab == index_page.TAB_PAST else months

    months = remember(request, f"event-months:{index_page.pk}:{tab}", find_months)
    filters = EventFilterForm(request.GET or None, kinds=kinds, forums=forums, months=months)
    filters_key = ":".join(filters.selected(name) for name in filters.fields)
    page_obj = kept_page(
        request,
        f"events:{index_page.pk}:{tab}:{filters_key}",
        lambda: filters.filter(listed()).for_listing(),
        request.GET.get("page"),
        index_page.PER_PAGE,
    )
    ids = page_obj.object_list

    def load(some_ids):
        return EventPage.objects.filter(pk__in=some_ids).for_listing()

    return {
        "filters": filters,
        "event_cards": kept_cards(
            request,
            ids,
            key="event-card:{pk}:h3",
            scopes=("registrations",),
            load=load,
            template="events/includes/event_card.html",
            name="event",
            heading="h3",
        ),
        # The page's events themselves, read only if a template asks for them.
        "events": SimpleLazyObject(lambda: in_order(load(ids), ids)),
        "page_obj": page_obj,
    }


def _calendar_context(request, index_page, today):
    year, month = dates.parse_month(request.GET.get("month")) or (today.year, today.month)

    def filter_form():
        kinds, forums = _filter_choices(request)
        return EventFilterForm(request.GET or None, kinds=kinds, forums=forums)

    filters = SimpleLazyObject(filter_form)

    def month_calendar():
        month_events = filters.filter(index_page.events()).in_month(year, month)
        return MonthCalendar(
            year, month, month_events.for_calendar().order_by("start", "pk"), today=today
        )

    return {
        "filters": filters,
        "calendar": SimpleLazyObject(month_calendar),
        "calendar_label": dates.month_label(year, month),
        "calendar_value": dates.month_value(year, month),
    }
