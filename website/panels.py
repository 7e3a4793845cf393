"""Admin panels shared by the apps."""

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel as WagtailInlinePanel


class LabelledChildFormSet(BaseChildFormSet):
    """Names duplicated fields by their labels, in Japanese (Django names them by code)."""

    def get_unique_error_message(self, unique_check):
        labels = [
            str(self.model._meta.get_field(name).verbose_name)
            for name in unique_check
            if name != self.fk.name
        ]
        return f"「{'」と「'.join(labels)}」が同じ行が複数あります。重複している行を直すか削除してください。"


class InlinePanel(WagtailInlinePanel):
    """Wagtail's InlinePanel, with duplicate rows reported in words an editor understands."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = LabelledChildFormSet
        return options
