"""Matchings count toward the KPIs: one kpi.Activity per stage a matching reached.

Each dated row of a matching's history (MatchingStageChange) of 検討, 成立, 現場試行 or 社会実装
records its activity in the fiscal year of its date, for the matching's forum. A stage beyond
the matching's current stage (it was moved back) is not counted; a matching that ended as
見送り keeps what it reached before. Deleting a row or the matching removes its activity;
recording is keyed on the row, so saving twice never counts twice.
"""

from django.db.models.signals import post_delete, post_save

from kpi import activities

from .choices import stage_counts

ACTIVITY_KINDS = {
    "considered": activities.ActivityKind.MATCHING_CONSIDERED,
    "concluded": activities.ActivityKind.MATCHING_CONCLUDED,
    "field_trial": activities.ActivityKind.FIELD_TRIAL,
    "deployment": activities.ActivityKind.DEPLOYMENT,
}


def sync_change(change, matching=None):
    matching = matching or change.matching
    if not stage_counts(change.stage, matching.stage):
        activities.remove(change)
        return None
    need = matching.need
    government = need.local_government
    return activities.record(
        change,
        kind=ACTIVITY_KINDS[change.stage],
        date=change.date,
        title=f"{change.get_stage_display()}: {government}「{need.theme}」",
        forum=matching.forum,
        municipalities=[(government.prefecture, government.name)],
    )


def sync_matching(matching):
    from .models import MatchingStageChange

    # From the database: while the admin saves, the in-memory history is not saved yet (each
    # row is synced as it is saved).
    for change in MatchingStageChange.objects.filter(matching=matching):
        sync_change(change, matching)


def on_matching_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_matching(instance)


def on_change_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_change(instance)


def on_change_deleted(sender, instance, **kwargs):
    activities.remove(instance)


def on_need_saved(sender, instance, created, raw=False, **kwargs):
    """The need's theme or local government is in the activities' titles and municipalities."""
    if created or raw:
        return
    for matching in instance.matchings.select_related(
        "forum", "need__local_government__prefecture"
    ):
        sync_matching(matching)


def connect():
    from .models import Matching, MatchingStageChange, Need

    post_save.connect(on_matching_saved, sender=Matching, dispatch_uid="matching_kpi_saved")
    post_save.connect(
        on_change_saved, sender=MatchingStageChange, dispatch_uid="matching_kpi_change_saved"
    )
    post_delete.connect(
        on_change_deleted, sender=MatchingStageChange, dispatch_uid="matching_kpi_change_deleted"
    )
    post_save.connect(on_need_saved, sender=Need, dispatch_uid="matching_kpi_need_saved")
