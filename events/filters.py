"""The event index's filters: kind, organising forum, month and how one can attend."""

from django import forms

from website import dates
from website.models import Forum


class EventFilterForm(forms.Form):
    """The filters of the event index. Junk values are ignored, never an error page."""

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

    def selected(self, name):
        """The valid value of one filter, or '' (other filters may be junk)."""
        if not self.is_bound or name not in self.fields:
            return ""
        self.is_valid()
        return self.cleaned_data.get(name) or ""

    @property
    def is_filtering(self):
        return any(self.selected(name) for name in self.fields)

    def filter(self, events):
        if kind := self.selected("kind"):
            events = events.of_kind(kind)
        if forum := self.selected("forum"):
            events = events.by_forum(forum)
        if attendance := self.selected("attendance"):
            events = events.attendable(attendance)
        if month := dates.parse_month(self.selected("month")):
            events = events.in_month(*month)
        return events
