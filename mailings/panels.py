"""The recipient count beside 送る相手 in the issue's edit form."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class AudienceCountPanel(Panel):
    """How many the issue would go to with the audiences as saved; a small script
    (js/mailing-recipients.js) asks the admin again as the editor ticks or unticks them."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "mailings/admin/audience_count_panel.html"

        class Media:
            js = ["js/mailing-recipients.js"]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            viewset = type(self.instance).snippet_viewset
            context["count_url"] = reverse(viewset.get_url_name("audience_count"))
            context["audience_fields"] = " ".join(self.instance.audience_fields)
            # A form sent back with errors shows audiences not saved: the script counts those.
            context["summary"] = None if self.form.is_bound else self.instance.audience_summary()
            return context
