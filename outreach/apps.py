from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = "出前授業"

    def ready(self):
        from website import cache

        from . import kpi_sync
        from .models import Booking, LessonSlot

        kpi_sync.connect()
        # Bookings and slots change the places and open dates shown, nothing else.
        for model in (Booking, LessonSlot):
            cache.scope_for(model, "bookings")
