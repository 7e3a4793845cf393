from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "会員"

    def ready(self):
        from . import kpi_sync, signals

        kpi_sync.connect()
        signals.connect()
