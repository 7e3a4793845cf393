from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "イベント"

    def ready(self):
        from . import kpi_sync

        kpi_sync.connect()
