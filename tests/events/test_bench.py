import io

import pytest
from wagtail import hooks
from wagtail.models import Page

from events import bench
from events.models import EventPage
from kpi.models import Activity


@pytest.mark.django_db
def test_bench_hook_creates_valid_published_events_quickly(
    client, admin_client, home_page, monkeypatch
):
    monkeypatch.setattr(bench, "BENCH_COUNT", 40)
    (load,) = [
        fn for fn in hooks.get_hooks("website_bench_data") if fn.__module__.startswith("events")
    ]
    out = io.StringIO()
    load(home=home_page, stdout=out)
    assert "40 件を確認しました（新規 40 件" in out.getvalue()

    events = EventPage.objects.visible()
    assert events.count() == 40
    assert events.upcoming().exists() and events.past().exists()
    # The tree written in bulk is a sound Wagtail tree.
    assert Page.find_problems() == ([], [], [], [], [])
    event = events.upcoming().first()
    assert client.get(event.url).status_code == 200
    assert admin_client.get(f"/admin/pages/{event.pk}/edit/").status_code == 200
    assert Activity.objects.count() == events.held().count() > 0
    # Titles come back with the match highlighted, so look for the link.
    assert f'href="{event.url}"' in client.get("/search/", {"q": event.title}).content.decode()
    # Loading again (a kept benchmark database) adds none: every run measures the same set.
    out = io.StringIO()
    load(home=home_page, stdout=out)
    assert "新規 0 件" in out.getvalue()
    assert EventPage.objects.count() == 40
    # A set cut short is topped up, next to what is there, without breaking the tree.
    EventPage.objects.filter(pk=event.pk).delete()
    load(home=home_page, stdout=io.StringIO())
    assert EventPage.objects.count() == 40
    assert Page.find_problems() == ([], [], [], [], [])
