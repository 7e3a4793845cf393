from django import forms
from django.utils.translation import gettext_lazy as _

from website.filters import ListFilterForm
from website.fiscal import fiscal_year_choices
from website.i18n import translated
from website.models import Forum


class NewsFilterForm(ListFilterForm):
    """The news index's filters. Invalid values (an old bookmark, junk) are set aside with a
    note next to the field, and the list is shown without them."""

    forum = forms.ModelChoiceField(
        Forum.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("フォーラム"),
        empty_label=_("すべてのフォーラム"),
        error_messages={
            "invalid_choice": _(
                "指定のフォーラムが見つからないため、この条件を外して表示しています。"
            )
        },
    )
    category = forms.ModelChoiceField(
        None,  # the news categories, given by the index page
        to_field_name="slug",
        required=False,
        label=_("カテゴリー"),
        empty_label=_("すべてのカテゴリー"),
        error_messages={
            "invalid_choice": _(
                "指定のカテゴリーが見つからないため、この条件を外して表示しています。"
            )
        },
    )
    year = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label=_("年度"),
        help_text=_("4月から翌年3月まで"),
        error_messages={
            "invalid_choice": _("この年度のニュースはないため、この条件を外して表示しています。")
        },
    )

    def __init__(self, data=None, *, categories, years=()):
        """`categories`: the news categories (a queryset); `years`: the fiscal years offered."""
        super().__init__(data)
        self.fields["category"].queryset = categories
        self.fields["year"].choices = [("", _("すべての年度")), *fiscal_year_choices(years)]
        # Forum names in the language being read.
        self.fields["forum"].label_from_instance = lambda forum: forum.local_name
        self.fields["category"].label_from_instance = lambda category: translated(category.name)

    def filter_forum(self, news, forum):
        return news.filter(forum=forum)

    def filter_category(self, news, category):
        return news.filter(category=category)

    def filter_year(self, news, year):
        return news.in_fiscal_year(year)
