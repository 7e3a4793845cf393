"""Sending the booking form twice (a double tap, a reload) lands on the first booking, and
one school is one school however its name is spelled."""

import pytest
from django.core import mail

from outreach.forms import SLOT_TAKEN_MESSAGE
from outreach.models import Booking, school_key

from .factories import BookingFactory, booking_data

pytestmark = pytest.mark.django_db


def post(client, lesson, data):
    return client.post(lesson.url + "book/", data)


def booking_of(response):
    token = response["Location"].split("/")[2]
    return Booking.objects.from_token(token)


def test_sending_the_form_twice_for_the_last_place_shows_the_first_booking(
    client, lesson, slot, django_capture_on_commit_callbacks
):
    slot.capacity = 1
    slot.save()
    data = booking_data(slot=slot.pk)
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, lesson, data)
        second = post(client, lesson, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"].endswith("?received=1")
    booking = Booking.objects.get()
    assert booking_of(first) == booking_of(second) == booking
    page = client.get(second["Location"]).content.decode()
    assert "お申込みを受け付けました" in page
    assert SLOT_TAKEN_MESSAGE not in page
    assert len(mail.outbox) == 2  # the teacher's and the staff's, once


def test_a_reload_under_the_one_per_school_rule_shows_the_first_booking(client, lesson, slot):
    lesson.one_booking_per_school_per_year = True
    lesson.save()
    slot.capacity = 3
    slot.save()
    data = booking_data(slot=slot.pk)
    first = post(client, lesson, data)
    second = post(client, lesson, data)
    assert second.status_code == 302
    assert booking_of(second) == booking_of(first) == Booking.objects.get()


def test_another_form_for_the_taken_slot_is_still_told_it_is_taken(client, lesson, slot):
    slot.capacity = 1
    slot.save()
    assert post(client, lesson, booking_data(slot=slot.pk)).status_code == 302
    other = post(
        client, lesson, booking_data(slot=slot.pk, school_name="港区立芝小学校", city="港区")
    )
    assert other.status_code == 200
    assert SLOT_TAKEN_MESSAGE in other.content.decode()
    assert Booking.objects.count() == 1


def test_a_form_sent_without_its_key_is_refused_and_comes_back_with_a_new_one(client, lesson, slot):
    response = post(client, lesson, booking_data(slot=slot.pk, submission_key=None))
    assert response.status_code == 200
    assert "フォームを読み込み直してから" in response.content.decode()
    assert 'value="千代田区立霞が関小学校"' in response.content.decode()
    assert response.context["form"].data["submission_key"]
    assert Booking.objects.count() == 0


# One school, however it is spelled


@pytest.mark.parametrize(
    ("spelling", "same_as"),
    [
        ("千代田区立第1小学校", "千代田区立第一小学校"),
        ("千代田区立第１小学校", "千代田区立第一小学校"),
        ("千代田区立 第 一 小学校", "千代田区立第1小学校"),
        ("千代田区立第十一中学校", "千代田区立第11中学校"),
        ("千代田区立第二十中学校", "千代田区立第20中学校"),
        ("千代田区立第二十三小学校", "千代田区立第23小学校"),
        ("千代田区立第百五小学校", "千代田区立第105小学校"),
        ("千代田区立第一〇小学校", "千代田区立第10小学校"),
    ],
)
def test_kanji_full_width_and_ascii_numerals_are_one_school(spelling, same_as):
    assert school_key(spelling, "13") == school_key(same_as, "13")


def test_different_numbers_stay_different_schools():
    assert school_key("第一小学校", "13") != school_key("第十一小学校", "13")
    assert school_key("第二小学校", "13") != school_key("第1小学校", "13")
    assert school_key("第一小学校", "13") != school_key("第一小学校", "14")


@pytest.mark.parametrize("booked_as", ["千代田区立第一小学校", "千代田区立第1小学校"])
@pytest.mark.parametrize(
    "typed", ["千代田区立第一小学校", "千代田区立第1小学校", "千代田区立第１小学校"]
)
def test_one_booking_per_school_whichever_way_its_number_is_written(
    client, lesson, slot, tokyo, booked_as, typed
):
    lesson.one_booking_per_school_per_year = True
    lesson.save()
    slot.capacity = 3
    slot.save()
    BookingFactory(lesson=lesson, school_name=booked_as, prefecture=tokyo, lesson_date=slot.date)
    response = post(client, lesson, booking_data(slot=slot.pk, school_name=typed))
    assert response.status_code == 200
    errors = response.context["form"].errors["school_name"]
    assert any("1校につき年度内1回まで" in error for error in errors), errors
    assert Booking.objects.count() == 1
