from django.apps import AppConfig


class KpiConfig(AppConfig):
    name = "kpi"
    verbose_name = "KPI"

    def ready(self):
        from . import signals  # noqa: F401
