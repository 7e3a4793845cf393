import csv
import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from openpyxl import load_workbook

from outreach.bookings import change_status
from outreach.models import BookingStatus
from website.dates import format_date

from .factories import BookingFactory, LessonSlotFactory, school_day_on_or_after

pytestmark = pytest.mark.django_db

GROUP = "出前授業担当"


@pytest.fixture
def lesson_staff(django_user_model):
    user = django_user_model.objects.create_user(username="demae", password="x")
    user.groups.add(Group.objects.get(name=GROUP))
    return user


@pytest.fixture
def other_staff(django_user_model):
    """An editor who may use the admin, but is not in charge of lesson bookings."""
    user = django_user_model.objects.create_user(
        username="news-editor", password="x", is_staff=True
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


@pytest.fixture
def booking(lesson, slot):
    return BookingFactory(
        lesson=lesson,
        slot=slot,
        lesson_date=None,
        teacher_name="鈴木 一郎",
        email="ichiro.suzuki@example.jp",
        phone="090-1111-2222",
    )


def admin_urls(booking):
    return [
        reverse("lesson_bookings:index"),
        reverse("lesson_bookings:edit", args=[booking.pk]),
        reverse("lesson_bookings:inspect", args=[booking.pk]),
        reverse("lesson_bookings:status", args=[booking.pk]),
        reverse("lesson_bookings:calendar"),
        reverse("lesson_bookings:index") + "?export=csv",
        reverse("lesson_bookings:index") + "?export=xlsx",
        reverse("lesson_bookings:delete", args=[booking.pk]),
    ]


def test_the_group_is_created_with_the_booking_permissions():
    group = Group.objects.get(name=GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {
        "access_admin",
        "add_booking",
        "change_booking",
        "delete_booking",
        "view_booking",
        "add_lessonslot",
        "change_lessonslot",
        "delete_lessonslot",
        "view_lessonslot",
    } <= codenames


def test_staff_in_the_group_can_work_with_bookings(client, lesson_staff, booking):
    client.force_login(lesson_staff)
    for url in admin_urls(booking):
        assert client.get(url).status_code == 200, url
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("lesson_bookings:index") in home


def test_staff_without_the_group_cannot_see_bookings(client, other_staff, booking):
    client.force_login(other_staff)
    for url in admin_urls(booking):
        response = client.get(url, follow=True)
        content = response.content
        assert b"ichiro.suzuki@example.jp" not in content, url
        assert "鈴木".encode() not in content, url
        assert response.redirect_chain or response.status_code == 403, url
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("lesson_bookings:index") not in home
    response = client.post(
        reverse("lesson_bookings:status", args=[booking.pk]), {"status": "cancelled"}
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED


def test_list_shows_bookings_with_their_status(admin_client, booking):
    response = admin_client.get(reverse("lesson_bookings:index"))
    html = response.content.decode()
    assert booking.reference in html and booking.school_name in html
    assert "申込み受付" in html
    assert reverse("lesson_bookings:status", args=[booking.pk]) in html
    assert reverse("lesson_bookings:calendar") in html


def test_the_reference_opens_the_status_page_and_the_status_stays_on_one_line(
    admin_client, booking
):
    html = admin_client.get(reverse("lesson_bookings:index")).content.decode()
    status_url = reverse("lesson_bookings:status", args=[booking.pk])
    link = re.search(r'<div class="title-wrapper">\s*<a([^>]*)>', html).group(1)
    assert f'href="{status_url}"' in link
    assert 'style="white-space: nowrap"' in link  # 「DM-2026-/0001」 neither
    # The edit form is still one of the row's other actions.
    assert reverse("lesson_bookings:edit", args=[booking.pk]) in html
    assert re.search(
        r'<span class="w-status" style="white-space: nowrap">\s*申込み受付\s*</span>', html
    )


def test_list_filters_and_search(admin_client, lesson, booking):
    confirmed = BookingFactory(
        lesson=lesson, status=BookingStatus.CONFIRMED, school_name="港区立みなと小学校"
    )
    index = reverse("lesson_bookings:index")
    filtered = admin_client.get(index, {"status": "confirmed"}).content.decode()
    assert confirmed.reference in filtered and booking.reference not in filtered
    by_name = admin_client.get(index, {"q": "みなと"}).content.decode()
    assert confirmed.reference in by_name and booking.reference not in by_name
    by_reference = admin_client.get(index, {"q": booking.reference}).content.decode()
    assert booking.reference in by_reference and confirmed.reference not in by_reference
    by_email = admin_client.get(index, {"q": "ichiro.suzuki"}).content.decode()
    assert booking.reference in by_email and confirmed.reference not in by_email


def test_list_takes_a_bounded_number_of_queries(
    admin_client, lesson, django_assert_max_num_queries
):
    url = reverse("lesson_bookings:index")
    BookingFactory.create_batch(3, lesson=lesson)
    with django_assert_max_num_queries(40) as small:
        admin_client.get(url)
    small_count = len(small.captured_queries)
    BookingFactory.create_batch(30, lesson=lesson)
    with django_assert_max_num_queries(small_count):
        admin_client.get(url)


def test_the_list_dates_cancelled_bookings_by_what_was_decided_in_bounded_queries(
    admin_client, request_lesson, today, django_assert_max_num_queries
):
    first = school_day_on_or_after(today + datetime.timedelta(days=30))
    decided = school_day_on_or_after(first + datetime.timedelta(days=7))

    def cancelled_requests(count):
        for _ in range(count):
            booking = BookingFactory(
                lesson=request_lesson,
                lesson_date=first,
                preferred_date_1=first,
                preferred_period="p2",
            )
            change_status(booking, BookingStatus.CANCELLED)

    confirmed = BookingFactory(lesson=request_lesson, lesson_date=first, preferred_date_1=first)
    change_status(confirmed, BookingStatus.CONFIRMED, lesson_date=decided)
    change_status(confirmed, BookingStatus.CANCELLED)
    cancelled_requests(2)
    url = reverse("lesson_bookings:index")
    with django_assert_max_num_queries(40) as small:
        html = admin_client.get(url).content.decode()
    assert html.count(f"第1希望 {format_date(first)}（2校時から）") == 2
    assert format_date(decided) in html
    cancelled_requests(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        admin_client.get(url)


def test_csv_export_opens_in_excel_with_japanese_headings(admin_client, booking):
    response = admin_client.get(reverse("lesson_bookings:index") + "?export=csv")
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[0][:4] == ["受付番号", "状況", "授業", "実施日"]
    assert "メールアドレス" in rows[0] and "学年" in rows[0]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["受付番号"] == booking.reference
    assert row["状況"] == "申込み受付"
    assert row["メールアドレス"] == "ichiro.suzuki@example.jp"
    assert row["学年"] == "小5"
    assert row["都道府県"] == "東京都"


def test_xlsx_export(admin_client, booking):
    response = admin_client.get(reverse("lesson_bookings:index") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][0] == "受付番号"
    assert rows[1][0] == booking.reference
    assert rows[1][3] == booking.lesson_date  # a real date cell, not text


def test_calendar_shows_slots_and_bookings_of_the_month(admin_client, lesson, booking, slot):
    month = f"{slot.date:%Y-%m}"
    response = admin_client.get(reverse("lesson_bookings:calendar"), {"month": month})
    html = response.content.decode()
    assert f"{slot.date.year}年{slot.date.month}月" in html
    assert booking.reference in html
    assert lesson.title in html
    assert "（1/1）" in html  # one class booked of one
    next_month = admin_client.get(
        reverse("lesson_bookings:calendar"),
        {"month": f"{(slot.date.replace(day=28) + datetime.timedelta(days=10)):%Y-%m}"},
    ).content.decode()
    assert booking.reference not in next_month


def test_calendar_names_holidays_and_hides_the_long_dates_in_the_admins_own_way(admin_client):
    html = admin_client.get(reverse("lesson_bookings:calendar"), {"month": "2027-01"})
    html = html.content.decode()
    assert '<span class="lesson-calendar__holiday">元日</span>' in html
    assert '<span class="lesson-calendar__holiday">成人の日</span>' in html  # 11 January 2027
    # The admin has no "visually-hidden": its class for screen-reader text is w-sr-only.
    assert "visually-hidden" not in html
    assert '<span class="w-sr-only">2027年1月1日（金）</span>' in html


@pytest.mark.parametrize("month", ["99-99", "2026-13", "<script>", "abc", "1999-01", ""])
def test_calendar_ignores_junk_months(admin_client, month, today):
    response = admin_client.get(reverse("lesson_bookings:calendar"), {"month": month})
    assert response.status_code == 200
    assert f"{today.year}年{today.month}月" in response.content.decode()


def test_calendar_takes_a_bounded_number_of_queries(
    admin_client, lesson, today, django_assert_max_num_queries
):
    day = today.replace(day=15)
    url = reverse("lesson_bookings:calendar") + f"?month={day:%Y-%m}"
    LessonSlotFactory(lesson=lesson, date=day)
    with django_assert_max_num_queries(40) as small:
        admin_client.get(url)
    small_count = len(small.captured_queries)
    for offset in range(10):
        slot = LessonSlotFactory(lesson=lesson, date=day + datetime.timedelta(days=offset % 5))
        BookingFactory(lesson=lesson, slot=slot, lesson_date=None)
    with django_assert_max_num_queries(small_count):
        admin_client.get(url)


def test_slot_list_shows_booked_classes(admin_client, booking, slot):
    response = admin_client.get(reverse("lesson_slots:index"))
    html = response.content.decode()
    assert "申込み済みクラス数" in html and slot.lesson.title in html
    [listed] = response.context["object_list"]
    assert listed.booked_classes == 1


def test_staff_can_add_a_slot(admin_client, lesson, today):
    day = today + datetime.timedelta(days=60)
    response = admin_client.post(
        reverse("lesson_slots:add"),
        {
            "lesson": lesson.pk,
            "date": day.isoformat(),
            "start_time": "13:30",
            "periods": "2",
            "capacity": "1",
            "note": "",
        },
    )
    assert response.status_code == 302
    assert lesson.slots.get().date == day


def test_editing_a_booking_in_the_admin_keeps_its_status_and_updates_the_kpi(
    admin_client, lesson, booking
):
    from kpi import activities

    booking.status = BookingStatus.DELIVERED
    booking.pupils_attended = 20
    booking.save()
    url = reverse("lesson_bookings:edit", args=[booking.pk])
    form = admin_client.get(url).context["form"]
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update({"pupils_attended": "28", "report": "よくできました", "lesson": lesson.pk})
    data = {key: value.pk if hasattr(value, "pk") else value for key, value in data.items()}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    booking.refresh_from_db()
    assert booking.status == BookingStatus.DELIVERED
    assert activities.recorded_for(booking).participants == 28


def test_booking_edit_form_offers_the_lessons_own_slots(
    admin_client, lesson_index, lesson, booking, slot, today, django_assert_max_num_queries
):
    from .factories import LessonPageFactory

    LessonSlotFactory(lesson=LessonPageFactory(parent=lesson_index))
    url = reverse("lesson_bookings:edit", args=[booking.pk])
    response = admin_client.get(url)
    assert list(response.context["form"].fields["slot"].queryset) == [slot]
    with django_assert_max_num_queries(60) as small:
        admin_client.get(url)
    small_count = len(small.captured_queries)
    for offset in range(20):
        LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=40 + offset))
    with django_assert_max_num_queries(small_count):
        admin_client.get(url)


def slot_data(lesson, day, **changes):
    return {
        "lesson": lesson.pk,
        "date": day.isoformat(),
        "start_time": "10:45",
        "periods": "2",
        "capacity": "1",
        "note": "",
    } | changes


def test_a_slot_on_a_day_without_school_is_kept_with_a_word_to_the_editor(admin_client, lesson):
    from unittest import mock

    from website.dates import JAPAN

    def save(url, day):
        # Followed, so each save's messages are shown (and used up) on the page it leads to.
        response = admin_client.post(url, slot_data(lesson, day), follow=True)
        assert response.redirect_chain
        return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]

    moment = datetime.datetime(2026, 10, 1, 9, 0, tzinfo=JAPAN)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        holiday = save(reverse("lesson_slots:add"), datetime.date(2026, 11, 3))
        weekday = save(reverse("lesson_slots:add"), datetime.date(2026, 11, 4))
        slot = lesson.slots.get(date=datetime.date(2026, 11, 4))
        saturday = save(reverse("lesson_slots:edit", args=[slot.pk]), datetime.date(2026, 11, 7))

    assert holiday == [
        "11月3日は文化の日です。土曜授業など学校と決めた日でなければ、実施日を見直してください。"
    ]
    assert weekday == []
    assert saturday[0].startswith("11月7日は土曜日です。")
    assert sorted(lesson.slots.values_list("date", flat=True)) == [
        datetime.date(2026, 11, 3),
        datetime.date(2026, 11, 7),
    ]


@pytest.mark.parametrize(
    ("moment", "day", "accepted"),
    [
        # 00:30 in Japan is still the day before in UTC: the date in Japan is what counts.
        (datetime.datetime(2024, 4, 1, 0, 30), datetime.date(2024, 4, 1), True),
        (datetime.datetime(2024, 4, 1, 0, 30), datetime.date(2024, 3, 31), False),
        (datetime.datetime(2024, 4, 1, 23, 30), datetime.date(2023, 4, 1), False),
    ],
)
def test_a_slot_cannot_be_added_on_a_day_that_has_passed(
    admin_client, lesson, moment, day, accepted
):
    from unittest import mock

    from website.dates import JAPAN

    with mock.patch("django.utils.timezone.now", return_value=moment.replace(tzinfo=JAPAN)):
        response = admin_client.post(reverse("lesson_slots:add"), slot_data(lesson, day))

    if accepted:
        assert response.status_code == 302
        assert lesson.slots.get().date == day
    else:
        assert response.status_code == 200
        assert response.context["form"].errors["date"] == [
            "過ぎた日付は登録できません。今日（2024年4月1日（月））以降の日付を入力してください。"
        ]
        assert not lesson.slots.exists()


def test_the_note_of_a_slot_that_has_passed_can_still_be_edited(admin_client, lesson, today):
    past = LessonSlotFactory(lesson=lesson, date=today - datetime.timedelta(days=40))
    url = reverse("lesson_slots:edit", args=[past.pk])

    response = admin_client.post(url, slot_data(lesson, past.date, note="雨天中止"))
    assert response.status_code == 302
    past.refresh_from_db()
    assert past.note == "雨天中止"

    earlier = past.date - datetime.timedelta(days=1)
    response = admin_client.post(url, slot_data(lesson, earlier, note="雨天中止"))
    assert response.status_code == 200
    assert "過ぎた日付は登録できません。" in response.context["form"].errors["date"][0]
    past.refresh_from_db()
    assert past.date == today - datetime.timedelta(days=40)


def test_a_lesson_cannot_have_two_slots_at_the_same_date_and_time(admin_client, lesson, slot):
    from .factories import LessonPageFactory

    same = slot_data(lesson, slot.date, start_time=f"{slot.start_time:%H:%M}", capacity="2")
    response = admin_client.post(reverse("lesson_slots:add"), same)

    assert response.status_code == 200
    assert response.context["form"].errors["start_time"] == [
        "この授業には、同じ実施日・開始時刻の枠がすでにあります。"
        "受けられるクラス数を増やすときは、その枠を編集してください。"
    ]
    assert lesson.slots.count() == 1
    # The slot itself can be saved again; another time, or another lesson, is a new slot.
    edit = reverse("lesson_slots:edit", args=[slot.pk])
    assert admin_client.post(edit, same).status_code == 302
    slot.refresh_from_db()
    assert slot.capacity == 2
    later = same | {"start_time": "13:30"}
    assert admin_client.post(reverse("lesson_slots:add"), later).status_code == 302
    other = LessonPageFactory(parent=lesson.get_parent(), slug="other")
    elsewhere = same | {"lesson": other.pk}
    assert admin_client.post(reverse("lesson_slots:add"), elsewhere).status_code == 302
    assert lesson.slots.count() == 2 and other.slots.count() == 1


def test_the_slot_form_explains_its_numbers_and_the_note(admin_client, lesson):
    html = admin_client.get(reverse("lesson_slots:add")).content.decode()

    assert "1校時は45分です。" in html
    assert "この日時に続けて実施できるクラスの数です。" in html
    assert "授業のページで、日時の横に学校向けに表示されます。例：午後のみ" in html


def test_the_slot_form_words_time_in_periods_as_its_message_and_the_lesson_page_do(
    admin_client, lesson, today
):
    html = admin_client.get(reverse("lesson_slots:add")).content.decode()
    assert "校時数" in html and "コマ" not in html
    day = today + datetime.timedelta(days=60)
    response = admin_client.post(reverse("lesson_slots:add"), slot_data(lesson, day), follow=True)
    [message] = [str(m) for m in response.context["messages"]]
    assert "2校時分" in message


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("capacity", "-1", "1以上の数を入力してください。"),
        ("capacity", "0", "1以上の数を入力してください。"),
        ("periods", "-1", "1から6までの数を入力してください。"),
        ("periods", "0", "1から6までの数を入力してください。"),
        ("periods", "7", "1から6までの数を入力してください。"),
    ],
)
def test_a_slots_numbers_have_one_rule_and_one_message(
    admin_client, lesson, today, name, value, message
):
    day = today + datetime.timedelta(days=60)
    response = admin_client.post(
        reverse("lesson_slots:add"), slot_data(lesson, day, **{name: value})
    )
    assert response.status_code == 200
    assert response.context["form"].errors[name] == [message]
    assert not lesson.slots.exists()
    field = response.context["form"].fields[name]
    assert field.widget.attrs["min"] == 1


def test_the_new_slot_pages_title_reads_as_its_breadcrumb(admin_client):
    html = admin_client.get(reverse("lesson_slots:add")).content.decode()
    title = re.search(r"<title>(.*?) - ", html).group(1)
    assert title == "新規：日時枠"
    assert re.search(r"<h1[^>]*>\s*新規：日時枠\s*</h1>", html)
    assert "新規作成" not in html
