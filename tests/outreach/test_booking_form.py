import datetime
import logging
import re
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from outreach.forms import NO_SLOTS_LEFT_MESSAGE, SLOT_TAKEN_MESSAGE, normalise_phone
from outreach.models import Booking, BookingStatus
from tests.factories import StandardPageFactory
from website.dates import JAPAN, format_date
from website.forms import HONEYPOT_FIELD
from website.models import SiteSettings

from .factories import BookingFactory, LessonSlotFactory, booking_data, school_day_on_or_after

pytestmark = pytest.mark.django_db


def book_url(lesson):
    return lesson.url + "book/"


def post(client, lesson, data, **extra):
    return client.post(book_url(lesson), data, **extra)


def field_errors(response, name):
    return response.context["form"].errors.get(name, [])


# The form page


def test_form_shows_the_open_slots_and_the_purpose_of_use_before_submitting(
    client, lesson, slot, home_page
):
    privacy = StandardPageFactory(parent=home_page, title="プライバシーポリシー", slug="privacy")
    settings = SiteSettings.for_site(home_page.get_site())
    settings.privacy_policy_page = privacy
    settings.save()

    response = client.get(book_url(lesson))

    html = response.content.decode()
    assert response.status_code == 200
    # The date, then how many classes it can still take, joined plainly (not 「 … 」).
    assert f"{slot.label}／あと{slot.capacity}クラス（全{slot.capacity}クラス）" in html
    purpose = html.index("個人情報の利用目的")
    assert (
        purpose < html.index('name="privacy_consent"') < html.index('class="booking-form__submit"')
    )
    assert 'href="/privacy/"' in html
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_slot_can_be_preselected_from_the_lesson_page(client, lesson, slot):
    response = client.get(book_url(lesson) + f"?slot={slot.pk}")
    assert re.search(rf'value="{slot.pk}"[^>]*checked', response.content.decode())


def test_a_slot_chosen_on_the_lesson_page_that_filled_up_since_is_said_so(
    client, lesson, slot, today
):
    other = LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=40))
    BookingFactory(lesson=lesson, slot=slot, classes=slot.capacity)
    html = client.get(book_url(lesson) + f"?slot={slot.pk}").content.decode()
    assert "選んだ日時は、すでに満席になったか受付を終えました。" in html
    assert not re.search(r'type="radio"[^>]*checked', html)
    html = client.get(book_url(lesson) + f"?slot={other.pk}").content.decode()
    assert "すでに満席" not in html


def test_form_is_not_offered_when_no_slot_is_open(client, lesson):
    response = client.get(book_url(lesson))
    assert "いまお申込みいただける日時はありません" in response.content.decode()
    assert '<form method="post"' not in response.content.decode()


def test_form_is_not_offered_when_the_lesson_stopped_taking_bookings(client, lesson, slot):
    lesson.accepts_bookings = False
    lesson.save()
    response = post(client, lesson, booking_data(slot=slot.pk))
    assert "現在お申込みを受け付けていません" in response.content.decode()
    assert Booking.objects.count() == 0


# A good booking: stored, Post/Redirect/Get, e-mails after commit


def test_a_valid_booking_is_stored_then_redirects_to_its_private_page(
    client, lesson, slot, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.INFO, logger="sankaku")
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, lesson, booking_data(slot=slot.pk))

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("/lesson-bookings/")
    assert response["Location"].endswith("?received=1")
    assert re.fullmatch(r"DM-\d{4}-0001", booking.reference)
    assert booking.slot == slot and booking.lesson_date == slot.date
    assert booking.start_time == slot.start_time
    assert booking.status == BookingStatus.REQUESTED
    assert booking.privacy_consented_at is not None

    confirmation = client.get(response["Location"])
    assert booking.reference in confirmation.content.decode()
    assert "お申込みを受け付けました" in confirmation.content.decode()
    # How long the class is to be kept, as the lesson page and the form said.
    duration = f"{slot.periods}校時分（{slot.periods * 45}分）"
    assert f"<dt>時間</dt><dd>{duration}</dd>" in confirmation.content.decode()

    teacher_mail, staff_mail = sorted(
        mail.outbox, key=lambda message: message.to != [booking.email]
    )
    assert teacher_mail.to == ["hanako.yamada@example.jp"]
    assert booking.reference in teacher_mail.subject
    assert "http://testserver/lesson-bookings/" in teacher_mail.body
    assert f"\n時間：{duration}\n" in teacher_mail.body
    # Signed once by the secretariat, whose name already says whose it is.
    signature = teacher_mail.body.split("\n----\n", 1)[1].splitlines()[0]
    assert signature == "インフラメンテナンス国民会議 事務局"
    assert staff_mail.to == ["secretariat@example.jp"]
    assert f"/admin/lesson_bookings/status/{booking.pk}/" in staff_mail.body
    # The log names the booking, never the person.
    assert booking.reference in caplog.text
    for personal in ("山田", "hanako.yamada", "03-1234-5678"):
        assert personal not in caplog.text


