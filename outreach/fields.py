"""A model field for several values of one fixed choice list (target grades, subjects, …)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class ChoiceSetField(models.CharField):
    """A set of choices stored in one column as ",e4,e5,e6,".

    The surrounding commas make "has this value" a plain `contains` lookup that works the
    same on SQLite and PostgreSQL (see `has_choice_lookup`), without a join table for a
    list that never changes.
    """

    def __init__(self, *args, options=(), **kwargs):
        self.options = [(str(value), str(label)) for value, label in options]
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["options"] = self.options
        # Always explicit: this field's defaults differ from CharField's.
        kwargs["blank"] = self.blank
        return name, path, args, kwargs

    @property
    def option_values(self):
        return [value for value, _ in self.options]

    def to_python(self, value):
        if value is None:
            return []
        if isinstance(value, str):
            value = value.split(",")
        wanted = {str(item) for item in value if item}
        # Kept in the order of the choice list, so the display is stable.
        return [option for option in self.option_values if option in wanted]

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def get_prep_value(self, value):
        values = self.to_python(value)
        return f",{','.join(values)}," if values else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        unknown = set(value or []) - set(self.option_values)
        if unknown:
            raise ValidationError("選択肢にない値が含まれています。")
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.options,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        defaults.pop("max_length", None)
        defaults.pop("empty_value", None)
        return form_class(**defaults)

    def labels(self, values):
        names = dict(self.options)
        return [names[value] for value in values if value in names]


def has_choice_lookup(field_name, value):
    """Filter kwargs for "this ChoiceSetField includes `value`"."""
    return {f"{field_name}__contains": f",{value},"}
