"""The event index's filters: kind, organising forum, month and how one can attend."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from website import dates
from website.filters import ListFilterForm
from website.models import Forum


class EventFilterForm(ListFilterForm):
    """The filters of the event index (website/filters.py)."""

    kind = forms.ChoiceField(label=_("種類"), required=False)
    forum = forms.ChoiceField(label=_("主催"), required=False)
    month = forms.ChoiceField(label=_("開催月"), required=False)
    attendance = forms.ChoiceField(
        label=_("参加方法"),
        required=False,
        choices=[
            ("", _("すべて")),
            ("in_person", _("会場で参加できる")),
            ("online", _("オンラインで参加できる")),
        ],
    )

    def __init__(self, data=None, *, kinds, forums, months=None):
        super().__init__(data)
        everything = ("", gettext("すべて"))
        self.fields["kind"].choices = [everything] + [
            (kind.slug, gettext(kind.name)) for kind in kinds
        ]
        national = [(f.slug, f.local_name) for f in forums if f.kind == Forum.Kind.NATIONAL]
        regional = [(f.slug, f.local_name) for f in forums if f.kind == Forum.Kind.REGIONAL]
        self.fields["forum"].choices = [
            everything,
            (gettext("全国フォーラム"), national),
            (gettext("地方フォーラム"), regional),
        ]
        if months is None:
            del self.fields["month"]
        else:
            self.fields["month"].choices = [everything] + [
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
