"""Keep the KPI activity of a booking in step with it, whichever way it is saved or deleted."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kpi import activities

from .models import Booking


@receiver(post_save, sender=Booking)
def sync_booking_activity(sender, instance, raw=False, **kwargs):
    if not raw:
        instance.sync_activity()


@receiver(post_delete, sender=Booking)
def remove_booking_activity(sender, instance, **kwargs):
    activities.remove(instance)
