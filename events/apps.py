from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "イベント"

    def ready(self):
        from wagtail.signals import page_published

        from website import cache

        from . import kpi_sync, registrations
        from .models import EventPage, Registration

        kpi_sync.connect()
        # A registration changes the places shown, nothing else (website/cache.py).
        cache.scope_for(Registration, "registrations")
        page_published.connect(
            registrations.on_page_published, sender=EventPage, dispatch_uid="events_promote_waiting"
        )
