"""The event's 参加申込み tab: who has registered so far, and the way to the list."""

from django.db.models import Count, Q, Sum
from django.urls import reverse
from wagtail.admin.panels import Panel
from wagtail.permissions import policy_registry

from .choices import RegistrationStatus


class RegistrationsPanel(Panel):
    """The counts of the event's registrations and a link to them in イベント参加申込み,
    filtered to this event: editors looked for them from the event itself."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "events/admin/registrations_panel.html"

        def is_shown(self):
            event = self.instance
            policy = policy_registry.get_by_type(event.registrations.model)
            return (
                bool(event.pk)
                and event.registration_mode == event.RegistrationMode.SITE
                and policy.user_has_permission(self.request.user, "view")
            )

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            confirmed = Q(status=RegistrationStatus.CONFIRMED)
            context.update(
                self.instance.registrations.aggregate(
                    confirmed=Count("pk", filter=confirmed),
                    people=Sum("number_of_people", filter=confirmed, default=0),
                    waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
                    cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
                )
            )
            capacity = self.instance.capacity
            context["capacity"] = capacity
            context["places_left"] = max(capacity - context["people"], 0) if capacity else None
            context["list_url"] = f"{reverse('event_registrations:index')}?event={self.instance.pk}"
            return context
