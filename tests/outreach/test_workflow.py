import datetime
import itertools

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail import hooks
from wagtail.log_actions import registry as log_registry

from kpi import activities
from kpi.models import Activity, ActivityKind
from outreach.bookings import change_status
from outreach.models import TRANSITIONS, Booking, BookingStatus, InvalidTransition
from outreach.wagtail_hooks import delivered_lessons_missing_details
from tests.factories import ForumFactory
from website.models import ForumOwnedLogEntry

from .factories import BookingFactory, LessonPageFactory

pytestmark = pytest.mark.django_db

S = BookingStatus


@pytest.fixture
def booking(lesson, slot):
    return BookingFactory(lesson=lesson, slot=slot, lesson_date=None)


# Only valid transitions


def test_the_whole_workflow(booking, today):
    day = today + datetime.timedelta(days=40)
    change_status(booking, S.CONFIRMED, lesson_date=day, start_time=datetime.time(9, 50))
    change_status(booking, S.DELIVERED, pupils_attended=29)
    change_status(booking, S.REPORTED, report="打音検査に夢中でした。")
    booking.refresh_from_db()
    assert booking.status == S.REPORTED
    assert booking.lesson_date == day and booking.start_time == datetime.time(9, 50)
    assert booking.pupils_attended == 29 and booking.report == "打音検査に夢中でした。"
    assert booking.status_changed_at is not None


INVALID = [
    (old, new)
    for old, new in itertools.product(S.values, S.values)
    if new not in TRANSITIONS.get(old, ())
]


@pytest.mark.parametrize(("old", "new"), INVALID)
def test_invalid_transitions_are_refused(lesson, old, new):
    booking = BookingFactory(lesson=lesson, status=old)
    with pytest.raises(InvalidTransition) as error:
        change_status(booking, new)
    assert "には変更できません" in str(error.value)
    booking.refresh_from_db()
    assert booking.status == old


def test_the_transition_table_is_the_documented_workflow():
    assert TRANSITIONS == {
        S.REQUESTED: (S.CONFIRMED, S.DECLINED, S.CANCELLED),
        S.CONFIRMED: (S.DELIVERED, S.CANCELLED),
        S.DELIVERED: (S.REPORTED,),
    }


# E-mails to the teacher, after commit


@pytest.mark.parametrize(
    ("path", "subject", "body"),
    [
        ([S.CONFIRMED], "実施が決まりました", "実施が決まりました"),
        ([S.DECLINED], "お申込みについてのお知らせ", "講師の都合がつかず"),
        ([S.CANCELLED], "お申込みを取り消しました", "お申込みを取り消しました"),
        ([S.CONFIRMED, S.DELIVERED], "ご参加ありがとうございました", "ありがとうございました"),
    ],
)
def test_changes_that_matter_email_the_teacher(
    booking, path, subject, body, django_capture_on_commit_callbacks
):
    details = {
        "decline_reason": "講師の都合がつかず、お受けできませんでした。",
        "lesson_date": booking.lesson_date,
    }
    for status in path[:-1]:
        change_status(booking, status, **details)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change_status(booking, path[-1], **details)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [booking.email]
    assert message.subject == f"【出前授業】{subject}（受付番号 {booking.reference}）"
    assert message.subject.count("出前授業") == 1  # not 「【出前授業】出前授業の…」
    assert body in message.body
    if path[-1] == S.CONFIRMED:  # with the private link to check or cancel
        assert "http://testserver/lesson-bookings/" in message.body


def test_reported_is_internal_and_sends_nothing(booking, django_capture_on_commit_callbacks):
    change_status(booking, S.CONFIRMED)
    change_status(booking, S.DELIVERED, pupils_attended=30)
    with django_capture_on_commit_callbacks(execute=True):
        change_status(booking, S.REPORTED, report="報告")
    assert mail.outbox == []


