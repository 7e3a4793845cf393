"""The choices of the matching models, apart from them so that the public forms, filters and
views (which models.py routes to) can use them without importing the models back."""

from django.db import models


class Publication(models.TextChoices):
    """How far an organisation lets its need or seed be shown (its consent, or an editor's
    decision)."""

    PUBLIC = "public", "一般に公開してよい"
    MEMBERS = "members", "会員にだけ公開してよい"
    NONE = "none", "公開しない"


class Stage(models.TextChoices):
    CONSIDERED = "considered", "検討"
    CONCLUDED = "concluded", "成立"
    FIELD_TRIAL = "field_trial", "現場試行"
    DEPLOYMENT = "deployment", "社会実装"
    DROPPED = "dropped", "見送り"


# The stages in order of progress; 見送り ends a matching wherever it was.
PROGRESS = [Stage.CONSIDERED, Stage.CONCLUDED, Stage.FIELD_TRIAL, Stage.DEPLOYMENT]


def stage_counts(reached, current):
    """Whether a stage `reached` counts (toward the KPIs, in the funnel) while the matching is
    at stage `current`: not beyond the current stage, except that a matching that ended as
    見送り keeps what it reached before."""
    if reached not in PROGRESS:
        return False
    if current == Stage.DROPPED:
        return True
    return PROGRESS.index(reached) <= PROGRESS.index(current)
