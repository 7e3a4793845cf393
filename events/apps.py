from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "イベント"

    def ready(self):
        from wagtail.signals import page_published

        from . import kpi_sync, registrations

        kpi_sync.connect()
        page_published.connect(
            registrations.on_page_published, dispatch_uid="events_promote_waiting"
        )
