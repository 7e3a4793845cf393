from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = "出前授業"

    def ready(self):
        from . import kpi_sync

        kpi_sync.connect()
