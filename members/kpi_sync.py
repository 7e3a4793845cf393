"""The register counts the KPI 行政会員である自治体数 (and so the ratio 自治体会員数).

A fiscal year's figure is the number of distinct local governments that are members on its
last day, 31 March (Japan date), from settings.MEMBERS_REGISTER_FROM_FISCAL_YEAR on; the
years before keep their entered figures (FY2020: 57 %).
"""

from django.conf import settings

from kpi import activities
from website.fiscal import fiscal_year_dates

INDICATOR_CODE = "municipal-members"


def members_at_year_ends(years):
    """{fiscal year: its figure} of each year, in one query (a report shows two years)."""
    from .models import local_government_members_on_days

    ends = {year: fiscal_year_dates(year)[1] for year in years}
    counts = local_government_members_on_days(ends.values())
    return {year: counts[end] for year, end in ends.items()}


def first_year():
    return settings.MEMBERS_REGISTER_FROM_FISCAL_YEAR


def connect():
    from .models import MemberOrganisation

    activities.register_computed(
        INDICATOR_CODE,
        members_at_year_ends,
        label="会員名簿",
        first_year=first_year,
        depends_on=[MemberOrganisation],
    )
