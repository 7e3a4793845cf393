"""Held events count toward the KPIs: one kpi.Activity per held, published event.

The published version decides: publishing a held event records (or updates) its activity;
publishing it unheld, unpublishing it or deleting it removes the activity. Recording is
keyed on the page, so publishing twice never counts twice.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from kpi import activities


def is_translation(event):
    """An English (or other) version of an event is the same event: only the page in the
    default language counts."""
    return bool(event.locale_id) and event.locale.language_code != settings.LANGUAGE_CODE


def sync_activity(event):
    if is_translation(event):
        return None
    if event.live and event.held and not event.is_cancelled:
        return activities.record(
            event,
            kind=event.kind.activity_kind if event.kind_id else activities.ActivityKind.OTHER,
            date=event.start_date,
            title=event.title,
            forum=event.forum,
            participants=event.participants,
            page=event,
        )
    activities.remove(event)
    return None


def on_page_published(sender, instance, **kwargs):
    from .models import EventPage

    if isinstance(instance, EventPage):
        sync_activity(instance)


def on_page_unpublished(sender, instance, **kwargs):
    from .models import EventPage

    if isinstance(instance, EventPage) and not is_translation(instance):
        activities.remove(instance)


def on_event_deleted(sender, instance, **kwargs):
    activities.remove(instance)


def on_kind_saved(sender, instance, created, **kwargs):
    """An editor re-mapped a kind to another KPI activity: held events follow."""
    if created:
        return
    for event in instance.events.live().held().select_related("kind", "forum"):
        sync_activity(event)


def connect():
    from .models import EventKind, EventPage

    page_published.connect(on_page_published, dispatch_uid="events_kpi_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="events_kpi_unpublished")
    post_delete.connect(on_event_deleted, sender=EventPage, dispatch_uid="events_kpi_deleted")
    post_save.connect(on_kind_saved, sender=EventKind, dispatch_uid="events_kpi_kind_saved")
