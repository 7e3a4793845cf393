from django import forms
from django.db.models import Count

from website.filters import ListFilterForm
from website.models import Forum, Prefecture

from .choices import Stage


def forum_field():
    return forms.ModelChoiceField(
        Forum.objects.all(),
        to_field_name="slug",
        label="フォーラム",
        empty_label="すべてのフォーラム",
    )


class InfrastructureFilterForm(ListFilterForm):
    """A list filtered by infrastructure field, among the `infrastructure_fields` given."""

    field = forms.ModelChoiceField(
        None, to_field_name="slug", label="インフラ分野", empty_label="すべての分野"
    )

    # Each facet: the column of the value an option stands for, and that value of an option.
    FACETS = {"field": ("fields__slug", lambda option: option.slug)}

    def __init__(self, data=None, *, infrastructure_fields, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["field"].queryset = infrastructure_fields

    def add_counts(self, items):
        """Each option says how many items choosing it would list, the other filters applied
        (one query per facet, however many items)."""
        for name, (column, key) in self.FACETS.items():
            counts = self.count_by(self.filter_except(items, name), column)
            self.fields[name].label_from_instance = lambda option, counts=counts, key=key: (
                f"{option}（{counts.get(key(option), 0)}件）"
            )

    @staticmethod
    def count_by(items, column):
        rows = items.order_by().values_list(column).annotate(n=Count("pk", distinct=True))
        return dict(rows)

    def filter_except(self, items, skipped):
        for name, value in self.selected_values().items():
            if value and name != skipped:
                items = getattr(self, f"filter_{name}")(items, value)
        return items

    def filter_field(self, items, field):
        return items.filter(fields=field)


class NeedFilterForm(InfrastructureFilterForm):
    prefecture = forms.ModelChoiceField(
        Prefecture.objects.all(),
        to_field_name="code",
        label="都道府県",
        empty_label="すべての都道府県",
    )
    forum = forum_field()
    stage = forms.ChoiceField(
        choices=[("", "すべての段階"), ("none", "マッチング前"), *Stage.choices],
        label="マッチングの段階",
    )

    FACETS = {
        **InfrastructureFilterForm.FACETS,
        "prefecture": ("local_government__prefecture", lambda option: option.code),
        "forum": ("forum__slug", lambda option: option.slug),
    }

    def add_counts(self, needs):
        super().add_counts(needs)
        counts = self.count_by(self.filter_except(needs, "stage"), "matchings__stage")
        self.fields["stage"].choices = [
            (
                value,
                f"{label}（{counts.get(None if value == 'none' else value, 0)}件）"
                if value
                else label,
            )
            for value, label in self.fields["stage"].choices
        ]

    def filter_prefecture(self, needs, prefecture):
        return needs.filter(local_government__prefecture=prefecture)

    def filter_forum(self, needs, forum):
        return needs.filter(forum=forum)

    def filter_stage(self, needs, stage):
        if stage == "none":
            return needs.filter(matchings__isnull=True)
        return needs.filter(matchings__stage=stage).distinct()


class SeedFilterForm(InfrastructureFilterForm):
    """Seeds are filtered by infrastructure field only."""
