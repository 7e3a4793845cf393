"""Every KPI figure of a fiscal year, in a fixed handful of queries.

    report = Indicator.objects.report(2021)            # kpi.models calls build_report
    report.get("lessons-and-workshops").total          # Decimal("4")
    report.get("lessons-and-workshops").national       # national forums only
    report.get("lessons-and-workshops").for_forum(forum)

The rules, in the words the dashboard uses:
- The fiscal year runs from April 1 to March 31; an activity belongs to the year of its date
  (a Japan-time date).
- When an indicator has any entered figure for a year, that year's figures of the indicator
  are the entered ones (a historical year, a figure from another source); scopes without an
  entered figure show nothing. Otherwise the figure is counted from the activities:
  (a) the number of activities of the indicator's kinds, (b) the number of distinct
  municipalities (prefecture + name) named in them, (c) a ratio of another indicator's figure
  to a denominator, (d) nothing (an indicator that only has entered figures).
- Activities without a forum count in the total only; national and regional totals add up
  the forums of that kind.
- Years before the indicator's `counted_from` year are not counted (they show "—").
- A year in which no activity that any indicator counts was recorded has no counted figures
  (「未集計」, not 0): nobody recorded that year's work on the site yet. In a year with such
  activities, an indicator none of them counts is a real 0. Whether a year has figures at all
  (an entered one or such an activity) is `years_with_figures`, the one rule that both the
  report and the year the dashboard opens on (`Indicator.objects.latest_reported_year`) ask.
- Each figure says how it was obtained (`Figures.basis`: typed in, counted from activities,
  computed from the register); a change from the previous year obtained another way says so.

Queries: indicators, targets, forums, entered figures, one GROUP BY over activities and one
DISTINCT over the municipalities they name; the number of activities never adds a query.
"""

import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone

from website.fiscal import fiscal_year, fiscal_year_dates, fiscal_year_label
from website.models import Forum

from . import computed

COUNTED = "counted"
ENTERED = "entered"
RATIO = "ratio"
COMPUTED = "computed"

SOURCE_LABELS = {
    COUNTED: "活動の集計",
    ENTERED: "入力値",
    RATIO: "割合の計算",
    COMPUTED: "計算",
}

# How a figure was obtained, in the words of the note beside a change from the previous year.
BASIS_LABELS = {
    ENTERED: "資料から入力した数値",
    COUNTED: "活動の記録から数えた数値",
}


@dataclass
class Figures:
    """The figures of one indicator in one fiscal year; None where there is no figure."""

    total: Decimal | None = None
    national: Decimal | None = None
    regional: Decimal | None = None
    by_forum: dict = field(default_factory=dict)
    source: str | None = None
    entered: list = field(default_factory=list)
    # Where a computed figure (or the numerator of a ratio) comes from: "会員名簿".
    computed_from: str = ""
    # How the figure was obtained (ENTERED, COUNTED or COMPUTED); a ratio's is its numerator's.
    basis: str | None = None

    def __post_init__(self):
        if self.basis is None and self.source != RATIO:
            self.basis = self.source

    @property
    def is_recorded(self):
        """Whether there is anything for the year: otherwise it is 「未集計」, not 0."""
        return self.source is not None

    @property
    def basis_label(self):
        if self.computed_from:
            return f"{self.computed_from}から計算した数値"
        return BASIS_LABELS.get(self.basis, "")

    @property
    def source_label(self):
        if self.computed_from:
            return f"{self.computed_from}から計算"
        return SOURCE_LABELS.get(self.source, "未集計")

    @property
    def entered_sources(self):
        return list(dict.fromkeys(f.source for f in self.entered if f.source))

    @property
    def entered_notes(self):
        return list(dict.fromkeys(f.note for f in self.entered if f.note))

    def scope(self, name):
        return getattr(self, name)


