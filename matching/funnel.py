"""The funnel of a fiscal year: matchings considered → concluded → field trial → deployment,
with the conversion rate from each stage to the next. Counted as the KPIs count them
(matching/kpi_sync.py): each stage in the year of its date, a stage beyond the matching's
current one not at all. One query, however many matchings.

Both functions take the stage changes to count (`MatchingStageChange.objects.all()`, or
those of one forum's matchings), so this module does not import the models that show it."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max

from website.fiscal import fiscal_year, fiscal_year_dates
from website.models import Forum

from .choices import PROGRESS, Stage, stage_counts


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


def funnel(changes, year):
    """{"all": [Step…], "national": […], "regional": […]} of `changes` in the fiscal year
    `year`."""
    rows = (
        changes.filter(date__range=fiscal_year_dates(year), stage__in=PROGRESS)
        .values("stage", "matching__stage", "matching__forum__kind")
        .annotate(n=Count("pk"))
    )
    counted = {"all": {}, Forum.Kind.NATIONAL: {}, Forum.Kind.REGIONAL: {}}
    for row in rows:
        if not stage_counts(row["stage"], row["matching__stage"]):
            continue
        for scope in ("all", row["matching__forum__kind"]):
            counted[scope][row["stage"]] = counted[scope].get(row["stage"], 0) + row["n"]
    return {
        "all": steps(counted["all"]),
        "national": steps(counted[Forum.Kind.NATIONAL]),
        "regional": steps(counted[Forum.Kind.REGIONAL]),
    }


def latest_year(changes):
    """The latest fiscal year in which one of `changes` reached a stage, or None."""
    last = changes.filter(stage__in=PROGRESS).aggregate(last=Max("date"))["last"]
    return fiscal_year(last) if last else None
