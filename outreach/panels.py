"""Admin panels for a booking's personal data: the field for staff allowed to see it, a
placeholder in its place for everyone else."""

from django.utils.text import capfirst
from wagtail.admin.panels import FieldPanel, Panel

WITHHELD = "（個人情報の閲覧権限がありません）"


class WithheldPanel(Panel):
    """The field's label and WITHHELD, shown only to users without `permission`: the form has
    no such field for them (``FieldPanel(permission=...)``), so the value never reaches them."""

    def __init__(self, field_name, *, permission, **kwargs):
        super().__init__(**kwargs)
        self.field_name = field_name
        self.permission = permission

    def clone_kwargs(self):
        return {
            **super().clone_kwargs(),
            "field_name": self.field_name,
            "permission": self.permission,
        }

    def on_model_bound(self):
        if not self.heading:
            self.heading = capfirst(self.model._meta.get_field(self.field_name).verbose_name)

    class BoundPanel(Panel.BoundPanel):
        template_name = "outreach/admin/withheld_panel.html"

        def is_shown(self):
            return self.request is not None and not self.request.user.has_perm(
                self.panel.permission
            )

        def get_context_data(self, parent_context=None):
            return {**super().get_context_data(parent_context), "withheld": WITHHELD}


def personal_data_panels(field_name, permission):
    """The field for those with `permission`, WithheldPanel for the others."""
    return [
        FieldPanel(field_name, permission=permission),
        WithheldPanel(field_name, permission=permission),
    ]
