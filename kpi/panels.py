"""Pieces of the Wagtail admin: the home-page KPI panel and the notice on recorded activities."""

import datetime
import logging

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.panels import Panel
from wagtail.admin.ui.components import Component

from website.dates import japan_date
from website.fiscal import current_fiscal_year, fiscal_year_full_label

from .models import (
    CITIZEN_PARTICIPATION_CODE,
    Activity,
    EnteredFigure,
    Indicator,
    KpiDashboardPage,
)

INCOMPLETE_RECORDS_SHOWN = 10

logger = logging.getLogger("sankaku.kpi")


def _day(value):
    if isinstance(value, datetime.datetime):
        return japan_date(value) if value.tzinfo else value.date()
    return value


def incomplete_records(user):
    """What the `kpi_incomplete_records` hooks report for the user, newest first; None when
    the user may open no such record at all (then "none missing" would not be true).

    Each hook is called with the user and lists only records the user may open (the same
    scoping as the admin view its link leads to: a forum's editors see their forum's only),
    or returns None when the user may open none of its kind.
    A failing hook is logged and skipped: the admin home page must open for every editor.
    """
    items = None
    for list_records in hooks.get_hooks("kpi_incomplete_records"):
        try:
            records = list_records(user)
        except Exception:
            logger.exception("kpi_incomplete_records hook %r failed", list_records)
            continue
        if records is not None:
            items = (items or []) + list(records)
    if items is None:
        return None
    items = [{**item, "date": _day(item.get("date"))} for item in items]
    items.sort(key=lambda item: (item["date"] is not None, item["date"]), reverse=True)
    return items


def listing_url_for(user, model):
    """The snippet listing's URL, for a user who may open it (any of its permissions)."""
    policy = model.snippet_viewset.permission_policy
    if not policy.user_has_any_permission(user, ["add", "change", "delete", "view"]):
        return None
    return reverse(model.snippet_viewset.get_url_name("list"))


class KpiSummaryPanel(Component):
    name = "kpi_summary"
    template_name = "kpi/admin/home_panel.html"
    order = 150

    def __init__(self, now=None):
        self.now = now

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        # The year the public dashboard opens on: the latest with a figure, not a new fiscal
        # year that has nothing recorded yet (even when its targets are set).
        year = Indicator.objects.latest_reported_year(self.now)
        current = current_fiscal_year(self.now)
        report = Indicator.objects.report(year, now=self.now)
        citizen = report.get(CITIZEN_PARTICIPATION_CODE)
        items = incomplete_records(request.user)
        dashboard = KpiDashboardPage.objects.visible().first()
        return {
            "heading": f"KPI（{fiscal_year_full_label(year)}）",
            "year": year,
            "current_year": current if current != year else None,
            "citizen": citizen,
            "others": [result for result in report.top_level if result is not citizen],
            "shows_incomplete": items is not None,
            "incomplete": (items or [])[:INCOMPLETE_RECORDS_SHOWN],
            "incomplete_more": max(len(items or []) - INCOMPLETE_RECORDS_SHOWN, 0),
            "dashboard_url": dashboard.get_url(request) if dashboard else None,
            "activities_url": listing_url_for(request.user, Activity),
            "figures_url": listing_url_for(request.user, EnteredFigure),
            "request": request,
        }


class RecordedAutomaticallyNotice(Panel):
    """Tells editors that an activity belongs to an event or a booking, and where to change it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "kpi/admin/recorded_notice.html"

        def is_shown(self):
            return bool(self.instance and self.instance.is_recorded_automatically)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            source = self.instance.source
            context["source"] = source
            context["source_edit_url"] = (
                AdminURLFinder(self.request.user).get_edit_url(source) if source else None
            )
            return context
