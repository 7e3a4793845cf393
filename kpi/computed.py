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
    compute: object  # [fiscal years] -> {year: number or None}, in one go
    label: str  # where the figure comes from, as the dashboard names it: "会員名簿"
    first_year: object  # () -> the first fiscal year computed

    def values(self, years):
        """{year: figure or None} of the years given from the first year on: a report's
        year and the one before come from one computation."""
        years = [year for year in years if year >= self.first_year()]
        if not years:
            return {}
        found = self.compute(years)
        return {year: None if found.get(year) is None else Decimal(found[year]) for year in years}


def register(code, compute, *, label, first_year):
    _registry[code] = Computation(code, compute, label, first_year)


def get(code):
    return _registry.get(code)
