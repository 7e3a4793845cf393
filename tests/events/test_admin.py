import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission

from events.models import Registration
from tests.events.factories import EventPageFactory, RegistrationFactory
from website.models import ForumOwnedLogEntry

INDEX_URL = "event_registrations:index"


@pytest.fixture
def event(event_index):
    return EventPageFactory(
        parent=event_index,
        title="橋の点検ワークショップ",
        registration_mode="site",
        capacity=3,
        waiting_list_enabled=True,
    )


@pytest.fixture
def registrations(event):
    return [
        RegistrationFactory(
            event=event,
            name="山田 太郎",
            email="taro@example.jp",
            affiliation="墨田区",
            notes="車いすで参加します",
            number_of_people=3,
        ),
        RegistrationFactory(
            event=event,
            name="佐藤 花子",
            email="hanako@example.jp",
            status="waiting",
            participant_type="student",
        ),
    ]


def staff_user(django_user_model, *, personal_data):
    user = django_user_model.objects.create_user(
        username="event-staff", password="x", email="staff@example.jp"
    )
    group = Group.objects.create(name="イベント担当" + ("（個人情報）" if personal_data else ""))
    codenames = ["access_admin", "view_registration", "change_registration"]
    if personal_data:
        codenames.append("view_registration_personal_data")
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    return user


@pytest.mark.django_db
def test_users_with_the_permission_see_search_and_export_personal_data(
    client, django_user_model, registrations
):
    client.force_login(staff_user(django_user_model, personal_data=True))
    html = client.get(reverse(INDEX_URL)).content.decode()
    assert "山田 太郎" in html and "taro@example.jp" in html and "墨田区" in html
    assert registrations[0].reference in html

    found = client.get(reverse(INDEX_URL), {"q": "佐藤"}).content.decode()
    assert "hanako@example.jp" in found and "taro@example.jp" not in found

    exported = client.get(reverse(INDEX_URL), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(exported.streaming_content).decode())))
    assert {row["氏名"] for row in rows} == {"山田 太郎", "佐藤 花子"}
    assert {row["状態"] for row in rows} == {"参加確定", "キャンセル待ち"}
    assert "車いすで参加します" in {row["連絡事項"] for row in rows}

    workbook = load_workbook(
        io.BytesIO(b"".join(client.get(reverse(INDEX_URL), {"export": "xlsx"}).streaming_content))
    )
    header = [cell.value for cell in next(workbook.active.iter_rows())]
    assert "メールアドレス" in header and "イベント" in header


@pytest.mark.django_db
def test_users_without_the_permission_never_see_personal_data(
    client, django_user_model, registrations
):
    client.force_login(staff_user(django_user_model, personal_data=False))
    response = client.get(reverse(INDEX_URL))
    assert response.status_code == 200
    html = response.content.decode()
    assert registrations[0].reference in html and registrations[1].reference in html
    for personal in ("山田", "taro@example.jp", "墨田区", "hanako@example.jp"):
        assert personal not in html

    # Searching by name would reveal who registered: it finds nothing.
    found = client.get(reverse(INDEX_URL), {"q": "山田"}).content.decode()
    assert registrations[0].reference not in found
    found = client.get(reverse(INDEX_URL), {"q": registrations[0].reference}).content.decode()
    assert registrations[0].reference in found

    exported = b"".join(
        client.get(reverse(INDEX_URL), {"export": "csv"}).streaming_content
    ).decode()
    assert registrations[0].reference in exported
    for personal in ("山田", "taro@example.jp", "墨田区", "車いす", "氏名", "メールアドレス"):
        assert personal not in exported

    edit = client.get(
        reverse("event_registrations:edit", args=[registrations[0].pk])
    ).content.decode()
    assert "taro@example.jp" not in edit and "山田" not in edit
    assert 'name="status"' in edit and 'name="email"' not in edit


@pytest.mark.django_db
def test_public_and_anonymous_users_cannot_reach_registrations(client, registrations):
    response = client.get(reverse(INDEX_URL))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_filters_by_event_and_status(admin_client, event_index, registrations):
    other = EventPageFactory(parent=event_index, title="別のイベント", registration_mode="site")
    elsewhere = RegistrationFactory(event=other, name="別の人")
    html = admin_client.get(
        reverse(INDEX_URL), {"event": registrations[0].event.pk}
    ).content.decode()
    assert registrations[0].reference in html and elsewhere.reference not in html
    html = admin_client.get(reverse(INDEX_URL), {"status": "waiting"}).content.decode()
    assert registrations[1].reference in html and registrations[0].reference not in html


@pytest.mark.django_db
def test_cancelling_in_the_admin_moves_the_waiting_list_up(
    admin_client, registrations, django_capture_on_commit_callbacks
):
    confirmed, waiting = registrations
    url = reverse("event_registrations:edit", args=[confirmed.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url,
            {
                "event": confirmed.event.pk,
                "status": "cancelled",
                "participant_type": confirmed.participant_type,
                "number_of_people": confirmed.number_of_people,
                "name": confirmed.name,
                "affiliation": confirmed.affiliation,
                "email": confirmed.email,
                "notes": confirmed.notes,
            },
        )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert any(message.to == ["hanako@example.jp"] for message in mail.outbox)
    # The admin history names the registration by its reference, never by the person.
    entries = list(ForumOwnedLogEntry.objects.values_list("label", "data"))
    labels = [label for label, _ in entries]
    assert labels and all(
        "山田" not in str(entry) and "taro@" not in str(entry) for entry in entries
    )
    assert any(confirmed.reference in label for label in labels)


@pytest.mark.django_db
def test_event_kinds_are_managed_as_snippets(admin_client):
    response = admin_client.get(reverse("wagtailsnippets_events_eventkind:list"))
    assert response.status_code == 200
    assert "ワークショップ講座" in response.content.decode()


@pytest.mark.django_db
def test_a_forums_editor_finds_the_events_registrations_from_the_event(
    client, django_user_model, event_index, event, registrations
):
    editor = django_user_model.objects.create_user(username="forum-editor", password="x")
    editor.groups.add(event.forum.editor_group)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert "参加確定 1件（3人）・キャンセル待ち 1件・キャンセル済み 0件（定員 3人・残り 0人" in html
    list_url = f"{reverse(INDEX_URL)}?event={event.pk}"
    assert f'href="{list_url}"' in html

    listed = client.get(list_url).content.decode()
    assert all(registration.reference in listed for registration in registrations)

    # Nothing to count: an event without registration here, and a new event.
    other = EventPageFactory(parent=event_index, forum=event.forum, registration_mode="none")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).content.decode()
    assert "申込み状況" not in html
    new = reverse("wagtailadmin_pages:add", args=["events", "eventpage", event_index.pk])
    assert "申込み状況" not in client.get(new).content.decode()


@pytest.mark.django_db
def test_the_registrations_panel_shows_only_to_those_who_may_see_registrations(
    client, django_user_model, event_index, event, registrations
):
    # May edit the event pages, not see their registrations.
    writers = Group.objects.create(name="イベントの原稿担当")
    writers.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=writers, page=event_index, permission_type="change")
    writer = django_user_model.objects.create_user(username="writer", password="x")
    writer.groups.add(writers)
    client.force_login(writer)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    assert response.status_code == 200 and "申込みフォームの項目" in response.content.decode()
    assert "申込み状況" not in response.content.decode()
