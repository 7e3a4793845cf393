"""What every public form shares: a honeypot against bots and Japanese-friendly rendering."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError

HONEYPOT_FIELD = "website_url_confirm"


class PublicForm(forms.Form):
    """Base for public forms: a hidden honeypot field, and full-width input normalised.

    People in Japan often type full-width digits and letters (０９０, ＠); every text
    field is NFKC-normalised and stripped before validation.
    """

    required_css_class = "is-required"
    error_css_class = "has-error"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label="この欄は空のままにしてください",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def is_bot(self):
        """True when the honeypot was filled in (only meaningful after is_valid())."""
        return (
            bool(self.cleaned_data.get(HONEYPOT_FIELD)) if hasattr(self, "cleaned_data") else False
        )

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def full_clean(self):
        if self.is_bound and hasattr(self.data, "copy"):
            data = self.data.copy()
            for name, field in self.fields.items():
                key = self.add_prefix(name)
                if isinstance(field, forms.CharField) and key in data:
                    values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
                    cleaned = [normalise_text(value) for value in values]
                    if hasattr(data, "setlist"):
                        data.setlist(key, cleaned)
                    else:
                        data[key] = cleaned[0]
            self.data = data
        super().full_clean()


def normalise_text(value):
    """NFKC (full-width → half-width for ASCII, half-width kana → full-width), no control chars."""
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFKC", value)
    value = "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return value.strip()


def validate_no_control_characters(value):
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in value):
        raise ValidationError("使用できない文字が含まれています。")
