import pytest
from django.apps import apps

from members import local_governments
from tests.kpi.conftest import plan  # noqa: F401


@pytest.fixture
def governments(db):
    """The 1,788 local governments (migration 0002 loads them; this makes sure they are there
    even after a test that flushed the database)."""
    if not apps.get_model("members", "LocalGovernment").objects.exists():
        local_governments.load()
