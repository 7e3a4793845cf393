from django import forms

from website.filters import ListFilterForm
from website.models import Forum, Prefecture

from .models import InfrastructureField, Stage


def forum_field():
    return forms.ModelChoiceField(
        Forum.objects.all(),
        to_field_name="slug",
        label="フォーラム",
        empty_label="すべてのフォーラム",
    )


def infrastructure_field():
    return forms.ModelChoiceField(
        InfrastructureField.objects.all(),
        to_field_name="slug",
        label="インフラ分野",
        empty_label="すべての分野",
    )


class NeedFilterForm(ListFilterForm):
    field = infrastructure_field()
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

    def filter_field(self, needs, field):
        return needs.filter(fields=field)

    def filter_prefecture(self, needs, prefecture):
        return needs.filter(local_government__prefecture=prefecture)

    def filter_forum(self, needs, forum):
        return needs.filter(forum=forum)

    def filter_stage(self, needs, stage):
        if stage == "none":
            return needs.filter(matchings__isnull=True)
        return needs.filter(matchings__stage=stage).distinct()


class SeedFilterForm(ListFilterForm):
    field = infrastructure_field()

    def filter_field(self, seeds, field):
        return seeds.filter(fields=field)
