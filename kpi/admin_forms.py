"""The forms of the KPI snippets in the Wagtail admin."""

import unicodedata
from decimal import Decimal

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from website.teams import ForumChoiceFormMixin, edits_all_forums

from .models import ActivityKind, EnteredFigure


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


class ActivityAdminForm(ForumChoiceFormMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_recorded_automatically:
            for name in RECORDED_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[
                        name
                    ].help_text = "自動で記録された項目です。元のページや申込みで変更してください。"


def format_figure(value):
    """A figure as it was entered: 83, 12.5, 1100 (never 83.00 or 1.1E+3)."""
    if value is None:
        return ""
    if not isinstance(value, Decimal):
        return value
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class FigureField(forms.DecimalField):
    """Accepts 「1,100」, 「１，１００」 and 「83.00」; shows 83."""

    def to_python(self, value):
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).replace(",", "").replace("、", "").strip()
        return super().to_python(value)

    def prepare_value(self, value):
        return format_figure(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        return attrs


class EnteredFigureAdminForm(ForumChoiceFormMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        old = self.fields["value"]
        self.fields["value"] = FigureField(
            label=old.label,
            help_text="「1,100」のように区切りのカンマを付けても構いません。",
            max_digits=old.max_digits,
            decimal_places=old.decimal_places,
            required=old.required,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        )
        scope = self.fields.get("scope")
        if scope is not None and self.for_user is not None and not edits_all_forums(self.for_user):
            # A forum's editors enter their forum's figures only (they are offered no other
            # forum, and a figure of another scope has no forum): 「フォーラム別」 is all they get.
            forum_scope = EnteredFigure.Scope.FORUM
            scope.choices = [(forum_scope.value, forum_scope.label)]
            if not self.is_bound:
                self.initial["scope"] = forum_scope.value