def test_booking_by_preferred_dates(client, request_lesson, today):
    first = school_day_on_or_after(today + datetime.timedelta(days=20))
    second = school_day_on_or_after(first + datetime.timedelta(days=7))
    response = post(
        client,
        request_lesson,
        booking_data(
            preferred_date_1=first.isoformat(),
            preferred_date_2=second.strftime("%Y/%m/%d"),
            delivery_mode="online",
        ),
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.preferred_date_1, booking.preferred_date_2) == (first, second)
    assert booking.lesson_date == first and booking.slot is None
    assert booking.delivery_mode == "online"
    assert booking.preferred_period == "p2"
    assert booking.date_display.endswith("（2校時から）")


def test_a_booking_by_preferred_dates_asks_for_the_period_of_the_day(
    client, request_lesson, lesson, slot, today
):
    day = school_day_on_or_after(today + datetime.timedelta(days=20)).isoformat()
    form_page = client.get(book_url(request_lesson)).content.decode()
    assert "ご希望の時間帯（校時）" in form_page and "3校時から" in form_page
    response = post(
        client, request_lesson, booking_data(preferred_date_1=day, preferred_period=None)
    )
    assert_rejected(response, "preferred_period", "ご希望の時間帯（校時）を選んでください。")
    # Lessons booked from published slots have their time already.
    assert "ご希望の時間帯（校時）" not in client.get(book_url(lesson)).content.decode()


