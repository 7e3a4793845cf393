"""What the event index shows on each tab: upcoming, past, or a month calendar."""

from django.core.paginator import Paginator
from django.utils import timezone

from website.fiscal import JAPAN
from website.models import Forum

from . import dates
from .forms import EventFilterForm
from .models import EventKind
from .month import MonthCalendar


def index_context(index_page, request, *, tab):
    now = timezone.now()
    events = index_page.events()
    kinds = list(EventKind.objects.all())
    forums = list(Forum.objects.all())
    if tab == index_page.TAB_CALENDAR:
        return _calendar_context(request, events, kinds, forums, now)

    events = events.upcoming(now) if tab == index_page.TAB_UPCOMING else events.past(now)
    months = [
        (moment.year, moment.month) for moment in events.datetimes("start", "month", tzinfo=JAPAN)
    ]
    if tab == index_page.TAB_PAST:
        months.reverse()
    filters = EventFilterForm(request.GET or None, kinds=kinds, forums=forums, months=months)
    paginator = Paginator(filters.filter(events).for_listing(), index_page.PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "tab": tab,
        "filters": filters,
        "events": page_obj.object_list,
        "page_obj": page_obj,
        "now": now,
    }


def _calendar_context(request, events, kinds, forums, now):
    today = dates.japan_date(now)
    year, month = dates.parse_month(request.GET.get("month")) or (today.year, today.month)
    filters = EventFilterForm(request.GET or None, kinds=kinds, forums=forums)
    month_events = (
        filters.filter(events).in_month(year, month).for_calendar().order_by("start", "pk")
    )
    return {
        "tab": "calendar",
        "filters": filters,
        "calendar": MonthCalendar(year, month, month_events, today=today),
        "now": now,
    }
