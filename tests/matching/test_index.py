"""The needs and seeds index, as a local government official on a phone reads it."""

import datetime

import pytest

from matching.models import Stage
from website.dates import japan_today

from .factories import MatchingFactory, NeedsSurveyFactory

pytestmark = pytest.mark.django_db


def test_the_open_surveys_come_before_the_funnel_tables(client, matching_index):
    today = japan_today()
    NeedsSurveyFactory(
        title="九州フォーラム ニーズ調査",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
    )
    MatchingFactory().reach(Stage.CONSIDERED)

    page = client.get("/matching/").content.decode()

    assert "マッチングの進み具合" in page
    assert page.index("受付中のニーズ調査") < page.index("九州フォーラム ニーズ調査")
    assert page.index("九州フォーラム ニーズ調査") < page.index("マッチングの進み具合")
