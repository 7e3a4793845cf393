import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.funnel import funnel, latest_year
from matching.models import Matching, MatchingStageChange, Stage
from tests.factories import ForumFactory

from .factories import MatchingFactory, NeedFactory, OperationalStoryFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def counts(steps):
    return [step.count for step in steps]


def advance(forum, stages):
    matching = MatchingFactory(need=NeedFactory(forum=forum))
    for stage, date in stages:
        matching.reach(stage, date)
    return matching


def test_the_funnel_counts_each_stage_in_its_year_with_conversion_rates():
    regional = ForumFactory(regional=True)
    national = ForumFactory()
    for _ in range(4):
        advance(regional, [(Stage.CONSIDERED, D(2021, 6, 1))])
    advance(regional, [(Stage.CONSIDERED, D(2021, 6, 1)), (Stage.CONCLUDED, D(2022, 3, 31))])
    advance(national, [(Stage.CONSIDERED, D(2021, 6, 1)), (Stage.CONCLUDED, D(2022, 4, 1))])
    back = advance(regional, [(Stage.CONSIDERED, D(2021, 6, 1)), (Stage.CONCLUDED, D(2021, 9, 1))])
    back.stage = Stage.CONSIDERED
    back.save()

    result = funnel(MatchingStageChange.objects.all(), 2021)

    assert counts(result["regional"]) == [6, 1, 0, 0]
    assert counts(result["national"]) == [1, 0, 0, 0]
    assert counts(result["all"]) == [7, 1, 0, 0]
    assert result["regional"][1].rate == Decimal("17")
    assert result["regional"][0].rate is None
    assert result["regional"][3].rate is None  # nothing to convert from
    assert counts(funnel(MatchingStageChange.objects.all(), 2022)["national"]) == [0, 1, 0, 0]
    assert latest_year(MatchingStageChange.objects.all()) == 2022
    assert latest_year(MatchingStageChange.objects.filter(matching__forum=regional)) == 2021


def test_the_funnel_takes_one_query_however_many_matchings():
    forum = ForumFactory(regional=True)
    for _ in range(10):
        advance(forum, [(Stage.CONSIDERED, D(2021, 6, 1)), (Stage.CONCLUDED, D(2021, 9, 1))])
    with CaptureQueriesContext(connection) as few:
        first = funnel(MatchingStageChange.objects.all(), 2021)
    # 1,990 more, written in bulk (no KPI activities: the funnel reads the history).
    need = NeedFactory(forum=forum)
    matchings = Matching.objects.bulk_create(
        Matching(need=need, forum=forum, stage=Stage.FIELD_TRIAL) for _ in range(1990)
    )
    MatchingStageChange.objects.bulk_create(
        MatchingStageChange(matching=matching, stage=stage, date=date)
        for matching in matchings
        for stage, date in ((Stage.CONSIDERED, D(2021, 6, 1)), (Stage.FIELD_TRIAL, D(2021, 9, 1)))
    )
    with CaptureQueriesContext(connection) as many:
        result = funnel(MatchingStageChange.objects.all(), 2021)
    assert len(many) == len(few) == 1
    assert counts(first["all"]) == [10, 10, 0, 0]
    assert counts(result["all"]) == [2000, 10, 1990, 0]


def test_the_forum_page_shows_its_funnel_and_stories(client, home_page, matching_index):
    forum = ForumFactory(regional=True, slug="chugoku", name="中国フォーラム")
    advance(forum, [(Stage.CONSIDERED, D(2021, 6, 1)), (Stage.CONCLUDED, D(2021, 9, 1))])
    OperationalStoryFactory(forum=forum, title="ピッチイベント後の個別面談で成立につなげた")

    forum_page = client.get("/forums/chugoku/").content.decode()
    assert "2021年度のマッチングの進み具合" in forum_page
    assert "ピッチイベント後の個別面談で成立につなげた" in forum_page
    assert "/matching/needs/?forum=chugoku" in forum_page

    index = client.get("/matching/").content.decode()
    assert "2021年度のマッチングの進み具合" in index
    assert "地方フォーラム" in index


def test_the_kpi_dashboard_shows_the_funnel_with_conversion_rates(client, home_page):
    from django.apps import apps

    from kpi.models import KpiDashboardPage
    from kpi.plan import load_plan

    load_plan(apps)
    dashboard = KpiDashboardPage(title="KPI", slug="kpi")
    home_page.add_child(instance=dashboard)
    forum = ForumFactory(regional=True)
    for _ in range(3):
        advance(forum, [(Stage.CONSIDERED, D(2021, 6, 1))])
    advance(forum, [(Stage.CONSIDERED, D(2021, 6, 1)), (Stage.CONCLUDED, D(2021, 9, 1))])

    html = client.get("/kpi/", {"year": "2021"}).content.decode()

    assert "マッチングの進み具合" in html
    assert "2021年度・地方フォーラム" in html
    assert "25%" in html  # 1 concluded of 4 considered
