import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail import hooks

from events.models import EventPage
from kpi import activities
from kpi.models import Activity, ActivityKind
from tests.events.factories import EventKindFactory, EventPageFactory, jst
from tests.factories import ForumFactory
from website import teams


def held_event(parent, **kwargs):
    defaults = {
        "title": "官民ニーズ課題解決ワークショップ",
        "start": jst(2021, 9, 15, 13),
        "end": jst(2021, 9, 15, 17),
        "held": True,
        "participants": 32,
        "report": "<p>8チームが参加しました。</p>",
    }
    event = EventPageFactory(parent=parent, **{**defaults, **kwargs})
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def publish(event, **changes):
    for name, value in changes.items():
        setattr(event, name, value)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


@pytest.mark.django_db
def test_publishing_a_held_event_records_one_activity(event_index):
    forum = ForumFactory(slug="engineer-training", name="技術者育成フォーラム")
    event = held_event(event_index, forum=forum)
    activity = activities.recorded_for(event)
    assert activity is not None
    assert activity.kind == ActivityKind.WORKSHOP
    assert activity.date == datetime.date(2021, 9, 15)
    assert activity.forum == forum
    assert activity.participants == 32
    assert activity.page_id == event.pk
    assert activity.title == "官民ニーズ課題解決ワークショップ"
    assert Activity.objects.in_fiscal_year(2021).count() == 1


@pytest.mark.django_db
def test_the_kind_decides_the_activity_kind(event_index):
    citizen = EventKindFactory(slug="citizen", activity_kind=ActivityKind.CITIZEN_EVENT)
    event = held_event(event_index, kind=citizen)
    assert activities.recorded_for(event).kind == ActivityKind.CITIZEN_EVENT
    # An editor re-maps the kind: held events follow.
    citizen.activity_kind = ActivityKind.SEMINAR
    citizen.save()
    assert activities.recorded_for(event).kind == ActivityKind.SEMINAR


@pytest.mark.django_db
def test_saving_and_publishing_twice_never_counts_twice(event_index):
    event = held_event(event_index)
    event = publish(event, participants=35)
    event = publish(event)
    event.save()
    event.save_revision()
    assert Activity.objects.count() == 1
    assert activities.recorded_for(event).participants == 35


@pytest.mark.django_db
def test_held_then_not_held_then_held_again(event_index):
    event = held_event(event_index)
    event = publish(event, held=False)
    assert Activity.objects.count() == 0
    event = publish(event, held=True)
    assert Activity.objects.count() == 1


@pytest.mark.django_db
def test_a_draft_marked_held_counts_only_once_published(event_index):
    event = EventPageFactory(
        parent=event_index, start=jst(2021, 9, 15, 13), end=jst(2021, 9, 15, 17)
    )
    event.save_revision().publish()
    event.held = True
    event.participants = 20
    event.save_revision()
    assert Activity.objects.count() == 0
    event.get_latest_revision().publish()
    assert Activity.objects.count() == 1


@pytest.mark.django_db
def test_unpublishing_removes_and_republishing_restores(event_index):
    event = held_event(event_index)
    event.unpublish()
    assert Activity.objects.count() == 0
    event = EventPage.objects.get(pk=event.pk)
    event.save_revision().publish()
    assert Activity.objects.count() == 1


@pytest.mark.django_db
def test_deleting_the_event_removes_its_activity(event_index):
    event = held_event(event_index)
    other = held_event(event_index, title="別の会", slug="other")
    event.delete()
    assert list(Activity.objects.values_list("title", flat=True)) == ["別の会"]
    # Deleting the whole index removes the activities of every event under it.
    event_index.delete()
    assert Activity.objects.count() == 0
    assert not EventPage.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
def test_moving_the_date_to_another_fiscal_year(event_index):
    event = held_event(event_index, start=jst(2022, 3, 31, 13), end=jst(2022, 3, 31, 15))
    assert Activity.objects.in_fiscal_year(2021).count() == 1
    publish(event, start=jst(2022, 4, 1, 13), end=jst(2022, 4, 1, 15))
    assert Activity.objects.in_fiscal_year(2021).count() == 0
    assert Activity.objects.in_fiscal_year(2022).count() == 1
    assert Activity.objects.get().date == datetime.date(2022, 4, 1)


