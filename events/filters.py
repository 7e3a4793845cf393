"""The event index's filters: kind, organising forum, month and how one can attend."""

from django import forms

from website import dates
from website.filters import ListFilterForm
from website.models import Forum


class EventFilterForm(ListFilterForm):
    """The filters of the event index (website/filters.py)."""

    kind = forms.ChoiceField(label="種類", required=False)
    forum = forms.ChoiceField(label="主催", required=False)
    month = forms.ChoiceField(label="開催月", required=False)
    attendance = forms.ChoiceField(
        label="参加方法",
        required=False,
        choices=[
            ("", "すべて"),
            ("in_person", "会場で参加できる"),
            ("online", "オンラインで参加できる"),
        ],
    )

    def __init__(self, data=None, *, kinds, forums, months=None):
        super().__init__(data)
        self.fields["kind"].choices = [("", "すべて")] + [(kind.slug, kind.name) for kind in kinds]
        national = [(f.slug, f.name) for f in forums if f.kind == Forum.Kind.NATIONAL]
        regional = [(f.slug, f.name) for f in forums if f.kind == Forum.Kind.REGIONAL]
        self.fields["forum"].choices = [
            ("", "すべて"),
            ("全国フォーラム", national),
            ("地方フォーラム", regional),
        ]
        if months is None:
            del self.fields["month"]
        else:
            self.fields["month"].choices = [("", "すべて")] + [
                (dates.month_value(year, month), dates.month_label(year, month))
                for year, month in months
            ]

    def filter_kind(self, events, kind):
        return events.of_kind(kind)

    def filter_forum(self, events, forum):
        return events.by_forum(forum)

    def filter_attendance(self, events, attendance):
        return events.attendable(attendance)

    def filter_month(self, events, month):
        return events.in_month(*dates.parse_month(month))