def test_full_width_input_is_accepted_and_normalised(client, lesson, slot):
    response = post(
        client,
        lesson,
        booking_data(
            slot=slot.pk,
            phone="０９０－１２３４－５６７８",
            email="ＨＡＮＡＫＯ＠example.jp",
            classes="１",
            pupils="３２",
            school_name="千代田区立霞が関小学校　",
        ),
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.phone == "090-1234-5678"
    assert booking.email == "HANAKO@example.jp"
    assert booking.pupils == 32 and booking.classes == 1
    assert booking.school_name == "千代田区立霞が関小学校"


def test_full_width_dates_are_accepted(client, request_lesson, today):
    day = school_day_on_or_after(today + datetime.timedelta(days=20))
    full_width = day.isoformat().translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    response = post(
        client,
        request_lesson,
        booking_data(preferred_date_1=full_width, delivery_mode="visit"),
    )
    assert response.status_code == 302
    assert Booking.objects.get().preferred_date_1 == day


# Every validation rule: a Japanese message next to the field, the input kept, nothing stored


def assert_rejected(response, field, text, already_stored=0):
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert any(text in error for error in errors), errors
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert Booking.objects.count() == already_stored


def test_required_fields_have_japanese_messages(client, lesson, slot):
    response = post(client, lesson, {"slot": slot.pk})
    expected = {
        "school_name": "学校名を入力してください。",
        "city": "市区町村を入力してください。",
        "address": "町名・番地を入力してください。",
        "teacher_name": "ご担当の先生のお名前を入力してください。",
        "email": "メールアドレスを入力してください。",
        "phone": "電話番号を入力してください。",
        "pupils": "児童・生徒数（合計）を入力してください。",
    }
    for name, message in expected.items():
        assert field_errors(response, name) == [message], name
    assert field_errors(response, "privacy_consent") == [
        "お申込みには、個人情報の取り扱いへの同意が必要です。"
    ]
    assert Booking.objects.count() == 0


def test_a_form_with_errors_says_so_in_its_title_and_starts_with_the_summary(client, lesson, slot):
    response = post(client, lesson, {"slot": slot.pk})
    html = response.content.decode()
    assert re.search(r"<title>入力エラー：「[^<]+」のお申込み｜", html)
    main = html[html.index("<main") :]
    assert main.index('id="error-summary"') < main.index("<h1")
    summary = re.search(r'<div class="error-summary"[^>]*>', main).group(0)
    assert "autofocus" in summary and 'tabindex="-1"' in summary
    assert '<a href="#id_city">市区町村を入力してください。</a>' in main
    # A check box's message is not preceded by its label (「…に同意します：お申込みには…」).
    assert (
        '<a href="#id_privacy_consent">お申込みには、個人情報の取り扱いへの同意が必要です。</a>'
        in main
    )
    assert "<title>入力エラー" not in client.get(book_url(lesson)).content.decode()


def test_input_is_kept_when_the_form_has_errors(client, lesson, slot):
    response = post(client, lesson, booking_data(slot=slot.pk, phone="12345"))
    html = response.content.decode()
    assert_rejected(response, "phone", "市外局番から")
    assert 'value="千代田区立霞が関小学校"' in html
    assert 'value="hanako.yamada@example.jp"' in html
    assert "体育館で実施したいです。" in html
    assert re.search(rf'value="{slot.pk}"[^>]*checked', html)


def test_date_must_be_in_the_future(client, request_lesson, today):
    response = post(client, request_lesson, booking_data(preferred_date_1=today.isoformat()))
    # Which day is the first it may be (14 days' notice for this lesson), and only that rule:
    # 「明日以降」 beside 「2週間後以降」 read as two rules.
    earliest = format_date(today + datetime.timedelta(days=request_lesson.min_notice_days))
    assert_rejected(
        response,
        "preferred_date_1",
        f"今日以前の日付は選べません。この授業は{earliest}以降の日付を選べます。",
    )
    assert "明日以降" not in response.content.decode()


def test_date_must_respect_the_notice_period(client, request_lesson, today):
    # A notice period that ends on a school day, so that only the notice can refuse the day.
    notice = (school_day_on_or_after(today + datetime.timedelta(days=14)) - today).days
    request_lesson.min_notice_days = notice
    request_lesson.save()
    too_soon = today + datetime.timedelta(days=notice - 1)
    response = post(client, request_lesson, booking_data(preferred_date_1=too_soon.isoformat()))
    assert_rejected(response, "preferred_date_1", f"{notice}日前までにお申し込みください")

    just_in_time = today + datetime.timedelta(days=request_lesson.min_notice_days)
    response = post(
        client,
        request_lesson,
        booking_data(preferred_date_1=just_in_time.isoformat(), delivery_mode="visit"),
    )
    assert response.status_code == 302


def test_dates_must_be_within_the_booking_window(client, request_lesson, today):
    request_lesson.booking_window_start = today + datetime.timedelta(days=30)
    request_lesson.booking_window_end = today + datetime.timedelta(days=60)
    request_lesson.save()
    for outside in (29, 61):
        day = today + datetime.timedelta(days=outside)
        response = post(
            client,
            request_lesson,
            booking_data(
                preferred_date_1=school_day_on_or_after(
                    today + datetime.timedelta(days=40)
                ).isoformat(),
                preferred_date_2=day.isoformat(),
            ),
        )
        assert_rejected(response, "preferred_date_2", "までの間で実施日を選べます")


def test_without_a_window_end_dates_are_limited_to_a_year_ahead(client, request_lesson, today):
    day = today + datetime.timedelta(days=366)
    response = post(client, request_lesson, booking_data(preferred_date_1=day.isoformat()))
    assert_rejected(response, "preferred_date_1", "までの間で実施日を選べます")


def test_second_date_must_differ_from_the_first(client, request_lesson, today):
    day = school_day_on_or_after(today + datetime.timedelta(days=20)).isoformat()
    response = post(
        client, request_lesson, booking_data(preferred_date_1=day, preferred_date_2=day)
    )
    assert_rejected(response, "preferred_date_2", "第1希望日と別の日")


def test_unreadable_date_is_explained(client, request_lesson):
    response = post(client, request_lesson, booking_data(preferred_date_1="来週の火曜"))
    assert_rejected(response, "preferred_date_1", "2026-05-12 の形")


# Preferred dates are school days: no weekends, public holidays or 年末年始

# A Thursday morning in Japan: the window of a lesson with 14 days' notice runs from
# 2026-10-15 to 2027-10-01, and every day below is in it.
SCHOOL_DAYS_NOW = datetime.datetime(2026, 10, 1, 9, 0, tzinfo=JAPAN)
PLEASE_CHOOSE_A_SCHOOL_DAY = "学校の授業がある平日を選んでください。"


def post_at(moment, client, lesson, data):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return post(client, lesson, data)


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (datetime.date(2026, 11, 7), "11月7日は土曜日のため選べません。"),
        (datetime.date(2026, 11, 8), "11月8日は日曜日のため選べません。"),
        (datetime.date(2026, 11, 3), "11月3日は文化の日のため選べません。"),
        (datetime.date(2027, 3, 22), "3月22日は春分の日の振替休日のため選べません。"),
        (datetime.date(2026, 12, 29), "12月29日から1月3日までは年末年始のため選べません。"),
        (datetime.date(2026, 12, 31), "12月29日から1月3日までは年末年始のため選べません。"),
        (datetime.date(2027, 1, 3), "12月29日から1月3日までは年末年始のため選べません。"),
    ],
)
def test_a_preferred_date_must_be_a_school_day(client, request_lesson, day, reason):
    for field in ("preferred_date_1", "preferred_date_2"):
        data = {"preferred_date_1": "2026-11-04", field: day.isoformat()}
        response = post_at(SCHOOL_DAYS_NOW, client, request_lesson, booking_data(**data))
        assert_rejected(response, field, reason + PLEASE_CHOOSE_A_SCHOOL_DAY)
        # Next to the field, with what the teacher typed kept.
        html = response.content.decode()
        assert re.search(rf'name="{field}" value="{day.isoformat()}"', html)