@dataclass
class IndicatorResult:
    indicator: object  # kpi.models.Indicator
    year: int
    current: Figures
    previous: Figures
    target: Decimal | None = None
    children: list = field(default_factory=list)

    @property
    def is_breakdown(self):
        return self.indicator.parent_id is not None

    @property
    def total(self):
        return self.current.total

    @property
    def national(self):
        return self.current.national

    @property
    def regional(self):
        return self.current.regional

    @property
    def previous_total(self):
        return self.previous.total

    @property
    def is_recorded(self):
        return self.current.is_recorded

    @property
    def previous_is_recorded(self):
        return self.previous.is_recorded

    @property
    def counted_differently(self):
        """Both years have a total, obtained in different ways (typed in from the plan, counted
        from activities, computed from the register): the change is no like-for-like one."""
        if self.total is None or self.previous_total is None:
            return False
        return self.current.basis != self.previous.basis

    @property
    def change_basis(self):
        """Which year was obtained how, when the two differ: '2020年度は資料から入力した数値、
        2021年度は活動の記録から数えた数値'."""
        if not self.counted_differently:
            return ""
        return (
            f"{fiscal_year_label(self.year - 1)}は{self.previous.basis_label}、"
            f"{fiscal_year_label(self.year)}は{self.current.basis_label}"
        )

    @property
    def change_note(self):
        """The words beside such a change."""
        if not self.counted_differently:
            return ""
        return f"前年度と数え方が違うため、そのままは比べられません（{self.change_basis}）。"

    def for_forum(self, forum):
        return self.current.by_forum.get(getattr(forum, "pk", forum))

    @property
    def percent(self):
        """Share of the target reached, in whole percent (may exceed 100)."""
        if self.total is None or not self.target:
            return None
        return (self.total / self.target * 100).quantize(Decimal("1"), ROUND_HALF_UP)

    @property
    def meter_value(self):
        return min(self.percent, Decimal(100)) if self.percent is not None else None

    def change(self, scope="total"):
        now, before = self.current.scope(scope), self.previous.scope(scope)
        if now is None or before is None:
            return None
        return now - before

    @property
    def total_change(self):
        return self.change("total")

    @property
    def breakdown_mismatch(self):
        """The scopes where the breakdown rows do not add up to this row, when they should."""
        if not (self.indicator.children_add_up and self.children):
            return []
        mismatched = []
        for scope in ("total", "national", "regional"):
            parts = [child.current.scope(scope) for child in self.children]
            whole = self.current.scope(scope)
            if whole is None or any(part is None for part in parts):
                continue
            if sum(parts) != whole:
                mismatched.append(scope)
        return mismatched


def year_is_over(year, as_of):
    """Whether fiscal year `year` had ended (in Japan) at the moment `as_of`."""
    return fiscal_year(as_of) > year


@dataclass
class YearReport:
    year: int
    as_of: object
    results: list
    forums: list
    counted_kinds: frozenset = frozenset()
    counts_every_kind: bool = False
    # Whether any activity an indicator counts was recorded in the year: then a count of 0
    # is a real 0.
    counts_activities: bool = False
    # Whether anything was recorded for the year: an entered figure or a counted activity
    # (years_with_figures). A figure computed from the register alone (there for every year)
    # is not a record of the year.
    has_records: bool = False

    def get(self, code):
        return next((result for result in self.results if result.indicator.code == code), None)

    @property
    def is_over(self):
        """The fiscal year had ended (in Japan) when the figures were read."""
        return year_is_over(self.year, self.as_of)

    @property
    def has_targets(self):
        """Whether the plan set a target for any indicator in the report's year."""
        return any(result.target is not None for result in self.results)

    @property
    def change_notes(self):
        """[(which year was obtained how, [names of the indicators])] of the changes from the
        previous year that are no like-for-like ones, for the table's footnote."""
        notes = {}
        for result in self.results:
            if result.change_basis:
                notes.setdefault(result.change_basis, []).append(result.indicator.name)
        return list(notes.items())

    @property
    def expects_activities(self):
        """Whether some figure of the year is to be counted from activities (not a year whose
        figures are all typed in, or one before counting started)."""
        return any(
            result.indicator.is_counted_from_activities
            and self.year >= result.indicator.counted_from
            and result.current.source != ENTERED
            for result in self.results
        )

    @property
    def computed_sources(self):
        """Where this year's computed figures come from ("会員名簿"), each once."""
        return list(
            dict.fromkeys(r.current.computed_from for r in self.results if r.current.computed_from)
        )

    @property
    def top_level(self):
        return [result for result in self.results if not result.is_breakdown]

    @property
    def entered_sources(self):
        """Each distinct source named by this year's entered figures, for the footnote."""
        sources = [source for r in self.results for source in r.current.entered_sources]
        return list(dict.fromkeys(sources))

    def forum_table(self):
        """(results with per-forum figures, [(forum, [figure per result])])."""
        columns = [
            result
            for result in self.results
            if any(value is not None for value in result.current.by_forum.values())
        ]
        rows = [(forum, [result.for_forum(forum) for result in columns]) for forum in self.forums]
        return columns, rows


