"""Anything that changes a KPI figure invalidates the cached figures."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from website import cache

from . import counting
from .models import Activity, ActivityMunicipality, EnteredFigure, Indicator, IndicatorTarget


def figures_changed(sender, **kwargs):
    counting.figures_changed()
    # Again after the commit: a figure computed in between would have missed the change.
    transaction.on_commit(counting.figures_changed)


for model in (Activity, ActivityMunicipality, EnteredFigure, Indicator, IndicatorTarget):
    # Only the KPI pages and sections show them (website/cache.py).
    cache.scope_for(model, "kpi")
    post_save.connect(figures_changed, sender=model, dispatch_uid=f"kpi-figures-{model.__name__}")
    post_delete.connect(
        figures_changed, sender=model, dispatch_uid=f"kpi-figures-deleted-{model.__name__}"
    )