def test_a_date_typed_the_japanese_way_is_kept_when_refused(client, request_lesson):
    response = post_at(
        SCHOOL_DAYS_NOW, client, request_lesson, booking_data(preferred_date_1="2026年11月3日")
    )
    assert_rejected(response, "preferred_date_1", "11月3日は文化の日のため選べません。")
    assert 'value="2026年11月3日"' in response.content.decode()


@pytest.mark.parametrize(
    "day",
    [
        datetime.date(2026, 11, 4),  # the Wednesday after 文化の日
        datetime.date(2026, 12, 28),  # the Monday before 年末年始
        datetime.date(2027, 1, 4),  # the Monday after it
    ],
)
def test_a_weekday_is_accepted(client, request_lesson, day):
    response = post_at(
        SCHOOL_DAYS_NOW,
        client,
        request_lesson,
        booking_data(preferred_date_1=day.isoformat(), delivery_mode="visit"),
    )
    assert response.status_code == 302
    assert Booking.objects.get().preferred_date_1 == day


def test_a_slot_an_editor_set_on_a_saturday_can_be_booked(client, lesson):
    # Editors open a slot on a Saturday or a holiday on purpose (a Saturday class, an event).
    saturday = datetime.date(2026, 11, 7)
    slot = LessonSlotFactory(lesson=lesson, date=saturday)
    response = post_at(SCHOOL_DAYS_NOW, client, lesson, booking_data(slot=slot.pk))
    assert response.status_code == 302
    assert Booking.objects.get().lesson_date == saturday


def test_the_form_says_beforehand_that_only_school_days_can_be_chosen(client, request_lesson):
    html = client.get(book_url(request_lesson)).content.decode()
    help_text = re.search(r'<span class="help" id="id_preferred_date_1_helptext">([^<]+)', html)
    assert help_text[1] == (
        "学校の授業がある平日を選んでください。"
        "土曜日・日曜日・祝日と年末年始（12月29日〜1月3日）は選べません。"
    )
    field = re.search(r'<input[^>]*id="id_preferred_date_1"[^>]*>', html)[0]
    assert 'aria-describedby="id_preferred_date_1_helptext"' in field  # read with the field
    assert "ご都合のつく日がほかにあればお知らせください（平日のみ）。" in html


