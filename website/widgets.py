"""Admin widgets shared by the apps."""

from django import forms

from .prefectures import REGION_NAMES


class PrefectureCheckboxes(forms.CheckboxSelectMultiple):
    """The prefectures (a many-to-many field to Prefecture) as check boxes grouped by regional
    block, in columns (static/css/admin.css): every choice stays in sight and needs no
    Ctrl-click, unlike a 47-line multiple select."""

    def __init__(self, attrs=None):
        super().__init__({"class": "prefecture-checkboxes", **(attrs or {})})

    def optgroups(self, name, value, attrs=None):
        blocks = {region_name: [] for region_name in REGION_NAMES.values()}  # north to south
        for option_value, label in self.choices:
            region = getattr(getattr(option_value, "instance", None), "region", "")
            blocks.setdefault(REGION_NAMES.get(region, ""), []).append((option_value, label))
        ungrouped = self.choices
        self.choices = [(block, options) for block, options in blocks.items() if options]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = ungrouped
