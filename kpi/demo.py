"""Demo content for the KPIs: the plan's indicators and figures, the dashboard page, and
FY2021 municipal-support activities entered by hand (a consultation and a support meeting;
the matchings, field trials and deployments are recorded by the matchings demo).

Idempotent: indicators by code, the page by its slug under the home page, activities by
(title, date) among the hand-entered ones. School lessons and workshops come from the events
and lessons demo, which record their activities themselves.
"""

import datetime

from django.apps import apps

from website.models import Forum, Prefecture

from .models import (
    Activity,
    ActivityKind,
    ActivityMunicipality,
    Indicator,
    KpiDashboardPage,
)
from .plan import load_plan

D = datetime.date
K = ActivityKind

# (date, kind, forum slug, title, participants, [(prefecture, municipality name or "")])
FY2021_ACTIVITIES = [
    (
        D(2021, 11, 18),
        K.CONSULTATION,
        "kyushu",
        "よろず相談：小規模橋梁の長寿命化修繕計画",
        3,
        [("長崎県", "五島市")],
    ),
    (
        D(2021, 12, 8),
        K.MUNICIPAL_SUPPORT,
        "municipal-support",
        "自治体職員向けインフラメンテナンス技術相談会",
        42,
        [("北海道", "伊達市"), ("福島県", "伊達市"), ("北海道", "")],
    ),
]

# Events held record their own activity (events/kpi_sync.py); the demo only names the
# municipalities those activities involved. (title, date): [(prefecture, municipality)]
EVENT_MUNICIPALITIES = {
    ("実証実験：ドローンによる橋梁点検の現場試行", D(2021, 8, 24)): [("大阪府", "堺市")],
}


def ensure_dashboard_page(home):
    page = KpiDashboardPage.objects.child_of(home).first()
    if page is None:
        page = KpiDashboardPage(title="KPI（目標と実績）", slug="kpi", show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def ensure_activities():
    forums = {forum.slug: forum for forum in Forum.objects.all()}
    prefectures = {prefecture.name: prefecture for prefecture in Prefecture.objects.all()}
    created_count = 0
    for date, kind, forum_slug, title, participants, municipalities in FY2021_ACTIVITIES:
        activity, created = Activity.objects.get_or_create(
            title=title,
            date=date,
            source_object_id="",
            defaults={"kind": kind, "forum": forums.get(forum_slug), "participants": participants},
        )
        if created:
            created_count += 1
            ActivityMunicipality.objects.bulk_create(
                ActivityMunicipality(
                    activity=activity, prefecture=prefectures[prefecture], name=name, sort_order=i
                )
                for i, (prefecture, name) in enumerate(municipalities)
            )
    return created_count


def name_event_municipalities():
    """Name the municipalities of the demo's held events, whose activities the events record
    themselves (events/kpi_sync.py). Run after the events demo."""
    prefectures = {prefecture.name: prefecture for prefecture in Prefecture.objects.all()}
    named = 0
    for (title, date), municipalities in EVENT_MUNICIPALITIES.items():
        recorded = Activity.objects.exclude(source_object_id="")
        activity = recorded.filter(title=title, date=date).first()
        if activity is None or activity.municipalities.exists():
            continue
        ActivityMunicipality.objects.bulk_create(
            ActivityMunicipality(
                activity=activity, prefecture=prefectures[prefecture], name=name, sort_order=i
            )
            for i, (prefecture, name) in enumerate(municipalities)
        )
        named += 1
    if named:
        # bulk_create() sends no signals: the kept figures and pages must follow.
        from website.cache import invalidate_page_cache

        from .counting import figures_changed

        figures_changed()
        invalidate_page_cache("kpi")
    return named


def load(home, stdout=None):
    load_plan(apps)
    page = ensure_dashboard_page(home)
    created = ensure_activities()
    if stdout:
        stdout.write(
            f"KPI: 指標 {Indicator.objects.count()} 件、手入力の活動 {created} 件を追加、"
            f"ダッシュボード {page.url}"
        )
    return page