def test_pupils_within_the_lessons_maximum(client, lesson, slot):
    response = post(client, lesson, booking_data(slot=slot.pk, pupils="41"))
    assert_rejected(response, "pupils", "1回（1クラス）40人までです。2クラス以上で受ける場合")
    response = post(client, lesson, booking_data(slot=slot.pk, classes="2", pupils="81"))
    assert_rejected(response, "pupils", "2クラスで80人までです。")
    response = post(client, lesson, booking_data(slot=slot.pk, pupils="0"))
    assert_rejected(response, "pupils", "1人以上")


def test_the_pupils_limit_is_per_class(client, lesson, today):
    # Two classes of 29, one after the other: each within the lesson's 40.
    slot = LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=30), capacity=2)
    response = post(client, lesson, booking_data(slot=slot.pk, classes="2", pupils="58"))
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.classes, booking.pupils) == (2, 58)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("", "クラス数を入力してください。"),
        ("abc", "クラス数を数字で入力してください。"),
        ("3.5", "クラス数を数字で入力してください。"),
        ("0", "1以上"),
        ("11", "10以下"),
    ],
)
def test_classes_must_be_a_sensible_number(client, lesson, slot, value, problem):
    response = post(client, lesson, booking_data(slot=slot.pk, classes=value))
    assert_rejected(response, "classes", problem)


def test_slot_must_still_be_free(client, lesson, slot):
    BookingFactory(lesson=lesson, slot=slot, classes=1)
    response = post(client, lesson, booking_data(slot=slot.pk))
    assert_rejected(response, "slot", SLOT_TAKEN_MESSAGE, already_stored=1)
    assert NO_SLOTS_LEFT_MESSAGE in response.content.decode()


def test_a_taken_slot_offers_the_remaining_ones(client, lesson, slot, today):
    other = LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=40))
    BookingFactory(lesson=lesson, slot=slot)
    response = post(client, lesson, booking_data(slot=slot.pk))
    html = response.content.decode()
    assert_rejected(response, "slot", SLOT_TAKEN_MESSAGE, already_stored=1)
    assert re.search(rf'value="{other.pk}"(?![^>]*disabled)', html)
    assert re.search(rf'value="{slot.pk}"[^>]*disabled', html)
    assert "満席" in html


def test_cancelled_bookings_free_their_place(client, lesson, slot):
    BookingFactory(lesson=lesson, slot=slot, status=BookingStatus.CANCELLED)
    assert post(client, lesson, booking_data(slot=slot.pk)).status_code == 302


def test_classes_must_fit_in_the_slot(client, lesson, slot):
    slot.capacity = 2
    slot.save()
    BookingFactory(lesson=lesson, slot=slot, classes=1)
    response = post(client, lesson, booking_data(slot=slot.pk, classes="2"))
    assert_rejected(response, "classes", "あと1クラスです", already_stored=1)


def test_slot_of_another_lesson_is_refused(client, lesson, request_lesson, lesson_index):
    from .factories import LessonPageFactory

    other_lesson = LessonPageFactory(parent=lesson_index)
    foreign_slot = LessonSlotFactory(lesson=other_lesson)
    response = post(client, lesson, booking_data(slot=foreign_slot.pk))
    assert_rejected(response, "slot", "一覧にある日時から選んでください")


def test_slot_past_the_notice_period_is_refused(client, lesson, today):
    late = LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=3))
    response = post(client, lesson, booking_data(slot=late.pk))
    assert_rejected(response, "slot", "14日前までにお申し込みください")


def test_junk_slot_value_is_a_clear_error(client, lesson, slot):
    response = post(client, lesson, booking_data(slot="<script>"))
    assert_rejected(response, "slot", "一覧にある日時から選んでください")


def test_grade_must_be_one_the_lesson_is_for(client, lesson, slot):
    response = post(client, lesson, booking_data(slot=slot.pk, grade="e1"))
    assert_rejected(response, "grade", "学年は、一覧にあるものから選んでください。")


