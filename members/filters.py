from django import forms

from website.filters import ListFilterForm
from website.models import Forum, Prefecture


class DirectoryFilterForm(ListFilterForm):
    """The members' directory's filters (invalid values are set aside with a note).
    `types`: the organisation types it lists, as (value, label)."""

    q = forms.CharField(
        label="名称",
        max_length=50,
        help_text="名称かカナの一部",
        error_messages={
            "max_length": "名称は%(limit_value)d文字以内で入力してください（いま%(show_value)d文字です）。"
        },
    )
    type = forms.ChoiceField(label="会員種別")
    prefecture = forms.ModelChoiceField(
        Prefecture.objects.all(), label="都道府県", empty_label="すべての都道府県"
    )
    forum = forms.ModelChoiceField(
        Forum.objects.all(), to_field_name="slug", label="フォーラム", empty_label="すべて"
    )

    def __init__(self, data=None, *, types):
        super().__init__(data)
        self.fields["type"].choices = [("", "すべての種別"), *types]

    def filter_q(self, members, query):
        return members.matching(query)

    def filter_type(self, members, value):
        return members.filter(type=value)

    def filter_prefecture(self, members, prefecture):
        return members.filter(prefecture=prefecture)

    def filter_forum(self, members, forum):
        return members.filter(forums=forum)
