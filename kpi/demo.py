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
    EnteredFigure,
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

# Matching activities earlier demos entered by hand. The matchings demo (matching/demo.py)
# records them from its matchings' stages now, so these counted twice: a database loaded
# before drops them. (date, title)
ENTERED_MATCHINGS_BEFORE = [
    (D(2021, 5, 20), "郡山市の橋梁点検の効率化に関するマッチング検討"),
    (D(2021, 6, 15), "仙台市の下水道管路調査技術に関するマッチング検討"),
    (D(2021, 6, 30), "第3回ニーズ調査：道路附属物の点検に関するマッチング検討"),
    (D(2021, 7, 20), "恵那市の道路舗装の維持管理に関するマッチング検討"),
    (D(2021, 9, 10), "堺市の橋梁点検技術のマッチング成立"),
    (D(2021, 10, 26), "ピッチイベント（福岡）後の個別マッチング検討"),
    (D(2021, 11, 30), "SAR衛星による河川堤防の変位モニタリングの現場試行"),
    (D(2022, 1, 20), "恵那市の舗装点検アプリ導入に向けたマッチング成立"),
    (D(2022, 2, 15), "ピッチイベント（長崎）後のマッチング検討"),
    (D(2022, 3, 25), "堺市におけるドローン橋梁点検の本格導入"),
    (D(2022, 3, 31), "補修・点検技術の屋外での技術紹介と現場試行"),
]

# Events held record their own activity (events/kpi_sync.py); the demo only names the
# municipalities those activities involved. (title, date): [(prefecture, municipality)]
EVENT_MUNICIPALITIES = {
    ("実証実験：ドローンによる橋梁点検の現場試行", D(2021, 8, 24)): [("大阪府", "堺市")],
}

DEMO_MEMBERS_NOTE = "デモ用の仮の値です（実際の会員数ではありません）。"


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


def merge_activities_recorded_twice():
    """Earlier demos entered the drone field trial by hand although its event page records it
    too: it counted twice (issue #23). Drop a hand-entered activity that repeats a recorded
    one (same title and date), giving its municipalities to the recorded one; then name the
    municipalities of the demo's recorded events. Run after the events demo."""
    prefectures = {prefecture.name: prefecture for prefecture in Prefecture.objects.all()}
    recorded = Activity.objects.exclude(source_object_id="")
    removed = 0
    for activity in recorded:
        copies = Activity.objects.filter(
            title=activity.title, date=activity.date, source_object_id=""
        )
        for copy in copies:
            if not activity.municipalities.exists():
                copy.municipalities.update(activity=activity)
            copy.delete()
            removed += 1
        wanted = EVENT_MUNICIPALITIES.get((activity.title, activity.date), [])
        if wanted and not activity.municipalities.exists():
            ActivityMunicipality.objects.bulk_create(
                ActivityMunicipality(
                    activity=activity, prefecture=prefectures[prefecture], name=name, sort_order=i
                )
                for i, (prefecture, name) in enumerate(wanted)
            )
    # update() and bulk_create() send no signals: the kept figures and pages must follow.
    from website.cache import invalidate_page_cache

    from .counting import figures_changed

    figures_changed()
    invalidate_page_cache("kpi")
    return removed


def remove_matchings_entered_by_hand():
    """Drop the hand-entered copies of what the matchings demo records (see above)."""
    removed = 0
    for date, title in ENTERED_MATCHINGS_BEFORE:
        _, deleted = Activity.objects.filter(title=title, date=date, source_object_id="").delete()
        removed += deleted.get(Activity._meta.label, 0)
    if removed:
        from website.cache import invalidate_page_cache

        from .counting import figures_changed

        figures_changed()
        invalidate_page_cache("kpi")
    return removed


def remove_demo_membership_figure():
    """FY2021's 行政会員である自治体数 is computed from the demo register now (members/demo.py);
    a database loaded before that still holds the placeholder typed in for it."""
    EnteredFigure.objects.filter(
        indicator__code="municipal-members", fiscal_year=2021, note=DEMO_MEMBERS_NOTE
    ).delete()


def load(home, stdout=None):
    load_plan(apps)
    page = ensure_dashboard_page(home)
    created = ensure_activities()
    remove_matchings_entered_by_hand()
    remove_demo_membership_figure()
    if stdout:
        stdout.write(
            f"KPI: 指標 {Indicator.objects.count()} 件、手入力の活動 {created} 件を追加、"
            f"ダッシュボード {page.url}"
        )
    return page