def test_school_must_be_in_an_area_the_lesson_visits(client, lesson, slot):
    response = post(client, lesson, booking_data(slot=slot.pk, prefecture="47"))
    assert_rejected(response, "prefecture", "沖縄県への訪問には対応していません")


def test_online_delivery_is_possible_from_anywhere(client, request_lesson, today):
    day = school_day_on_or_after(today + datetime.timedelta(days=20)).isoformat()
    visit = post(
        client,
        request_lesson,
        booking_data(preferred_date_1=day, prefecture="47", delivery_mode="visit"),
    )
    assert_rejected(visit, "prefecture", "オンラインでの実施をお選びください")
    online = post(
        client,
        request_lesson,
        booking_data(preferred_date_1=day, prefecture="47", delivery_mode="online"),
    )
    assert online.status_code == 302


def test_invalid_email(client, lesson, slot):
    response = post(client, lesson, booking_data(slot=slot.pk, email="hanako@"))
    assert_rejected(response, "email", "name@example.jp の形で")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("03-1234-5678", "03-1234-5678"),
        ("0312345678", "0312345678"),
        ("03(1234)5678", "03-1234-5678"),
        ("０３ー１２３４ー５６７８", "03-1234-5678"),
        ("03−1234−5678", "03-1234-5678"),
        ("09012345678", "090-1234-5678"),
        ("090 1234 5678", "090-1234-5678"),
        ("+81 90-1234-5678", "090-1234-5678"),
        ("+81-3-1234-5678", "03-1234-5678"),
        ("0120-123-456", "0120-123-456"),
        ("050-1234-5678", "050-1234-5678"),
        ("0742-00-7890", "0742-00-7890"),
    ],
)
def test_japanese_phone_formats_are_accepted(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "12345",
        "3-1234-5678",
        "03-1234-567",
        "090-1234-56789",
        "0312345678x",
        "電話",
        "00-1234-5678",
        "011-1234-56789",
        "０９０ー１２３４ー５６７",  # a mobile number a digit short
        "050-123-4567",
        "0800-123-456",
    ],
)
def test_other_phone_numbers_are_refused(typed):
    with pytest.raises(ValidationError) as error:
        normalise_phone(typed)
    assert "市外局番から" in error.value.messages[0]


# One booking per school per fiscal year


def test_one_booking_per_school_per_fiscal_year_is_told_kindly(client, lesson, slot, today, tokyo):
    lesson.one_booking_per_school_per_year = True
    lesson.save()
    BookingFactory(
        lesson=lesson,
        school_name="千代田区立 霞が関小学校",  # spelled with a space: still the same school
        prefecture=tokyo,
        lesson_date=slot.date,
    )
    response = post(client, lesson, booking_data(slot=slot.pk))
    assert_rejected(response, "school_name", "1校につき年度内1回まで", already_stored=1)
    assert "ご了承ください" in field_errors(response, "school_name")[0]


def test_one_per_school_counts_only_the_same_fiscal_year(client, lesson, tokyo):
    lesson.one_booking_per_school_per_year = True
    lesson.min_notice_days = 1
    lesson.save()
    # Freeze "today" on 2027-03-01 JST: a slot on 2027-04-01 is in the next fiscal year.
    slot = LessonSlotFactory(lesson=lesson, date=datetime.date(2027, 4, 1))
    BookingFactory(
        lesson=lesson,
        school_name="千代田区立霞が関小学校",
        prefecture=tokyo,
        lesson_date=datetime.date(2027, 3, 31),
    )
    from unittest import mock

    from website.dates import JAPAN

    with mock.patch(
        "django.utils.timezone.now",
        return_value=datetime.datetime(2027, 3, 1, 9, 0, tzinfo=JAPAN),
    ):
        response = post(client, lesson, booking_data(slot=slot.pk))
    assert response.status_code == 302


