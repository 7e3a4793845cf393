"""The one way a list page filters by its query string: news, events and lessons use
`ListFilterForm` and `website/includes/list_filters.html`; the case index, whose options carry
counts, shows its chosen filters with the same chips (`website/includes/filter_chips.html`).

The state lives only in the query string, so every result can be bookmarked and the form
works without JavaScript. A value that is not a valid choice (an old bookmark, junk) is left
out with a note next to its field, and the list is shown without it: never an error page.
"""

from urllib.parse import urlencode

from django import forms

PAGE_PARAMETER = "page"


class ListFilterForm(forms.Form):
    """A list's filters. For each field, a `filter_<name>(queryset, value)` method applies its
    valid value; a form whose fields act together overrides `filter()`."""

    def __init__(self, data=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(data or None, **kwargs)
        for field in self.fields.values():
            field.required = False
            messages = field.error_messages
            if messages.get("invalid_choice") == _django_message(field, "invalid_choice"):
                messages["invalid_choice"] = (
                    f"指定の{field.label}が見つからないため、この条件を外して表示しています。"
                )

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
        for name, value in self.selected_values().items():
            if value:
                queryset = getattr(self, f"filter_{name}")(queryset, value)
        return queryset

    def value_label(self, name, value):
        """How the chosen value reads in a chip: the label its option shows."""
        for option_value, option_label in _flat_choices(getattr(self.fields[name], "choices", ())):
            if str(option_value) == str(getattr(value, "pk", value)) or option_value == value:
                return str(option_label)
        return str(value)

    def active_filters(self, base_url):
        """A chip for each filter in use: its name, the chosen value, and the URL of the same
        list without that filter (and on its first page)."""
        if not self.is_bound:
            return []
        chips = []
        for name, value in self.selected_values().items():
            if value:
                chips.append(
                    {
                        "name": self.fields[name].label,
                        "label": self.value_label(name, self[name].value()),
                        "remove_url": self.url_without(base_url, name),
                    }
                )
        return chips

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
