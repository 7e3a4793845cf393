from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "ニーズ・シーズ"

    def ready(self):
        from . import kpi_sync

        kpi_sync.connect()