def counts_activity(indicator, fiscal_year, kind, names_municipality):
    """Whether `indicator` counts an activity of `kind` dated in `fiscal_year`, which names a
    local government or not."""
    if fiscal_year < indicator.counted_from:
        return False
    if indicator.method == indicator.Method.ACTIVITY_COUNT:
        return kind in indicator.activity_kinds
    if indicator.method == indicator.Method.MUNICIPALITY_COUNT:
        return names_municipality and (
            not indicator.activity_kinds or kind in indicator.activity_kinds
        )
    return False


def years_with_figures(indicators, activities, entered_years=()):
    """The fiscal years with figures: those with an entered figure, and those with an activity
    one of `indicators` counts. `activities` are (fiscal year, kind, whether it names a local
    government) of the activities recorded. A target alone, or a figure computed from the
    register (there for every year), makes no year one with figures.

    The one rule behind 「未集計」 (build_report) and the year the dashboard opens on
    (Indicator.objects.latest_reported_year): the two cannot disagree.
    """
    years = set(entered_years)
    years.update(
        year
        for year, kind, names_municipality in activities
        if any(counts_activity(i, year, kind, names_municipality) for i in indicators)
    )
    return years


def fiscal_year_case(year, date_field="date"):
    """SQL: the fiscal year (`year` or the one before) of a date in those two years."""
    start, _ = fiscal_year_dates(year)
    return Case(
        When(**{f"{date_field}__gte": start}, then=Value(year)),
        default=Value(year - 1),
        output_field=IntegerField(),
    )


def _two_year_range(year):
    return fiscal_year_dates(year - 1)[0], fiscal_year_dates(year)[1]


def normalize_municipality_name(name):
    """The key that makes '堺市', ' 堺市' and the full-width variants one municipality."""
    return unicodedata.normalize("NFKC", name or "").strip()


class _Counter:
    """Counts activities and municipalities for a year and the one before, then answers
    each indicator from memory; `computed_values` are the figures other apps computed."""

    def __init__(self, year, indicators, forums, activities, municipalities, computed_values):
        # `indicators` are all of them, even for a report of a few: whether a year has any
        # counted activity does not depend on which indicators a report shows.
        self.year = year
        self.computed_values = computed_values
        self.forum_kinds = {forum.pk: forum.kind for forum in forums}
        self.forum_ids = [forum.pk for forum in forums]
        self.activity_counts = self._count_activities(indicators, activities)
        self.municipality_rows = self._municipality_rows(indicators, municipalities)
        self.activity_facts = self._activity_facts()
        self.years_with_activities = years_with_figures(indicators, self.activity_facts)

    def _activity_facts(self):
        """{(fiscal year, kind, whether it names a local government)} of the activities read.
        A row of counts says nothing of local governments; the municipality rows are the
        activities that name one."""
        facts = {(fy, kind, False) for fy, kind, _forum, _count in self.activity_counts}
        facts.update((fy, kind, True) for fy, kind, _forum, _place in self.municipality_rows)
        return facts

    def counts_in(self, fiscal_year):
        return fiscal_year in self.years_with_activities

    def _count_activities(self, indicators, activities):
        kinds = {
            kind
            for indicator in indicators
            if indicator.method == indicator.Method.ACTIVITY_COUNT
            for kind in indicator.activity_kinds
        }
        if not kinds:
            return []
        rows = (
            activities.filter(date__range=_two_year_range(self.year), kind__in=kinds)
            .annotate(fiscal_year=fiscal_year_case(self.year))
            .order_by()
            .values("fiscal_year", "kind", "forum_id")
            .annotate(count=Count("pk"))
        )
        return [(row["fiscal_year"], row["kind"], row["forum_id"], row["count"]) for row in rows]

    def _municipality_rows(self, indicators, municipalities):
        counted = [i for i in indicators if i.method == i.Method.MUNICIPALITY_COUNT]
        if not counted:
            return []
        rows = municipalities.filter(activity__date__range=_two_year_range(self.year))
        if all(indicator.activity_kinds for indicator in counted):
            kinds = {kind for indicator in counted for kind in indicator.activity_kinds}
            rows = rows.filter(activity__kind__in=kinds)
        rows = (
            rows.annotate(fiscal_year=fiscal_year_case(self.year, "activity__date"))
            .order_by()
            .values_list(
                "fiscal_year", "activity__kind", "activity__forum_id", "prefecture_id", "name"
            )
            .distinct()
        )
        return [
            (fy, kind, forum_id, (prefecture_id, normalize_municipality_name(name)))
            for fy, kind, forum_id, prefecture_id, name in rows
        ]

    def _split(self, per_forum_values, combine):
        national = [v for f, v in per_forum_values.items() if self._is(f, Forum.Kind.NATIONAL)]
        regional = [v for f, v in per_forum_values.items() if self._is(f, Forum.Kind.REGIONAL)]
        return combine(national), combine(regional)

    def _is(self, forum_id, kind):
        return self.forum_kinds.get(forum_id) == kind

    def activity_count(self, indicator, fiscal_year):
        kinds = set(indicator.activity_kinds)
        total = 0
        per_forum = Counter({forum_id: 0 for forum_id in self.forum_ids})
        for fy, kind, forum_id, count in self.activity_counts:
            if fy == fiscal_year and kind in kinds:
                total += count
                if forum_id in per_forum:
                    per_forum[forum_id] += count
        national, regional = self._split(per_forum, sum)
        return Figures(
            total=Decimal(total),
            national=Decimal(national),
            regional=Decimal(regional),
            by_forum={forum_id: Decimal(n) for forum_id, n in per_forum.items()},
            source=COUNTED,
        )

    def municipality_count(self, indicator, fiscal_year):
        kinds = set(indicator.activity_kinds)
        everything = set()
        per_forum = {forum_id: set() for forum_id in self.forum_ids}
        for fy, kind, forum_id, municipality in self.municipality_rows:
            if fy != fiscal_year or (kinds and kind not in kinds):
                continue
            everything.add(municipality)
            if forum_id in per_forum:
                per_forum[forum_id].add(municipality)
        national, regional = self._split(per_forum, lambda sets: len(set().union(*sets)))
        return Figures(
            total=Decimal(len(everything)),
            national=Decimal(national),
            regional=Decimal(regional),
            by_forum={forum_id: Decimal(len(found)) for forum_id, found in per_forum.items()},
            source=COUNTED,
        )


