"""The one way a list page filters by its query string: news, events, lessons, case studies,
matching and the members' directory use `ListFilterForm` and
`website/includes/list_filters.html`, with a chip for each filter in use
(`website/includes/filter_chips.html`).

The state lives only in the query string, so every result can be bookmarked and the form
works without JavaScript. A value that is not a valid choice (an old bookmark, junk) is left
out with a note next to its field, and the list is shown without it: never an error page.

A list can show next to each option how many items choosing it would list (the case index, the
needs and seeds lists): give the field a `CountedSelect` (a BooleanField a `Checkbox`), count with `filter_except()` and
hand the numbers to `show_counts()`. For an empty result, `relaxations()` tells how many items
removing each filter alone would bring back.
"""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext

from website.languages import is_default_language
from website.prefectures import PREFECTURES, prefecture_name

PAGE_PARAMETER = "page"


def count_pattern():
    """'%(label)s（%(count)s件）': 「橋梁（12件）」, 'Bridges (12)' on English pages."""
    return gettext("%(label)s（%(count)s件）")


class CountedSelect(forms.Select):
    """A select whose options say how many items choosing them would list (「橋梁（12件）」),
    set by `ListFilterForm.show_counts()`. An option that would list none is disabled, unless it
    is the one chosen; the empty option ("all") shows no number. Without counts, a plain select.
    """

    counts = None  # {option value: number of items}; a value left out has none

    def optgroups(self, name, value, attrs=None):
        # The pattern translated once for all the options (a case index shows some 70).
        self._pattern = count_pattern()
        return super().optgroups(name, value, attrs)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if self.counts is not None and value != "":
            count = self.counts.get(str(value), 0)
            option["label"] = self._pattern % {"label": label, "count": count}
            if not count and not selected:
                option["attrs"]["disabled"] = True
        return option


class Checkbox(forms.CheckboxInput):
    """A filter's check box, for a BooleanField: sent as `name=1`, and ticked only by 1 (or a
    browser's own "on", or "true"); any other value is ignored, like a box left unticked.
    Named so that its `widget_type` is "checkbox": form_field.html puts the label after it."""

    TICKED = frozenset({"1", "on", "true"})

    def __init__(self, attrs=None):
        super().__init__({"value": "1", **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() in self.TICKED


def not_found_note(label):
    """Said when a filter's value in the URL names nothing: the filter is left out."""
    return gettext("指定の%(label)sが見つからないため、この条件を外して表示しています。") % {
        "label": label
    }


def area_choices(regions):
    """The options of an area filter, grouped by region, and {option value: its prefecture
    codes}: each region as a whole ('近畿全域', 'All of Kinki'), then its prefectures in code
    order; the prefectures no region covers come last, under その他の都道府県.

    `regions`: (value, Japanese name, prefecture codes), in the order to show them. The event
    index gives the fixed blocks (website/prefectures.py), the case index its regional forums;
    either way the lists read alike. No query."""
    japanese = is_default_language()
    groups, codes = [], {}
    for value, name, region_codes in regions:
        if not japanese:
            name = value.replace("-", " ").title()
        whole = f"{name}全域" if japanese else gettext("All of %(region)s") % {"region": name}
        codes[value] = sorted(region_codes)
        options = [(code, prefecture_name(code)) for code in codes[value]]
        groups.append((name, [(value, whole), *options]))
    covered = {code for region_codes in codes.values() for code in region_codes}
    others = [(code, prefecture_name(code)) for code, _, _ in PREFECTURES if code not in covered]
    if others:
        groups.append((gettext("その他の都道府県"), others))
    codes.update((code, [code]) for code, _, _ in PREFECTURES)
    return groups, codes


class ListFilterForm(forms.Form):
    """A list's filters. For each field, a `filter_<name>(queryset, value)` method applies its
    valid value; a form whose fields act together overrides `filter()` (and then cannot use
    `filter_except()`, `relaxations()`)."""

    def __init__(self, data=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(data or None, **kwargs)
        for field in self.fields.values():
            field.required = False
            messages = field.error_messages
            if messages.get("invalid_choice") == _django_message(field, "invalid_choice"):
                messages["invalid_choice"] = not_found_note(field.label)

    def selected(self, name):
        """The valid value of one filter, or None (other filters may be junk)."""
        if not self.is_bound or name not in self.fields:
            return None
        self.is_valid()
        return self.cleaned_data.get(name) or None

    def selected_values(self):
        return {name: self.selected(name) for name in self.fields}

    @property
    def is_filtering(self):
        return any(self.selected_values().values())

    def filter(self, queryset):
        return self._apply_filters(queryset, skipped=())

    def filter_except(self, queryset, *skipped):
        """`queryset` with every filter in use but those named: what an option of a skipped
        filter counts among (each option's number applies the *other* filters)."""
        return self._apply_filters(queryset, skipped)

    def _apply_filters(self, queryset, skipped):
        for name, value in self.selected_values().items():
            if value and name not in skipped:
                queryset = getattr(self, f"filter_{name}")(queryset, value)
        return queryset

    def show_counts(self, name, counts):
        """Show how many items choosing each option of the filter `name` would list: `counts`
        maps an option's value to its number (a CountedSelect), or, for a check box, is the
        number ticking it would list, shown after its label. The chips keep the plain labels.
        Call it before the form is rendered."""
        field = self.fields[name]
        if isinstance(field.widget, forms.CheckboxInput):
            self[name].label = count_pattern() % {"label": field.label, "count": counts}
        else:
            field.widget.counts = {str(value): count for value, count in counts.items()}

    def value_label(self, name, value):
        """How the chosen value reads in a chip: the label its option shows."""
        for option_value, option_label in _flat_choices(getattr(self.fields[name], "choices", ())):
            if str(option_value) == str(getattr(value, "pk", value)) or option_value == value:
                return str(option_label)
        return str(value)

    def active_filters(self, base_url):
        """A chip for each filter in use: its name, the chosen value, and the URL of the same
        list without that filter (and on its first page). A check box's chip is its label."""
        if not self.is_bound:
            return []
        return [
            self._chip(name, base_url) for name, value in self.selected_values().items() if value
        ]

    def relaxations(self, queryset, base_url):
        """For a list the filters leave empty: each chip with `count`, the number of items of
        `queryset` that removing its filter alone would list (one query per filter in use)."""
        if not self.is_bound:
            return []
        return [
            {**self._chip(name, base_url), "count": self.filter_except(queryset, name).count()}
            for name, value in self.selected_values().items()
            if value
        ]

    def _chip(self, name, base_url):
        field = self.fields[name]
        if isinstance(field.widget, forms.CheckboxInput):
            name_shown, label = "", str(field.label)
        else:
            name_shown, label = field.label, self.value_label(name, self[name].value())
        return {
            "name": name_shown,
            "label": label,
            # The chip as a phrase: 「地域：近畿全域」, 「モデル事例のみ」.
            "text": f"{name_shown}{gettext('：')}{label}" if name_shown else label,
            "remove_url": self.url_without(base_url, name),
        }

    def url_without(self, base_url, *names):
        kept = [
            (key, value)
            for key, values in self.data.lists()
            if key not in names and key != PAGE_PARAMETER
            for value in values
        ]
        return f"{base_url}?{urlencode(kept)}" if kept else base_url


def _django_message(field, code):
    for klass in type(field).__mro__:
        if code in getattr(klass, "default_error_messages", {}):
            return klass.default_error_messages[code]
    return None


def _flat_choices(choices):
    for value, label in choices:
        if isinstance(label, (list, tuple)):  # an option group
            yield from label
        else:
            yield value, label
