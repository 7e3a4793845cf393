"""Each stage a matching reaches counts once, in the fiscal year (Japan time) of its date."""

import datetime

import pytest
from django.apps import apps

from kpi import activities
from kpi.models import Activity, ActivityKind, Indicator
from kpi.plan import load_plan
from matching.models import MatchingStageChange, Stage
from tests.factories import ForumFactory
from website.dates import JAPAN

from .factories import MatchingFactory, NeedFactory, government

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    load_plan(apps)


def figure(code, year, scope="total"):
    return getattr(Indicator.objects.report(year).get(code), scope)


def kinds():
    return sorted(Activity.objects.values_list("kind", flat=True))


def test_each_stage_reached_records_one_activity_for_the_matchings_forum():
    matching = MatchingFactory()
    matching.reach(Stage.CONSIDERED, datetime.date(2021, 6, 1))
    matching.reach(Stage.CONCLUDED, datetime.date(2021, 9, 1))
    matching.reach(Stage.FIELD_TRIAL, datetime.date(2021, 11, 1))

    assert kinds() == sorted(
        [
            ActivityKind.FIELD_TRIAL,
            ActivityKind.MATCHING_CONCLUDED,
            ActivityKind.MATCHING_CONSIDERED,
        ]
    )
    assert set(Activity.objects.values_list("forum", flat=True)) == {matching.forum_id}
    trial = Activity.objects.get(kind=ActivityKind.FIELD_TRIAL)
    assert trial.date == datetime.date(2021, 11, 1)
    assert "河道・堤防の点検・診断" in trial.title


def test_recording_is_idempotent(plan):
    matching = MatchingFactory()
    matching.reach(Stage.CONSIDERED, datetime.date(2021, 6, 1))
    matching.reach(Stage.CONSIDERED, datetime.date(2021, 6, 1))
    matching.save()
    change = matching.stage_changes.get()
    change.save()

    assert Activity.objects.count() == 1
    assert figure("matchings", 2021) == 1
    assert figure("matchings-considered", 2021) == 1


@pytest.mark.parametrize(
    ("day", "year"),
    [(datetime.date(2022, 3, 31), 2021), (datetime.date(2022, 4, 1), 2022)],
)
def test_the_date_reached_decides_the_fiscal_year_at_its_boundary(plan, day, year):
    MatchingFactory().reach(Stage.CONSIDERED, day)

    assert figure("matchings-considered", year) == 1
    other = 2022 if year == 2021 else 2021
    assert not figure("matchings-considered", other)


def test_a_moment_just_after_midnight_in_japan_belongs_to_the_new_fiscal_year(plan):
    # 2022-04-01 00:30 in Japan is still March 31 in UTC.
    moment = datetime.datetime(2022, 4, 1, 0, 30, tzinfo=JAPAN)
    MatchingFactory().reach(Stage.CONCLUDED, moment.date())

    assert figure("matchings-concluded", 2022) == 1
    assert not figure("matchings-concluded", 2021)


def test_correcting_a_date_moves_the_count_to_the_other_year(plan):
    matching = MatchingFactory()
    change = matching.reach(Stage.CONSIDERED, datetime.date(2022, 3, 31))
    change.date = datetime.date(2022, 4, 1)
    change.save()

    assert Activity.objects.count() == 1
    assert not figure("matchings-considered", 2021)
    assert figure("matchings-considered", 2022) == 1


def test_moving_a_matching_back_uncounts_the_later_stages(plan):
    matching = MatchingFactory()
    matching.reach(Stage.CONSIDERED, datetime.date(2021, 6, 1))
    matching.reach(Stage.CONCLUDED, datetime.date(2021, 9, 1))
    assert figure("matchings", 2021) == 2

    matching.stage = Stage.CONSIDERED
    matching.save()

    assert kinds() == [ActivityKind.MATCHING_CONSIDERED]
    assert figure("matchings", 2021) == 1
    assert figure("matchings-concluded", 2021) in (0, None)

    matching.stage = Stage.CONCLUDED
    matching.save()
    assert figure("matchings", 2021) == 2


def test_a_dropped_matching_keeps_the_stages_it_reached(plan):
    matching = MatchingFactory()
    matching.reach(Stage.CONSIDERED, datetime.date(2021, 6, 1))
    matching.reach(Stage.DROPPED, datetime.date(2021, 10, 1))

    assert kinds() == [ActivityKind.MATCHING_CONSIDERED]


def test_deleting_a_stage_or_the_matching_removes_its_activities(plan):
    matching = MatchingFactory()
    matching.reach(Stage.CONSIDERED, datetime.date(2021, 6, 1))
    concluded = matching.reach(Stage.CONCLUDED, datetime.date(2021, 9, 1))

    concluded.delete()
    assert kinds() == [ActivityKind.MATCHING_CONSIDERED]

    matching.delete()
    assert not Activity.objects.exists()
    assert not MatchingStageChange.objects.exists()
    assert not figure("matchings", 2021)


def test_changing_the_forum_moves_the_counts_to_the_other_scope(plan):
    national = ForumFactory()
    matching = MatchingFactory()
    matching.reach(Stage.CONSIDERED, datetime.date(2021, 6, 1))
    assert figure("matchings", 2021, "regional") == 1

    matching.forum = national
    matching.save()

    assert figure("matchings", 2021, "national") == 1
    assert not figure("matchings", 2021, "regional")


def test_a_local_government_is_counted_once_however_many_matchings_it_has(plan):
    hiroshima = government("341002")
    for _ in range(3):
        MatchingFactory(need=NeedFactory(local_government=hiroshima)).reach(
            Stage.CONCLUDED, datetime.date(2021, 9, 1)
        )
    MatchingFactory(need=NeedFactory(local_government=government("342025"))).reach(
        Stage.CONCLUDED, datetime.date(2021, 9, 1)
    )

    assert figure("municipalities-supported", 2021) == 2


def test_renaming_the_need_updates_the_recorded_titles():
    matching = MatchingFactory()
    change = matching.reach(Stage.CONSIDERED, datetime.date(2021, 6, 1))
    need = matching.need
    need.theme = "橋梁の点検"
    need.save()

    assert "橋梁の点検" in activities.recorded_for(change).title


def test_a_local_government_counts_as_supported_from_the_matching_considered(plan):
    """The plan's 支援自治体数 is 「自治体ニーズ紹介等実施の自治体数」: a local government whose
    need was taken up (検討) was supported that year, whether or not it was concluded (FY2020:
    83 supported with only 14 matchings concluded). See the README's decision."""
    considered = MatchingFactory(need=NeedFactory(local_government=government("341002")))
    considered.reach(Stage.CONSIDERED, datetime.date(2022, 3, 31))
    dropped = MatchingFactory(need=NeedFactory(local_government=government("342025")))
    dropped.reach(Stage.CONSIDERED, datetime.date(2021, 6, 1))
    dropped.dropped_reason = "費用が合わなかった"
    dropped.reach(Stage.DROPPED, datetime.date(2021, 12, 1))

    assert figure("municipalities-supported", 2021) == 2
    assert not figure("municipalities-supported", 2022)

    # Its 検討 moved to the next fiscal year (Japan dates): counted there, not here.
    change = considered.stage_changes.get(stage=Stage.CONSIDERED)
    change.date = datetime.date(2022, 4, 1)
    change.save()
    assert figure("municipalities-supported", 2021) == 1
    assert figure("municipalities-supported", 2022) == 1

    # Undone (the 検討 row deleted): no longer a supported local government.
    change.delete()
    assert not figure("municipalities-supported", 2022)
