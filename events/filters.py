"""The event index's filters: kind, organising forum, area, month and how one can attend."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from website import dates
from website.filters import ListFilterForm, area_choices
from website.i18n import translated
from website.models import Forum
from website.prefectures import REGION_NAMES, REGIONS

ONLINE = "online"


def read_areas():
    """The area options and {option value: its prefecture codes}, from the fixed regional
    blocks (no query): オンライン, then the regions as the case index offers them."""
    groups, codes = area_choices(REGIONS)
    return [(ONLINE, gettext("オンライン")), *groups], codes


class EventFilterForm(ListFilterForm):
    """The filters of the event index (website/filters.py). An area is where the venue is
    (a region or a prefecture), or オンライン: the events one can join online, from anywhere."""

    area = forms.ChoiceField(label=_("地域"), required=False)
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
        areas, self.area_codes = read_areas()
        self.fields["area"].choices = [("", gettext("すべての地域")), *areas]
        self.fields["kind"].choices = [everything] + [
            (kind.slug, translated(kind.name, "イベントの種類")) for kind in kinds
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

    def area_of_forum(self, base_url):
        """For a regional forum chosen as the organiser: the list of events held in its
        region instead, whoever organises them ({"url", "label"}), else None. A regional
        forum's slug is its region's code."""
        forum = self.selected("forum")
        if forum not in REGION_NAMES or self.selected("area"):
            return None
        url = self.url_without(base_url, "forum", "area")
        joiner = "&" if "?" in url else "?"
        return {
            "url": f"{url}{joiner}{urlencode({'area': forum})}",
            "label": self.value_label("area", forum),
        }

    def filter_area(self, events, area):
        if area == ONLINE:
            return events.attendable("online")
        return events.in_prefectures(self.area_codes[area])

    def filter_kind(self, events, kind):
        return events.of_kind(kind)

    def filter_forum(self, events, forum):
        return events.by_forum(forum)

    def filter_attendance(self, events, attendance):
        return events.attendable(attendance)

    def filter_month(self, events, month):
        return events.in_month(*dates.parse_month(month))