@pytest.mark.django_db
def test_the_activity_date_is_the_japan_date_of_the_start(event_index):
    # 2022-03-31 15:30 UTC is 2022-04-01 00:30 in Japan: fiscal year 2022.
    event = held_event(
        event_index,
        start=datetime.datetime(2022, 3, 31, 15, 30, tzinfo=datetime.UTC),
        end=datetime.datetime(2022, 3, 31, 17, 0, tzinfo=datetime.UTC),
    )
    assert activities.recorded_for(event).date == datetime.date(2022, 4, 1)
    assert Activity.objects.in_fiscal_year(2022).count() == 1


@pytest.mark.django_db
def test_held_kind_forum_date_and_participants_are_queryable(event_index):
    forum = ForumFactory(slug="kinki")
    held_event(event_index, forum=forum, participants=100)
    held_event(event_index, slug="second", forum=forum, participants=50)
    EventPageFactory(parent=event_index, forum=forum)
    events = EventPage.objects.held().filter(forum__slug="kinki", kind__activity_kind="workshop")
    assert events.count() == 2
    assert sum(events.values_list("participants", flat=True)) == 150


def incomplete_records_hook():
    (hook,) = [
        fn for fn in hooks.get_hooks("kpi_incomplete_records") if fn.__module__.startswith("events")
    ]
    return hook


@pytest.mark.django_db
def test_incomplete_records_hook_lists_held_events_missing_a_count_or_report(
    event_index, admin_user, django_assert_max_num_queries
):
    held_event(event_index, title="完了した会", slug="done")
    held_event(event_index, title="人数のない会", slug="no-count", participants=None)
    held_event(event_index, title="報告のない会", slug="no-report", report="")
    missing_both = held_event(
        event_index, title="両方ない会", slug="nothing", participants=None, report=""
    )
    EventPageFactory(parent=event_index, title="これからの会", slug="future")
    draft = EventPageFactory(
        parent=event_index,
        title="下書きの会",
        slug="draft",
        live=False,
        start=jst(2021, 9, 1, 13),
        end=jst(2021, 9, 1, 15),
        held=True,
    )
    assert draft.pk

    with django_assert_max_num_queries(2):
        records = incomplete_records_hook()(admin_user)
    by_title = {record["title"]: record for record in records}
    assert set(by_title) == {"人数のない会", "報告のない会", "両方ない会"}
    assert by_title["人数のない会"]["missing"] == "参加者数"
    assert by_title["報告のない会"]["missing"] == "報告"
    assert by_title["両方ない会"]["missing"] == "参加者数・報告"
    assert by_title["両方ない会"]["date"] == datetime.date(2021, 9, 15)
    assert by_title["両方ない会"]["edit_url"] == f"/admin/pages/{missing_both.pk}/edit/"


@pytest.mark.django_db
def test_incomplete_records_of_a_forum_editor_are_their_forums_events_only(
    event_index, django_user_model, django_assert_max_num_queries
):
    kyushu = ForumFactory(name="九州フォーラム", slug="kyushu", regional=True)
    kinki = ForumFactory(name="近畿フォーラム", slug="kinki", regional=True)
    held_event(event_index, title="九州の会", slug="kyushu", forum=kyushu, report="")
    held_event(event_index, title="近畿の会", slug="kinki", forum=kinki, report="")
    editor = django_user_model.objects.create_user(username="kyushu-editor", password="x")
    editor.groups.add(kyushu.editor_group)
    reviewer = django_user_model.objects.create_user(username="reviewer", password="x")
    reviewer.groups.add(Group.objects.get(name=teams.REVIEWERS))
    clerk = django_user_model.objects.create_user(username="jimukyoku", password="x")
    clerk.groups.add(Group.objects.get(name=teams.ADMINISTRATORS))
    hook = incomplete_records_hook()

    for n in range(5):
        held_event(event_index, title=f"九州の会{n}", slug=f"kyushu-{n}", forum=kyushu, report="")
    # Page permissions, model permissions (user's and groups'), the user's forums, the
    # events: none per event (each is cached on the user for the rest of the request).
    with django_assert_max_num_queries(5):
        records = hook(editor)

    assert sorted(record["title"] for record in records) == [
        "九州の会",
        *(f"九州の会{n}" for n in range(5)),
    ]
    assert {"九州の会", "近畿の会"} <= {record["title"] for record in hook(reviewer)}
    assert hook(clerk) is None  # 事務局 edits no pages: no list at all, not "none missing"