def test_a_refused_transition_sends_nothing(booking, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(InvalidTransition):
        change_status(booking, S.DELIVERED)
    assert mail.outbox == []


def test_status_changes_are_logged_by_reference_only(booking, admin_user):
    change_status(booking, S.CONFIRMED, user=admin_user)
    entry = ForumOwnedLogEntry.objects.get(action="outreach.booking.status")
    assert entry.label == booking.reference
    assert entry.data == {"from": "requested", "to": "confirmed"}
    assert entry.user == admin_user
    assert log_registry.get_formatter(entry).format_message(entry) == (
        "状況を「申込み受付」から「実施決定」に変更"
    )


# The admin's status view


def status_url(booking):
    return reverse("lesson_bookings:status", args=[booking.pk])


def test_status_view_offers_only_the_next_statuses(admin_client, booking):
    response = admin_client.get(status_url(booking))
    html = response.content.decode()
    assert response.status_code == 200
    for label in ("実施決定", "お断り", "キャンセル"):
        assert f"{label}</label>" in html
    assert 'value="delivered"' not in html and 'value="reported"' not in html


def test_status_view_asks_for_what_each_status_needs(admin_client, request_lesson):
    booking = BookingFactory(lesson=request_lesson, lesson_date=None)
    response = admin_client.post(status_url(booking), {"status": "confirmed"})
    assert response.context["form"].errors["lesson_date"] == ["実施決定には実施日が必要です。"]
    response = admin_client.post(status_url(booking), {"status": "declined"})
    assert response.context["form"].errors["decline_reason"] == ["お断りの理由を入力してください。"]
    response = admin_client.post(status_url(booking), {"status": "delivered"})
    assert "status" in response.context["form"].errors
    booking.refresh_from_db()
    assert booking.status == S.REQUESTED


def test_reported_needs_pupils_and_a_report(admin_client, booking):
    booking.status = S.DELIVERED
    booking.save()
    response = admin_client.post(status_url(booking), {"status": "reported", "pupils_attended": ""})
    errors = response.context["form"].errors
    assert errors["pupils_attended"] == ["報告済みにするには人数が必要です。"]
    assert errors["report"] == ["報告済みにするには実施報告が必要です。"]


def test_confirming_in_the_admin_sets_the_date_and_emails(
    admin_client, request_lesson, today, django_capture_on_commit_callbacks
):
    booking = BookingFactory(
        lesson=request_lesson, preferred_date_1=today + datetime.timedelta(days=30)
    )
    day = today + datetime.timedelta(days=31)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            status_url(booking),
            {"status": "confirmed", "lesson_date": day.isoformat(), "start_time": "10:45"},
        )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == S.CONFIRMED and booking.lesson_date == day
    assert [message.to for message in mail.outbox] == [[booking.email]]
    assert f"{day.month}月{day.day}日" in mail.outbox[0].body


# KPI activities follow the booking


def test_delivered_lesson_records_a_school_lesson_activity(delivered, lesson, tokyo):
    activity = activities.recorded_for(delivered)
    assert activity.kind == ActivityKind.SCHOOL_LESSON
    assert activity.date == datetime.date(2021, 10, 15)
    assert activity.participants == 31
    assert activity.forum == lesson.forum
    assert activity.page.specific == lesson
    assert [(m.prefecture, m.name) for m in activity.municipalities.all()] == [(tokyo, "千代田区")]
    assert lesson.title in activity.title
    # Public KPI pages show activity titles: no school, no teacher.
    assert delivered.school_name not in activity.title
    assert Activity.objects.in_fiscal_year(2021).of_kinds([ActivityKind.SCHOOL_LESSON]).count() == 1


def test_reporting_and_saving_again_keep_one_activity(delivered):
    change_status(delivered, S.REPORTED, pupils_attended=30, report="報告")
    delivered.refresh_from_db()
    delivered.save()
    delivered.save()
    assert Activity.objects.count() == 1
    assert activities.recorded_for(delivered).participants == 30


def test_editing_a_delivered_booking_updates_its_activity(delivered):
    delivered.lesson_date = datetime.date(2022, 4, 1)
    delivered.city = "港区"
    delivered.save()
    activity = activities.recorded_for(delivered)
    assert activity.date == datetime.date(2022, 4, 1)
    assert [m.name for m in activity.municipalities.all()] == ["港区"]


@pytest.mark.parametrize("status", [S.CANCELLED, S.DECLINED, S.REQUESTED, S.CONFIRMED])
def test_a_booking_that_is_not_delivered_has_no_activity(delivered, status):
    # E.g. staff correcting a booking marked delivered by mistake.
    delivered.status = status
    delivered.save()
    assert activities.recorded_for(delivered) is None
    delivered.save()
    assert Activity.objects.count() == 0


def test_cancelled_and_declined_bookings_never_record(lesson):
    for status in (S.CANCELLED, S.DECLINED):
        BookingFactory(lesson=lesson, status=status)
    assert Activity.objects.count() == 0


