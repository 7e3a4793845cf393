from django import forms
from django.utils import timezone

from website.fiscal import current_fiscal_year, fiscal_year_choices


class FiscalYearForm(forms.Form):
    """The dashboard's fiscal-year picker; anything it does not know falls back to the year
    shown by default (the most recent one with figures: latest_reported_year in models.py)."""

    year = forms.TypedChoiceField(label="年度", coerce=int, required=False)

    def __init__(self, *args, first_year, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_year = current_fiscal_year(now or timezone.now())
        self.first_year = first_year
        self.last_year = max(self.current_year, first_year)
        years = range(self.last_year, self.first_year - 1, -1)
        self.fields["year"].choices = fiscal_year_choices(years)

    @classmethod
    def bound(cls, data, *, first_year, now=None, default_year=None):
        """(the form, the chosen fiscal year): `default_year` (else the current year) when
        none or junk is given."""
        form = cls(data, first_year=first_year, now=now)
        if form.is_valid() and form.cleaned_data["year"] not in (None, ""):
            return form, form.cleaned_data["year"]
        year = default_year or form.current_year
        # Show the year actually displayed, never the junk that was asked for.
        asked = bool(data.get("year"))
        form = cls({"year": str(year)}, first_year=first_year, now=now)
        form.is_valid()
        form.fell_back = asked
        return form, year

    fell_back = False
