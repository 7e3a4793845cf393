import datetime
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from events.models import EventIndexPage, EventPage, Registration
from kpi.models import Activity, ActivityKind
from website.fiscal import fiscal_year_range


def counts():
    return (
        EventPage.objects.count(),
        Activity.objects.count(),
        Registration.objects.count(),
        EventIndexPage.objects.count(),
    )


@pytest.mark.django_db
def test_demo_events_load_once_and_cover_the_plan(client):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first

    start, end = fiscal_year_range(2021)
    # The Japanese events: an English translation is the same event (issue 24), not counted.
    fy2021 = EventPage.objects.live().filter(
        start__gte=start, start__lt=end, locale__language_code="ja"
    )
    assert fy2021.count() >= 15
    assert fy2021.held().count() >= fy2021.count() * 2 // 3
    assert not fy2021.held().filter(participants__isnull=True, report="").exists()
    assert fy2021.filter(kind__name="ワークショップ講座", held=True).count() >= 2
    assert fy2021.filter(kind__name="市民参画イベント", held=True).count() >= 2
    assert fy2021.filter(
        title__contains="近畿本部フォーラム2021", start__date="2021-07-01"
    ).exists()
    assert fy2021.filter(status="cancelled").exists()

    # The KPI dashboard has FY2021 figures to show.
    # Other apps' demo content records activities too; count the events' own.
    kpi = Activity.objects.in_fiscal_year(2021).filter(
        source_content_type=ContentType.objects.get_for_model(EventPage)
    )
    assert kpi.count() == fy2021.held().count()
    assert kpi.filter(kind=ActivityKind.WORKSHOP).count() >= 2

    upcoming = EventPage.objects.visible().upcoming()
    assert upcoming.count() >= 3
    small = upcoming.get(registration_mode="site", capacity__lte=20)
    assert small.places_left() > 0
    assert upcoming.filter(attendance="hybrid").exists()

    for event in EventPage.objects.live():
        assert client.get(event.url).status_code == 200, event.url
    for path in ("/events/", "/events/past/", "/events/calendar/", "/events/feed/"):
        assert client.get(path).status_code == 200
    assert client.get(f"{small.url}register/").status_code == 200


@pytest.mark.django_db
def test_a_later_load_moves_passed_demo_events_forward(client):
    call_command("load_demo")
    first = counts()
    next_year = timezone.now() + datetime.timedelta(days=400)
    with mock.patch("django.utils.timezone.now", return_value=next_year):
        call_command("load_demo")
        assert EventPage.objects.visible().upcoming(next_year).count() >= 3
    assert counts() == first
