"""A member's page in the admin: its contact people, beside the register's fields."""

from wagtail.admin.panels import Panel
from wagtail.permissions import policy_registry


class ContactsPanel(Panel):
    """The organisation's contact people (担当者), for those who may see personal data; the
    secretariat looked for them on the member's page, and they live in a list of their own."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "members/admin/contacts_panel.html"

        @property
        def policy(self):
            return policy_registry.get_by_type(self.instance.contacts.model)

        def is_shown(self):
            return bool(self.instance.pk) and self.policy.user_has_permission(
                self.request.user, "view"
            )

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["contacts"] = list(self.instance.contacts.all())
            context["can_change"] = self.policy.user_has_permission(self.request.user, "change")
            return context
