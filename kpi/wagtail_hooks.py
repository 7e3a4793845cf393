from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from website.exports import ExcelExportMixin
from website.fiscal import current_fiscal_year
from website.sections import Section, index_page, shows
from website.teams import ForumFilterMixin, ForumOwnedPermissionPolicy, ForumOwnedSnippetViewSet

from .admin_forms import ActivityAdminForm, EnteredFigureAdminForm, IndicatorAdminForm
from .counting import year_is_over
from .models import (
    CITIZEN_PARTICIPATION_CODE,
    Activity,
    EnteredFigure,
    Indicator,
    KpiDashboardPage,
)
from .panels import KpiSummaryPanel, RecordedAutomaticallyNotice

# A forum's editors see and change their forum's figures and activities only.
register_permission_policy(EnteredFigure, ForumOwnedPermissionPolicy(EnteredFigure))
register_permission_policy(Activity, ForumOwnedPermissionPolicy(Activity))


class KpiIndexView(ForumFilterMixin, ExcelExportMixin, SnippetViewSet.index_view_class):
    pass


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = "KPI指標"
    list_display = ["name", "code", "area", "unit", "method", "sort_order"]
    list_filter = ["area", "method"]
    search_fields = ["name", "code", "description"]
    search_backend_name = None
    list_export = ["code", "name", "area", "unit", "method", "description", "sort_order"]
    ordering = ["sort_order", "pk"]
    copy_view_enabled = False
    edit_handler = ObjectList(Indicator.panels, base_form_class=IndicatorAdminForm)


class EnteredFigureViewSet(ForumOwnedSnippetViewSet):
    model = EnteredFigure
    icon = "form"
    menu_label = "KPIの入力値"
    list_display = [
        "indicator",
        Column("fiscal_year_label", label="年度"),
        Column("scope_label", label="範囲"),
        Column("value_label", label="数値"),
        "source",
    ]
    list_filter = ["indicator", "fiscal_year", "scope"]
    search_fields = ["indicator__name", "source", "note"]
    search_backend_name = None
    list_export = ["indicator", "fiscal_year", "scope_label", "value", "source", "note"]
    export_headings = {"scope_label": "範囲", "value": "数値"}
    ordering = ["-fiscal_year", "indicator__sort_order", "scope"]
    edit_handler = ObjectList(EnteredFigure.panels, base_form_class=EnteredFigureAdminForm)
    index_view_class = KpiIndexView
    related = ("indicator", "forum")


class ActivityViewSet(ForumOwnedSnippetViewSet):
    model = Activity
    icon = "tasks"
    menu_label = "活動実績"
    list_display = [
        "title",
        "date",
        Column("get_kind_display", label="種類"),
        "forum",
        "participants",
        Column("recorded_from_label", label="記録元"),
    ]
    list_filter = ["kind", "forum"]
    search_fields = ["title", "notes"]
    search_backend_name = None
    list_export = ["date", "title", "kind", "forum", "participants", "recorded_from_label"]
    export_headings = {"recorded_from_label": "記録元"}
    ordering = ["-date", "-pk"]
    copy_view_enabled = False
    index_view_class = KpiIndexView
    related = ("forum", "source_content_type")
    edit_handler = ObjectList(
        [RecordedAutomaticallyNotice(heading="自動記録"), *Activity.panels],
        base_form_class=ActivityAdminForm,
    )


class KpiViewSetGroup(SnippetViewSetGroup):
    menu_label = "KPI"
    menu_icon = "table"
    menu_order = 250
    items = (IndicatorViewSet, EnteredFigureViewSet, ActivityViewSet)


register_snippet(KpiViewSetGroup)


@hooks.register("website_home_sections", order=50)
@shows("kpi")
def home_citizen_participation_kpi(request, page):
    year = Indicator.objects.latest_reported_year(code=CITIZEN_PARTICIPATION_CODE)
    result, as_of = Indicator.objects.cached_result(CITIZEN_PARTICIPATION_CODE, year)
    if result is None:
        return None
    dashboard = index_page(request, KpiDashboardPage)
    return Section(
        "kpi/sections/home_kpi.html",
        {
            "result": result,
            "as_of": as_of,
            "year_is_over": year_is_over(year, as_of),
            "current_year": current_fiscal_year(as_of),
            "dashboard_url": dashboard.get_url(request) if dashboard else None,
        },
    )


@hooks.register("forum_team_permissions")
def forum_editors_enter_their_figures():
    """A forum's editors keep its activities and entered figures (their forum's only)."""
    return [
        f"kpi.{action}_{model}"
        for model in ("activity", "enteredfigure")
        for action in ("add", "change", "delete", "view")
    ]


@hooks.register("construct_homepage_panels")
def add_kpi_summary_panel(request, panels):
    panels.append(KpiSummaryPanel())


@hooks.register("website_demo_content", order=30)
def load_kpi_demo(home, stdout):
    from .demo import load

    load(home, stdout)


@hooks.register("website_demo_content", order=45)
def name_kpi_demo_event_municipalities(home, stdout):
    """After the events demo (order 40), whose held events record their activities."""
    from .demo import name_event_municipalities

    name_event_municipalities()
