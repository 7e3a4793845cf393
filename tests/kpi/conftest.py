import datetime
from unittest import mock

import pytest
from django.apps import apps

from kpi.plan import load_plan
from website.dates import JAPAN


@pytest.fixture
def plan(db):
    """The plan's indicators, FY2020 and FY2021 targets and FY2020 figures (the migrations
    load them; this makes sure they are there even after a test that flushed the database)."""
    load_plan(apps)


@pytest.fixture
def frozen_now():
    """Freeze django.utils.timezone.now at a Japan-time moment: frozen_now(2022, 3, 31, 23, 59)."""
    patches = []

    def freeze(*args):
        moment = datetime.datetime(*args, tzinfo=JAPAN)
        patcher = mock.patch("django.utils.timezone.now", return_value=moment)
        patcher.start()
        patches.append(patcher)
        return moment

    yield freeze
    # Last started, first stopped: each patch restores what was there before it.
    for patcher in reversed(patches):
        patcher.stop()
