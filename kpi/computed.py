"""Indicators whose figure another app computes from its own data (the membership register
gives 行政会員である自治体数). Apps register through `kpi.activities.register_computed`.

An entered figure for a year still wins over a computed one (a historical year stays as
the plan published it); a computation answers None for the years it does not cover.
"""

from dataclasses import dataclass
from decimal import Decimal

_registry = {}


@dataclass(frozen=True)
class Computation:
    code: str
    compute: object  # fiscal year -> number or None
    label: str  # where the figure comes from, as the dashboard names it: "会員名簿"
    first_year: object  # () -> the first fiscal year computed
    compute_years: object = None  # [fiscal years] -> {year: number or None}, in one go

    def value(self, year):
        return self.values([year]).get(year)

    def values(self, years):
        """{year: figure or None} of the years given from the first year on: the year of a
        report and the one before come from one computation when the app gives several."""
        years = [year for year in years if year >= self.first_year()]
        if not years:
            return {}
        if self.compute_years is not None:
            found = self.compute_years(years)
        else:
            found = {year: self.compute(year) for year in years}
        return {year: None if found.get(year) is None else Decimal(found[year]) for year in years}


def register(code, compute, *, label, first_year, compute_years=None):
    _registry[code] = Computation(code, compute, label, first_year, compute_years)


def get(code):
    return _registry.get(code)
