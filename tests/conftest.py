import shutil

import pytest
from django.conf import settings
from django.utils import timezone, translation

from tests.factories import make_home_page

REAL_NOW = timezone.now


@pytest.fixture(autouse=True, scope="session")
def clean_test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def clock_is_real_again():
    """A test that freezes the clock must give it back: a frozen clock left behind makes
    later tests fail (bookings out of their window, schedules that never fall due)."""
    yield
    assert timezone.now is REAL_NOW, "django.utils.timezone.now is still patched"


@pytest.fixture(autouse=True)
def clear_caches():
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture(autouse=True)
def japanese_again():
    """Django leaves the language of the last request active in the thread: after a test that
    read an English page (/en/…), the next one starts in Japanese again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home_page(db):
    return make_home_page()


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser(
        username="editor", email="editor@example.jp", password="correct-horse-battery"
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """With `--dist loadgroup`, pytest-xdist sends the tests of one `xdist_group` to one worker
    by adding the group to their ids; if a pytest or xdist upgrade loses that suffix, the
    browser tests start a demo site on every worker and CI doubles its time. Fail instead."""
    if not getattr(config.option, "loadgroup", False):
        return
    ungrouped = [
        item.nodeid
        for item in items
        if item.get_closest_marker("xdist_group") and "@" not in item.nodeid
    ]
    if ungrouped:
        raise pytest.UsageError(
            f"pytest-xdist did not group {len(ungrouped)} tests, e.g. {ungrouped[0]}: "
            "check the pytest and pytest-xdist versions in pyproject.toml"
        )
