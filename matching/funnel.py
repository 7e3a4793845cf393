"""The funnel of a fiscal year: matchings considered → concluded → field trial → deployment,
with the conversion rate from each stage to the next. Counted as the KPIs count them
(matching/kpi_sync.py): each stage in the year of its date, a stage beyond the matching's
current one not at all. One query, however many matchings."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max

from website.fiscal import fiscal_year, fiscal_year_dates
from website.models import Forum

from .kpi_sync import counts
from .models import PROGRESS, MatchingStageChange, Stage


@dataclass
class Step:
    stage: str
    label: str
    count: int
    rate: Decimal | None  # percent of the previous step; None for the first or after zero


def steps(counted):
    result = []
    previous = None
    for stage in PROGRESS:
        count = counted.get(stage, 0)
        rate = None
        if previous:
            rate = (Decimal(count) * 100 / previous).quantize(Decimal("1"), ROUND_HALF_UP)
        result.append(Step(stage, Stage(stage).label, count, rate))
        previous = count
    return result


def funnel(year, forum=None):
    """{"all": [Step…], "national": […], "regional": […]} for the fiscal year `year`."""
    changes = MatchingStageChange.objects.filter(
        date__range=fiscal_year_dates(year), stage__in=PROGRESS
    )
    if forum is not None:
        changes = changes.filter(matching__forum=forum)
    rows = changes.values("stage", "matching__stage", "matching__forum__kind").annotate(
        n=Count("pk")
    )
    counted = {"all": {}, Forum.Kind.NATIONAL: {}, Forum.Kind.REGIONAL: {}}
    for row in rows:
        if not counts(row["stage"], row["matching__stage"]):
            continue
        for scope in ("all", row["matching__forum__kind"]):
            counted[scope][row["stage"]] = counted[scope].get(row["stage"], 0) + row["n"]
    return {
        "all": steps(counted["all"]),
        "national": steps(counted[Forum.Kind.NATIONAL]),
        "regional": steps(counted[Forum.Kind.REGIONAL]),
    }


def latest_year(forum=None):
    """The latest fiscal year with a stage reached (the forum's, if given), or None."""
    changes = MatchingStageChange.objects.filter(stage__in=PROGRESS)
    if forum is not None:
        changes = changes.filter(matching__forum=forum)
    last = changes.aggregate(last=Max("date"))["last"]
    return fiscal_year(last) if last else None