def test_deleting_a_booking_removes_its_activity(delivered, lesson):
    other = BookingFactory(lesson=lesson, status=S.DELIVERED, pupils_attended=20)
    delivered.delete()
    assert list(Activity.objects.all()) == [activities.recorded_for(other)]
    Booking.objects.all().delete()
    assert Activity.objects.count() == 0


# The KPI panel's list of incomplete records


def incomplete_records(user):
    assert delivered_lessons_missing_details in hooks.get_hooks("kpi_incomplete_records")
    return delivered_lessons_missing_details(user)


def test_delivered_bookings_missing_pupils_or_report_are_listed(lesson, admin_user):
    no_report = BookingFactory(lesson=lesson, status=S.DELIVERED, pupils_attended=30)
    nothing = BookingFactory(lesson=lesson, status=S.DELIVERED)
    BookingFactory(lesson=lesson, status=S.DELIVERED, pupils_attended=30, report="報告")
    BookingFactory(lesson=lesson, status=S.REPORTED, pupils_attended=30, report="報告")
    BookingFactory(lesson=lesson, status=S.CONFIRMED)
    records = {record["title"]: record for record in incomplete_records(admin_user)}
    assert len(records) == 2
    first = next(r for title, r in records.items() if no_report.reference in title)
    second = next(r for title, r in records.items() if nothing.reference in title)
    assert first["missing"] == "報告" and second["missing"] == "参加者数・報告"
    assert first["date"] == no_report.lesson_date
    assert first["edit_url"] == reverse("lesson_bookings:status", args=[no_report.pk])
    assert lesson.title in first["title"]


def test_incomplete_records_take_a_bounded_number_of_queries(
    lesson, admin_user, django_assert_max_num_queries
):
    for _ in range(15):
        BookingFactory(lesson=lesson, status=S.DELIVERED)
    with django_assert_max_num_queries(1):
        records = incomplete_records(admin_user)
    assert len(records) == 15


@pytest.fixture
def two_forums_lessons(lesson_index):
    kyushu = ForumFactory(name="九州フォーラム", slug="kyushu", regional=True)
    kinki = ForumFactory(name="近畿フォーラム", slug="kinki", regional=True)
    kyushu_lesson = LessonPageFactory(parent=lesson_index, forum=kyushu, slug="kyushu-lesson")
    kinki_lesson = LessonPageFactory(parent=lesson_index, forum=kinki, slug="kinki-lesson")
    return (
        kyushu,
        BookingFactory(lesson=kyushu_lesson, status=S.DELIVERED),
        BookingFactory(lesson=kinki_lesson, status=S.DELIVERED),
    )


def forum_editor(django_user_model, forum, *groups):
    user = django_user_model.objects.create_user(username=f"{forum.slug}-editor", password="x")
    user.groups.add(forum.editor_group, *Group.objects.filter(name__in=groups))
    return user


def test_forum_editor_in_charge_of_bookings_gets_their_forums_bookings_only(
    two_forums_lessons, django_user_model, django_assert_max_num_queries
):
    kyushu, own, other = two_forums_lessons
    user = forum_editor(django_user_model, kyushu, "出前授業担当")

    BookingFactory.create_batch(5, lesson=other.lesson, status=S.DELIVERED)
    # Permissions (user's and groups'), the user's forums, the bookings: none per booking.
    with django_assert_max_num_queries(4):
        records = incomplete_records(user)

    assert [record["edit_url"] for record in records] == [
        reverse("lesson_bookings:status", args=[own.pk])
    ]
    assert other.reference not in str(records)


def test_a_forum_editor_records_their_own_forums_lessons(two_forums_lessons, django_user_model):
    kyushu, own, other = two_forums_lessons
    # A forum's editors run its lessons (website/teams.py, outreach/wagtail_hooks.py).
    records = incomplete_records(forum_editor(django_user_model, kyushu))
    assert [record["edit_url"] for record in records] == [
        reverse("lesson_bookings:status", args=[own.pk])
    ]


def test_lesson_staff_get_every_forums_bookings(two_forums_lessons, django_user_model):
    _kyushu, own, other = two_forums_lessons
    staff = django_user_model.objects.create_user(username="demae", password="x")
    staff.groups.add(Group.objects.get(name="出前授業担当"))

    urls = {record["edit_url"] for record in incomplete_records(staff)}

    assert urls == {reverse("lesson_bookings:status", args=[b.pk]) for b in (own, other)}