# Which figure an entered figure fills in, by its scope (EnteredFigure.Scope); a forum's
# goes to `by_forum`.
SCOPE_FIGURES = {"all": "total", "national": "national", "regional": "regional"}


def _entered(figures):
    result = Figures(source=ENTERED, entered=sorted(figures, key=lambda f: (f.scope, f.pk)))
    for figure in figures:
        if figure.scope == figure.Scope.FORUM:
            result.by_forum[figure.forum_id] = figure.value
        else:
            setattr(result, SCOPE_FIGURES[figure.scope], figure.value)
    return result


def _ratio(numerator, denominator):
    def divide(value):
        if value is None:
            return None
        return (value / denominator * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)

    if numerator.source is None:
        return Figures()
    return Figures(
        total=divide(numerator.total),
        national=divide(numerator.national),
        regional=divide(numerator.regional),
        by_forum={forum_id: divide(value) for forum_id, value in numerator.by_forum.items()},
        source=RATIO,
        computed_from=numerator.computed_from,
        basis=numerator.basis,
    )


def _computed_values(indicators, years, entered):
    """{(indicator pk, fiscal year): figure or None} of the computed indicators, in the
    years without an entered figure: each computation asked once for all the years."""
    values = {}
    for indicator in indicators:
        computation = computed.get(indicator.code)
        if computation is None:
            continue
        wanted = [year for year in years if not entered.get((indicator.pk, year))]
        for year, value in computation.values(wanted).items():
            values[(indicator.pk, year)] = value
    return values


def _figures(indicator, fiscal_year, counter, entered, by_id, cache):
    key = (indicator.pk, fiscal_year)
    if key in cache:
        return cache[key]
    method = indicator.Method
    computation = computed.get(indicator.code)
    value = counter.computed_values.get(key)
    if entered.get(key):
        figures = _entered(entered[key])
    elif value is not None:
        figures = Figures(total=value, source=COMPUTED, computed_from=computation.label)
    elif indicator.method == method.RATIO:
        numerator = by_id.get(indicator.numerator_id)
        if numerator is None or numerator.method == method.RATIO or not indicator.denominator:
            figures = Figures()
        else:
            figures = _ratio(
                _figures(numerator, fiscal_year, counter, entered, by_id, cache),
                indicator.denominator,
            )
    elif indicator.method == method.ENTERED or fiscal_year < indicator.counted_from:
        figures = Figures()
    elif not counter.counts_in(fiscal_year):
        # Nothing of the year recorded yet: no figure, not a count of 0.
        figures = Figures()
    elif indicator.method == method.ACTIVITY_COUNT:
        figures = counter.activity_count(indicator, fiscal_year)
    else:
        figures = counter.municipality_count(indicator, fiscal_year)
    cache[key] = figures
    return figures