def test_other_schools_and_cancelled_bookings_do_not_count(client, lesson, slot, tokyo):
    lesson.one_booking_per_school_per_year = True
    lesson.save()
    slot.capacity = 3
    slot.save()
    BookingFactory(
        lesson=lesson,
        school_name="千代田区立霞が関小学校",
        prefecture=tokyo,
        status=BookingStatus.CANCELLED,
        lesson_date=slot.date,
    )
    BookingFactory(
        lesson=lesson, school_name="千代田区立ほかの小学校", prefecture=tokyo, lesson_date=slot.date
    )
    assert post(client, lesson, booking_data(slot=slot.pk)).status_code == 302


# Duplicates, bots and floods


def token_of(response):
    return response["Location"].split("/")[2]


def test_the_same_submission_twice_makes_one_booking(
    client, lesson, slot, django_capture_on_commit_callbacks
):
    slot.capacity = 2  # room for a second booking: only the duplicate check can stop it
    slot.save()
    data = booking_data(slot=slot.pk)
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, lesson, data)
        second = post(client, lesson, data)
    assert first.status_code == second.status_code == 302
    booking = Booking.objects.get()
    assert Booking.objects.from_token(token_of(second)) == booking
    # A repeated click does not send the e-mails again.
    assert len(mail.outbox) == 2


def test_the_same_request_by_dates_twice_makes_one_booking(client, request_lesson, today):
    data = booking_data(
        preferred_date_1=school_day_on_or_after(today + datetime.timedelta(days=20)).isoformat(),
        delivery_mode="visit",
    )
    post(client, request_lesson, data)
    post(client, request_lesson, data)
    assert Booking.objects.count() == 1
    # Another form (a new visit, so a new key), other data: another booking.
    changed = post(client, request_lesson, {**data, "pupils": "33", "submission_key": "new-form"})
    assert changed.status_code == 302
    assert Booking.objects.count() == 2


def test_honeypot_stores_nothing(client, lesson, slot):
    response = post(
        client, lesson, booking_data(slot=slot.pk, **{HONEYPOT_FIELD: "http://spam.example"})
    )
    assert response.status_code == 302
    assert Booking.objects.count() == 0
    assert mail.outbox == []


def limit_bookings_to_two(settings):
    settings.SUBMISSION_RATE_LIMITS = {
        **settings.SUBMISSION_RATE_LIMITS,
        "outreach.booking": (2, 3600),
    }


def request_data(today, **overrides):
    first = school_day_on_or_after(today + datetime.timedelta(days=20))
    return booking_data(preferred_date_1=first.isoformat(), delivery_mode="visit", **overrides)


def test_bookings_past_the_rate_limit_are_refused_with_the_input_kept(
    client, request_lesson, today, settings
):
    limit_bookings_to_two(settings)
    for _ in range(2):
        response = post(client, request_lesson, request_data(today), REMOTE_ADDR="192.0.2.10")
        assert response.status_code == 302
    blocked = post(client, request_lesson, request_data(today), REMOTE_ADDR="192.0.2.10")
    assert blocked.status_code == 429
    assert "しばらく時間をおいてから、もう一度送信してください。" in blocked.content.decode()
    assert 'value="千代田区立霞が関小学校"' in blocked.content.decode()
    assert Booking.objects.count() == 2
    other_ip = post(client, request_lesson, request_data(today), REMOTE_ADDR="192.0.2.11")
    assert other_ip.status_code == 302


def test_bookings_with_mistakes_do_not_use_up_the_rate_limit(
    client, request_lesson, today, settings
):
    # A school's teachers share one address: one teacher's typing mistakes must not lock
    # out the others.
    limit_bookings_to_two(settings)
    for _ in range(5):
        mistaken = post(
            client, request_lesson, request_data(today, pupils="999"), REMOTE_ADDR="192.0.2.10"
        )
        assert mistaken.status_code == 200
        assert field_errors(mistaken, "pupils")
        assert "しばらく時間をおいて" not in mistaken.content.decode()
    for _ in range(2):
        booked = post(client, request_lesson, request_data(today), REMOTE_ADDR="192.0.2.10")
        assert booked.status_code == 302
    # Over the limit, a form with a mistake is still answered with what to correct.
    mistaken = post(
        client, request_lesson, request_data(today, pupils="999"), REMOTE_ADDR="192.0.2.10"
    )
    assert mistaken.status_code == 200
    assert field_errors(mistaken, "pupils")
    assert Booking.objects.count() == 2
