from urllib.parse import urlencode

from django import forms

from website.fiscal import fiscal_year_choices, fiscal_year_full_label
from website.models import Forum


class NewsFilterForm(forms.Form):
    """The news index's filters. Invalid values (an old bookmark, junk) are set aside with a
    note next to the field, and the list is shown without them."""

    forum = forms.ModelChoiceField(
        Forum.objects.all(),
        to_field_name="slug",
        required=False,
        label="フォーラム",
        empty_label="すべてのフォーラム",
        error_messages={
            "invalid_choice": "指定のフォーラムが見つからないため、この条件を外して表示しています。"
        },
    )
    category = forms.ModelChoiceField(
        None,  # the news categories, given by the index page
        to_field_name="slug",
        required=False,
        label="カテゴリー",
        empty_label="すべてのカテゴリー",
        error_messages={
            "invalid_choice": "指定のカテゴリーが見つからないため、この条件を外して表示しています。"
        },
    )
    year = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label="年度",
        help_text="4月から翌年3月まで",
        error_messages={
            "invalid_choice": "この年度のニュースはないため、この条件を外して表示しています。"
        },
    )

    # Query-string names of the filters, in the order their chips are shown.
    filter_names = ["forum", "category", "year"]

    def __init__(self, data=None, *, categories, years=()):
        """`categories`: the news categories (a queryset); `years`: the fiscal years offered."""
        super().__init__(data)
        self.fields["category"].queryset = categories
        self.fields["year"].choices = [("", "すべての年度"), *fiscal_year_choices(years)]

    def filter(self, news):
        """The news matching every valid filter; an invalid value is simply not applied."""
        self.is_valid()
        values = self.valid_values()
        if values.get("forum"):
            news = news.filter(forum=values["forum"])
        if values.get("category"):
            news = news.filter(category=values["category"])
        if values.get("year"):
            news = news.in_fiscal_year(values["year"])
        return news

    def valid_values(self):
        if not self.is_bound:
            return {}
        return {name: getattr(self, "cleaned_data", {}).get(name) for name in self.filter_names}

    def active_filters(self, base_url):
        """Chips for the filters in use: a label and the URL that removes that filter."""
        values = self.valid_values()
        chips = []
        for name, value in values.items():
            if not value:
                continue
            others = [
                (key, self.data[key]) for key in self.filter_names if key != name and values[key]
            ]
            query = urlencode(others)
            chips.append(
                {
                    "name": self.fields[name].label,
                    "label": fiscal_year_full_label(value) if name == "year" else str(value),
                    "remove_url": f"{base_url}?{query}" if query else base_url,
                }
            )
        return chips
