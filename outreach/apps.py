from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


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
        # A lesson's page shows its slots' notes: the search index holds them too.
        post_save.connect(reindex_lesson, sender=LessonSlot, dispatch_uid="lesson-slot-search")
        post_delete.connect(reindex_lesson, sender=LessonSlot, dispatch_uid="lesson-slot-search")


def reindex_lesson(sender, instance, **kwargs):
    from wagtail.search import index

    from .models import LessonPage

    lesson = LessonPage.objects.filter(pk=instance.lesson_id).first()
    if lesson is not None:
        index.insert_or_update_object(lesson)
