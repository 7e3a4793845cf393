"""Who handles a booking in the admin, and who sees the teacher's personal data there."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from outreach.bookings import cancel_by_teacher, update_notes
from outreach.models import Booking
from tests.factories import ForumFactory

from .factories import BookingFactory, LessonPageFactory, LessonSlotFactory, booking_data

pytestmark = pytest.mark.django_db

WITHHELD = "（個人情報の閲覧権限がありません）"
TEACHER = {
    "teacher_name": "鈴木 一郎",
    "email": "ichiro.suzuki@example.jp",
    "phone": "090-1111-2222",
    "address": "天神1-2-3",
    "accessibility_needs": "車いすの児童がいます",
    "notes": "体育館で実施を希望します",
}


@pytest.fixture
def kyushu():
    return ForumFactory(name="九州フォーラム", slug="kyushu", regional=True)


@pytest.fixture
def kyushu_lesson(lesson_index, kyushu):
    return LessonPageFactory(parent=lesson_index, forum=kyushu, slug="kyushu-bridge")


@pytest.fixture
def booking(kyushu_lesson):
    return BookingFactory(lesson=kyushu_lesson, **TEACHER)


def staff_user(django_user_model, username, *groups, **fields):
    fields.setdefault("email", f"{username}@example.jp")
    user = django_user_model.objects.create_user(username=username, password="x", **fields)
    user.groups.add(*groups)
    return user


@pytest.fixture
def kyushu_editor(django_user_model, kyushu):
    return staff_user(django_user_model, "kyushu-editor", kyushu.editor_group)


@pytest.fixture
def reviewer(django_user_model):
    return staff_user(django_user_model, "koho-reviewer", Group.objects.get(name="広報部会"))


def pages_of(booking):
    return {
        "list": reverse("lesson_bookings:index"),
        "edit": reverse("lesson_bookings:edit", args=[booking.pk]),
        "inspect": reverse("lesson_bookings:inspect", args=[booking.pk]),
        "status": reverse("lesson_bookings:status", args=[booking.pk]),
        "calendar": reverse("lesson_bookings:calendar") + f"?month={booking.lesson_date:%Y-%m}",
    }


def export_text(client, kind):
    response = client.get(reverse("lesson_bookings:index") + f"?export={kind}")
    content = b"".join(response.streaming_content)
    if kind == "csv":
        return content.decode("utf-8")
    sheet = load_workbook(io.BytesIO(content)).active
    return "\n".join(
        ",".join(str(cell) for cell in row if cell is not None) for row in sheet.values
    )


# Who holds the permission


def holds(group):
    return group.permissions.filter(
        content_type__app_label="outreach", codename="view_booking_personal_data"
    ).exists()


def test_the_lesson_staff_and_forum_editors_hold_the_permission_and_reviewers_do_not(kyushu):
    assert Booking.PERSONAL_DATA_PERMISSION == "outreach.view_booking_personal_data"
    assert holds(Group.objects.get(name="出前授業担当"))  # the migration
    assert holds(kyushu.editor_group)  # the forum_team_permissions hook
    assert not holds(Group.objects.get(name="広報部会"))


# What staff without it see


def test_reviewers_see_the_booking_but_never_the_teachers_personal_data(client, reviewer, booking):
    client.force_login(reviewer)
    for name, url in pages_of(booking).items():
        html = client.get(url).content.decode()
        assert booking.reference in html, name
        for value in TEACHER.values():
            assert value not in html, (name, value)
        if name in ("edit", "inspect", "status"):
            assert WITHHELD in html, name
    for kind in ("csv", "xlsx"):
        exported = export_text(client, kind)
        assert booking.reference in exported and booking.school_name in exported
        for value in TEACHER.values():
            assert value not in exported, (kind, value)
        assert "メールアドレス" not in exported
    # Searching by the teacher's name or address would tell who booked.
    index = reverse("lesson_bookings:index")
    for query in ("鈴木", "ichiro.suzuki"):
        assert booking.reference not in client.get(index, {"q": query}).content.decode()
    assert booking.reference in client.get(index, {"q": booking.school_name}).content.decode()


def test_a_reviewer_saving_the_booking_keeps_the_teachers_details(client, reviewer, booking):
    client.force_login(reviewer)
    url = reverse("lesson_bookings:edit", args=[booking.pk])
    form = client.get(url).context["form"]
    assert not set(TEACHER) & set(form.fields)
    data = {
        name: getattr(value, "pk", value)
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    response = client.post(url, data | {"report": "ていねいな授業でした"})
    assert response.status_code == 302, response.context["form"].errors
    booking.refresh_from_db()
    assert booking.report == "ていねいな授業でした"
    for name, value in TEACHER.items():
        assert getattr(booking, name) == value


# What the forum's editors see


def test_the_forums_editors_see_their_bookings_teacher_and_no_other_forums(
    client, kyushu_editor, lesson_index, booking
):
    other = BookingFactory(
        lesson=LessonPageFactory(parent=lesson_index, forum=ForumFactory(), slug="elsewhere"),
        teacher_name="佐藤 花子",
        email="hanako.sato@example.jp",
    )
    client.force_login(kyushu_editor)
    for name in ("edit", "inspect", "status"):
        html = client.get(pages_of(booking)[name]).content.decode()
        assert WITHHELD not in html, name
        for field in ("teacher_name", "email", "phone"):
            assert TEACHER[field] in html, (name, field)
    status = client.get(pages_of(booking)["status"]).content.decode()
    assert TEACHER["notes"] in status and TEACHER["accessibility_needs"] in status
    assert f'<a href="mailto:{TEACHER["email"]}">' in status
    exported = export_text(client, "csv")
    assert TEACHER["email"] in exported and TEACHER["phone"] in exported
    found = client.get(reverse("lesson_bookings:index"), {"q": "ichiro.suzuki"})
    assert booking.reference in found.content.decode()
    # Another forum's booking, its teacher included, stays out of reach.
    for name, url in pages_of(other).items():
        response = client.get(url)
        html = response.content.decode()
        assert "佐藤" not in html and "hanako.sato" not in html, name
        if name in ("edit", "inspect", "status"):
            assert response.status_code != 200, name
    assert "hanako.sato" not in exported


# Staff notices reach the forum's editors


@pytest.fixture
def secretariat(settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["secretariat@example.jp"]


def staff_notices():
    return [message for message in mail.outbox if "secretariat@example.jp" in message.to]


def test_a_new_booking_is_told_to_the_secretariat_and_the_forums_editors(
    client,
    secretariat,
    kyushu_lesson,
    kyushu_editor,
    django_user_model,
    kyushu,
    caplog,
    django_capture_on_commit_callbacks,
):
    # An editor whose address is also the secretariat's gets it once.
    staff_user(django_user_model, "desk", kyushu.editor_group, email="Secretariat@example.jp")
    slot = LessonSlotFactory(lesson=kyushu_lesson)
    with caplog.at_level("DEBUG"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(kyushu_lesson.url + "book/", booking_data(slot=slot.pk))
    assert response.status_code == 302
    booking = Booking.objects.get()
    [notice] = staff_notices()
    assert notice.to == ["secretariat@example.jp", "kyushu-editor@example.jp"]
    status_url = f"http://testserver/admin/lesson_bookings/status/{booking.pk}/"
    assert status_url in notice.body
    assert "/edit/" not in notice.body
    assert "kyushu-editor@example.jp" not in caplog.text


def test_the_teachers_cancellation_and_notes_reach_the_forums_editors_too(
    secretariat, lesson, booking, kyushu_editor, django_capture_on_commit_callbacks
):
    without_forum = BookingFactory(lesson=lesson)
    with django_capture_on_commit_callbacks(execute=True):
        update_notes(booking, "雨天の場合は教室で")
        cancel_by_teacher(booking)
        cancel_by_teacher(without_forum)
    notices = staff_notices()
    assert [notice.to for notice in notices] == [
        ["secretariat@example.jp", "kyushu-editor@example.jp"],
        ["secretariat@example.jp", "kyushu-editor@example.jp"],
        ["secretariat@example.jp"],  # a lesson of no forum: the secretariat's
    ]
    for notice, handled in zip(notices, [booking, booking, without_forum], strict=True):
        assert f"http://testserver/admin/lesson_bookings/status/{handled.pk}/" in notice.body


def test_the_csv_headings_for_reviewers_leave_the_personal_columns_out(client, reviewer, booking):
    client.force_login(reviewer)
    rows = list(csv.reader(io.StringIO(export_text(client, "csv").lstrip("\ufeff"))))
    for heading in ("ご担当の先生", "メールアドレス", "電話番号", "町名・番地", "連絡事項"):
        assert heading not in rows[0]
    assert "学校名" in rows[0] and "お断りの理由" in rows[0]


def test_only_the_forums_editors_who_may_see_the_data_get_the_notice(
    secretariat, django_user_model, kyushu, booking, django_capture_on_commit_callbacks
):
    permission = Permission.objects.get(codename="view_booking_personal_data")
    kyushu.editor_group.permissions.remove(permission)
    staff_user(django_user_model, "without", kyushu.editor_group)
    given = staff_user(django_user_model, "given", kyushu.editor_group)
    given.user_permissions.add(permission)
    staff_user(django_user_model, "boss", kyushu.editor_group, is_superuser=True)
    staff_user(django_user_model, "away", kyushu.editor_group, is_superuser=True, is_active=False)
    # Another forum's editors may see its bookings' data, not this one's notices.
    elsewhere = ForumFactory(name="近畿フォーラム", slug="kinki", regional=True)
    staff_user(django_user_model, "kinki-editor", elsewhere.editor_group)
    with django_capture_on_commit_callbacks(execute=True):
        update_notes(booking, "雨天の場合は教室で")
    [notice] = staff_notices()
    assert notice.to == ["secretariat@example.jp", "boss@example.jp", "given@example.jp"]
