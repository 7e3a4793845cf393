"""The demo's teams (issue 17): one user per role, news awaiting approval, news scheduled."""

import datetime

import pytest
from django.core.management import call_command

from news.demo import AWAITING, SCHEDULED
from news.models import NewsPage
from website import demo
from website.dates import JAPAN, japan_today


@pytest.mark.django_db
def test_demo_has_a_user_per_role_news_in_review_and_news_scheduled_for_tomorrow(client):
    call_command("load_demo")
    call_command("load_demo")  # idempotent
    for username, _name, _group in demo.TEAM_USERS:
        assert client.login(username=username, password=demo.TEAM_PASSWORD), username
        assert client.get("/admin/").status_code == 200
    client.logout()

    awaiting = NewsPage.objects.get(slug=AWAITING["slug"])
    assert not awaiting.live and awaiting.workflow_in_progress
    assert awaiting.current_workflow_task.name == "広報部会の確認"
    assert awaiting.forum.slug == "kyushu"

    scheduled = NewsPage.objects.get(slug=SCHEDULED["slug"])
    tomorrow = japan_today() + datetime.timedelta(days=1)
    assert not scheduled.live
    assert scheduled.scheduled_revision.approved_go_live_at == datetime.datetime.combine(
        tomorrow, datetime.time(10), tzinfo=JAPAN
    )

    client.login(username="koho-reviewer", password=demo.TEAM_PASSWORD)
    assert AWAITING["title"] in client.get("/admin/").content.decode()  # awaiting review
    client.login(username="kyushu-editor", password=demo.TEAM_PASSWORD)
    other = NewsPage.objects.exclude(forum__slug="kyushu").first()
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code == 302  # refused
