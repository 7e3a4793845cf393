import pytest
from django.apps import apps

from kpi.models import Indicator
from kpi.plan import load_plan
from matching import demo
from matching.models import Matching, Need, NeedsSurvey, Seed, Stage
from tests.factories import ForumFactory

pytestmark = pytest.mark.django_db

FORUMS = ["chugoku", "kinki", "kyushu", "tohoku", "kanto", "shikoku"]


def counts():
    return Need.objects.count(), Seed.objects.count(), Matching.objects.count()


def test_the_demo_shows_the_plans_example_and_a_realistic_funnel(home_page, client):
    load_plan(apps)
    for slug in FORUMS:
        ForumFactory(slug=slug, regional=True)
    ForumFactory(slug="municipal-support")

    demo.load(home_page)
    first = counts()
    demo.load(home_page)
    assert counts() == first

    example = Matching.objects.get(need__theme="河道・堤防の点検・診断")
    assert example.stage == Stage.FIELD_TRIAL
    assert example.seeds.get().technology == "SAR衛星によるインフラ変位モニタリング"
    survey = NeedsSurvey.objects.get(title="中国フォーラム 第3回ニーズ調査")
    assert survey.needs.count() >= 12
    assert survey.needs.filter(is_public=False).exists()
    assert Matching.objects.values("forum").distinct().count() >= 5

    report = Indicator.objects.report(2021)
    considered = report.get("matchings-considered").total
    concluded = report.get("matchings-concluded").total
    trials = report.get("field-trials").total
    deployments = report.get("deployments").total
    assert considered > concluded > trials > deployments > 0

    assert client.get("/matching/").status_code == 200
    page = client.get("/matching/needs/?forum=chugoku").content.decode()
    assert "河道・堤防の点検・診断" in page
