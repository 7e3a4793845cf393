"""Admin widgets shared by the apps."""

from django import forms
from django.utils.html import format_html, format_html_join

from .forms import render_input_option
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

    def render(self, name, value, attrs=None, renderer=None):
        # Each block a fieldset named by its legend, so that a screen reader says 「関東」 with
        # its boxes (Django's grouped check boxes give a <label> that labels nothing).
        context = self.get_context(name, value, attrs)["widget"]
        blocks = format_html_join(
            "\n",
            "<fieldset><legend>{}</legend>{}</fieldset>",
            (
                (
                    block,
                    format_html_join(
                        "", "<div>{}</div>", ((render_input_option(o),) for o in options)
                    ),
                )
                for block, options, _index in context["optgroups"]
            ),
        )
        element_id = context["attrs"].get("id")
        return format_html(
            '<div{} class="prefecture-checkboxes">{}</div>',
            format_html(' id="{}"', element_id) if element_id else "",
            blocks,
        )