def _display_order(indicators):
    children = defaultdict(list)
    for indicator in indicators:
        if indicator.parent_id is not None:
            children[indicator.parent_id].append(indicator)
    ids = {indicator.pk for indicator in indicators}
    ordered = []
    for indicator in indicators:
        if indicator.parent_id is None or indicator.parent_id not in ids:
            ordered.append(indicator)
            ordered.extend(children.get(indicator.pk, []))
    return ordered


def build_report(
    year, *, indicators, targets, entered_figures, activities, municipalities, codes=None, now=None
):
    """Every indicator (or those with the given codes) for fiscal year `year`, from the
    querysets of kpi.models given (`Indicator.objects.report(year)` gives them all)."""
    all_indicators = list(indicators)
    by_id = {indicator.pk: indicator for indicator in all_indicators}
    for indicator in all_indicators:
        # Fill the relations from memory, so that templates never query for them.
        indicator.parent = by_id.get(indicator.parent_id)
        indicator.numerator = by_id.get(indicator.numerator_id)
    wanted = [i for i in all_indicators if codes is None or i.code in codes]
    wanted_ids = {indicator.pk for indicator in wanted}
    needed = {indicator.pk: indicator for indicator in wanted}
    for indicator in wanted:
        if indicator.method == indicator.Method.RATIO and indicator.numerator_id in by_id:
            needed[indicator.numerator_id] = by_id[indicator.numerator_id]

    targets = dict(
        targets.filter(fiscal_year=year, indicator_id__in=[i.pk for i in wanted]).values_list(
            "indicator_id", "value"
        )
    )
    forums = list(Forum.objects.all())
    entered = defaultdict(list)
    for figure in entered_figures.filter(
        fiscal_year__in=(year - 1, year), indicator_id__in=list(needed)
    ).order_by():
        entered[(figure.indicator_id, figure.fiscal_year)].append(figure)

    counter = _Counter(
        year,
        all_indicators,
        forums,
        activities,
        municipalities,
        computed_values=_computed_values(needed.values(), (year - 1, year), entered),
    )
    cache = {}
    results = []
    for indicator in _display_order(wanted):
        results.append(
            IndicatorResult(
                indicator=indicator,
                year=year,
                current=_figures(indicator, year, counter, entered, by_id, cache),
                previous=_figures(indicator, year - 1, counter, entered, by_id, cache),
                target=targets.get(indicator.pk),
            )
        )
    by_indicator = {result.indicator.pk: result for result in results}
    for result in results:
        if result.is_breakdown and result.indicator.parent_id in by_indicator:
            by_indicator[result.indicator.parent_id].children.append(result)

    counted = [r.indicator for r in results if r.current.source == COUNTED]
    # The years of the shown indicators' own entered figures (not of a ratio's numerator).
    entered_in = {fy for pk, fy in entered if pk in wanted_ids}
    return YearReport(
        year=year,
        as_of=now or timezone.now(),
        results=results,
        forums=forums,
        counted_kinds=frozenset(kind for i in counted for kind in i.activity_kinds),
        counts_every_kind=any(
            i.method == i.Method.MUNICIPALITY_COUNT and not i.activity_kinds for i in counted
        ),
        counts_activities=counter.counts_in(year),
        has_records=year in years_with_figures(all_indicators, counter.activity_facts, entered_in),
    )


# The home page shows one figure on every request; it is kept in the cache until anything
# that counts changes (kpi.signals bumps the version) or for a few minutes at most.
FIGURES_VERSION_KEY = "kpi:figures-version"
CACHED_RESULT_SECONDS = 600


def figures_version():
    return cache.get_or_set(FIGURES_VERSION_KEY, time.time_ns, None)


def figures_changed():
    cache.set(FIGURES_VERSION_KEY, time.time_ns(), None)


MATCHINGS_CODE = "matchings"


def funnel(report, code=MATCHINGS_CODE):
    """The stages of an indicator's breakdown (検討 → 成立 → 現場試行 → 社会実装) for national
    and regional forums, each with the percentage of the stage before it reached this one.
    None when the indicator or its figures are missing."""
    result = report.get(code)
    if result is None or not result.children:
        return None
    scopes = []
    for scope, label in (("national", "全国フォーラム"), ("regional", "地方フォーラム")):
        steps, previous = [], None
        for child in result.children:
            value = getattr(child, scope)
            rate = None
            if previous and value is not None:
                rate = (Decimal(value) * 100 / previous).quantize(Decimal("1"), ROUND_HALF_UP)
            steps.append({"label": child.indicator.name, "value": value, "rate": rate})
            previous = value
        if any(step["value"] for step in steps):
            scopes.append({"label": label, "steps": steps})
    return scopes or None
