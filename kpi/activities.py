"""The one way other apps record what they produced toward the KPIs.

    from kpi import activities
    activities.record(event_page, kind=activities.ActivityKind.WORKSHOP, date=..., title=...)
    activities.remove(event_page)

An app that computes an indicator's figure from its own data (the membership register)
registers it once from `ready()`:

    activities.register_computed("municipal-members", count_for_years, label="会員名簿",
                                 first_year=lambda: 2021, depends_on=[MemberOrganisation])

Apps import this module only, never kpi.models; each connects its signals in its own
`<app>/kpi_sync.py` from `ready()`. Both are idempotent: recording the same source twice
updates its one Activity, and recording what is already recorded writes nothing (so the
cached figures stay valid).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from website.dates import japan_date

from . import computed
from .models import Activity, ActivityKind, ActivityMunicipality

__all__ = ["ActivityKind", "record", "recorded_for", "register_computed", "remove"]


def register_computed(code, compute, *, label, first_year, depends_on=()):
    """Let `compute(fiscal_years)` give {year: figure} of the indicator `code` for the years
    a report shows (from `first_year()` on; years with an entered figure keep it), in one
    go. Saving or deleting a `depends_on` model refreshes the cached figures."""
    from django.db.models.signals import post_delete, post_save

    from website import cache

    from .signals import figures_changed

    computed.register(code, compute, label=label, first_year=first_year)
    for model in depends_on:
        # Public pages show these models only through the KPI figures (website/cache.py).
        cache.scope_for(model, "kpi")
        uid = f"kpi-computed-{code}-{model._meta.label}"
        post_save.connect(figures_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(figures_changed, sender=model, dispatch_uid=f"{uid}-deleted")


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
    values = {
        "kind": kind,
        "date": japan_date(date),
        "title": title[:255],
        "forum": forum,
        "participants": participants,
        "page": page,
    }
    activity, created = Activity.objects.select_for_update().get_or_create(
        **_source_key(source), defaults=values
    )
    if not created and _differs(activity, values):
        for name, value in values.items():
            setattr(activity, name, value)
        activity.save()
    if municipalities is not None:
        _set_municipalities(activity, [(p.pk, name) for p, name in municipalities], created)
    return activity


def _set_municipalities(activity, wanted, created):
    recorded = ActivityMunicipality.objects.filter(activity=activity).order_by("sort_order")
    if wanted == ([] if created else list(recorded.values_list("prefecture_id", "name"))):
        return
    if not created:
        recorded.delete()
    ActivityMunicipality.objects.bulk_create(
        ActivityMunicipality(activity=activity, prefecture_id=pk, name=name, sort_order=i)
        for i, (pk, name) in enumerate(wanted)
    )


def _differs(activity, values):
    for name, value in values.items():
        field = Activity._meta.get_field(name)
        if field.is_relation:
            if getattr(activity, field.attname) != (value.pk if value is not None else None):
                return True
        elif getattr(activity, name) != value:
            return True
    return False


def remove(source):
    """Delete the Activity of `source`, if any. Returns how many were removed (0 or 1)."""
    deleted, _ = Activity.objects.for_source(source).delete()
    return 1 if deleted else 0


def recorded_for(source):
    return Activity.objects.for_source(source).first()
