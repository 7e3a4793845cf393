"""The one way other apps record what they produced toward the KPIs.

    from kpi import activities
    activities.record(event_page, kind=ActivityKind.WORKSHOP, date=..., title=..., ...)
    activities.remove(event_page)

Both are idempotent: recording the same source twice updates its one Activity.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from website.dates import japan_date

from .models import Activity, ActivityMunicipality


def _source_key(source):
    return {
        "source_content_type": ContentType.objects.get_for_model(source),
        "source_object_id": str(source.pk),
    }


@transaction.atomic
def record(
    source,
    *,
    kind,
    date,
    title,
    forum=None,
    participants=None,
    page=None,
    municipalities=None,
):
    """Create or update the Activity of `source`.

    `date` is a date, or an aware datetime whose Japan-time date is used (an event starting
    at 2022-04-01 00:30 JST belongs to FY2022 even though it is still March 31 in UTC).
    `municipalities` is an iterable of (prefecture, name) pairs, or None to leave the
    existing ones untouched.
    """
    activity, _ = Activity.objects.update_or_create(
        **_source_key(source),
        defaults={
            "kind": kind,
            "date": japan_date(date),
            "title": title[:255],
            "forum": forum,
            "participants": participants,
            "page": page,
        },
    )
    if municipalities is not None:
        activity.municipalities.all().delete()
        ActivityMunicipality.objects.bulk_create(
            ActivityMunicipality(activity=activity, prefecture=prefecture, name=name, sort_order=i)
            for i, (prefecture, name) in enumerate(municipalities)
        )
    return activity


def remove(source):
    """Delete the Activity of `source`, if any. Returns how many were removed (0 or 1)."""
    deleted, _ = Activity.objects.for_source(source).delete()
    return 1 if deleted else 0


def recorded_for(source):
    return Activity.objects.for_source(source).first()
