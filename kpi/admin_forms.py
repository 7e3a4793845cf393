"""The forms of the KPI snippets in the Wagtail admin."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .models import ActivityKind


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
