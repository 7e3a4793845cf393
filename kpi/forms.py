from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from website.fiscal import current_fiscal_year, fiscal_year_choices

from .models import FIRST_FISCAL_YEAR, ActivityKind


class FiscalYearForm(forms.Form):
    """The dashboard's fiscal-year picker; anything it does not know falls back to this year."""

    year = forms.TypedChoiceField(label="年度", coerce=int, required=False)

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_year = current_fiscal_year(now or timezone.now())
        self.first_year = FIRST_FISCAL_YEAR
        self.last_year = max(self.current_year, FIRST_FISCAL_YEAR)
        years = range(self.last_year, self.first_year - 1, -1)
        self.fields["year"].choices = fiscal_year_choices(years)

    @classmethod
    def bound(cls, data, now=None):
        """(the form, the chosen fiscal year): the current year when none or junk is given."""
        form = cls(data, now=now)
        if form.is_valid() and form.cleaned_data["year"] not in (None, ""):
            return form, form.cleaned_data["year"]
        # Show the year actually displayed, never the junk that was asked for.
        asked = bool(data.get("year"))
        form = cls({"year": str(form.current_year)}, now=now)
        form.is_valid()
        form.fell_back = asked
        return form, form.current_year

    fell_back = False


class IndicatorAdminForm(WagtailAdminModelForm):
    activity_kinds = forms.MultipleChoiceField(
        label="数える活動の種類",
        choices=ActivityKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="「活動の件数」では必須。「自治体を重複なく数える」で空欄なら、すべての種類の活動が対象です。",
    )

    def clean_activity_kinds(self):
        # Keep the order of ActivityKind, whatever order the boxes were ticked in.
        chosen = set(self.cleaned_data["activity_kinds"])
        return [kind for kind in ActivityKind.values if kind in chosen]


# What an event page or a lesson booking decides for its Activity; editing them here would be
# overwritten the next time the source is saved.
RECORDED_FIELDS = ("title", "kind", "date", "forum", "participants", "page")


class ActivityAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_recorded_automatically:
            for name in RECORDED_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[
                        name
                    ].help_text = "自動で記録された項目です。元のページや申込みで変更してください。"
