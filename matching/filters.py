"""The needs and seeds lists' filters (website/filters.py), each option with the number of
items it would list, the other filters applied: one aggregate query per filter."""

from django import forms
from django.db.models import Count

from website.filters import CountedSelect, ListFilterForm
from website.models import Forum, Prefecture

from .choices import Stage


def forum_field():
    return forms.ModelChoiceField(
        Forum.objects.all(),
        to_field_name="slug",
        label="フォーラム",
        empty_label="すべてのフォーラム",
        widget=CountedSelect,
    )


class InfrastructureFilterForm(ListFilterForm):
    """A list filtered by infrastructure field, among the `infrastructure_fields` given."""

    field = forms.ModelChoiceField(
        None,
        to_field_name="slug",
        label="インフラ分野",
        empty_label="すべての分野",
        widget=CountedSelect,
    )

    # Each counted filter: the column holding its options' values (slugs and codes).
    COUNTED = {"field": "fields__slug"}

    def __init__(self, data=None, *, infrastructure_fields, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["field"].queryset = infrastructure_fields

    def add_counts(self, items):
        """Show next to each option how many of `items` choosing it would list."""
        for name, column in self.COUNTED.items():
            rows = (
                self.filter_except(items, name)
                .order_by()
                .values_list(column)
                .annotate(n=Count("pk", distinct=True))
            )
            # An item without a value (a need with no matching) is what the "none" option lists.
            self.show_counts(name, {"none" if value is None else value: n for value, n in rows})

    def filter_field(self, items, field):
        return items.filter(fields=field)


class NeedFilterForm(InfrastructureFilterForm):
    prefecture = forms.ModelChoiceField(
        Prefecture.objects.all(),
        to_field_name="code",
        label="都道府県",
        empty_label="すべての都道府県",
        widget=CountedSelect,
    )
    forum = forum_field()
    stage = forms.ChoiceField(
        choices=[("", "すべての段階"), ("none", "マッチング前"), *Stage.choices],
        label="マッチングの段階",
        widget=CountedSelect,
    )

    COUNTED = {
        **InfrastructureFilterForm.COUNTED,
        "prefecture": "local_government__prefecture",
        "forum": "forum__slug",
        "stage": "matchings__stage",
    }

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
