import datetime

import pytest

from outreach.models import BookingMode, BookingStatus, Grade, LessonPage, LessonSlot, Subject
from tests.factories import ImageFactory, prefecture

from .factories import BookingFactory, LessonPageFactory, LessonSlotFactory

pytestmark = pytest.mark.django_db


def listed(client, index, **params):
    response = client.get(index.url, params)
    assert response.status_code == 200
    return [lesson.title for lesson in response.context["page_obj"].object_list]


@pytest.fixture
def catalogue(lesson_index):
    hokkaido, tokyo = prefecture("01"), prefecture("13")
    return {
        "bridge": LessonPageFactory(
            parent=lesson_index,
            title="橋",
            target_grades=[Grade.E4, Grade.E5],
            subjects=[Subject.SOCIAL],
            prefectures=[tokyo],
        ),
        "river": LessonPageFactory(
            parent=lesson_index,
            title="川",
            target_grades=[Grade.E5, Grade.JUNIOR_HIGH],
            subjects=[Subject.SCIENCE, Subject.INTEGRATED],
            prefectures=[hokkaido],
            online_available=True,
        ),
        "online": LessonPageFactory(
            parent=lesson_index,
            title="オンライン",
            target_grades=[Grade.HIGH],
            subjects=[Subject.TECHNOLOGY],
            prefectures=[],
            online_available=True,
        ),
    }


def test_unfiltered_lists_every_visible_lesson(client, lesson_index, catalogue):
    draft = LessonPageFactory(parent=lesson_index, title="下書き", live=False)
    assert sorted(listed(client, lesson_index)) == sorted(["橋", "川", "オンライン"])
    assert draft.title not in listed(client, lesson_index)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"grade": "e5"}, ["橋", "川"]),
        ({"grade": "e4"}, ["橋"]),
        ({"grade": "hs"}, ["オンライン"]),
        ({"grade": "e1"}, []),
        ({"subject": "science"}, ["川"]),
        ({"subject": "social"}, ["橋"]),
        # A school in Tokyo can have the lessons visiting Tokyo and the online ones.
        ({"area": "13"}, ["橋", "川", "オンライン"]),
        ({"area": "01"}, ["川", "オンライン"]),
        ({"area": "13", "mode": "visit"}, ["橋"]),
        ({"mode": "visit"}, ["橋", "川"]),
        ({"mode": "online"}, ["川", "オンライン"]),
        ({"grade": "e5", "mode": "online"}, ["川"]),
    ],
)
def test_filters(client, lesson_index, catalogue, params, expected):
    assert sorted(listed(client, lesson_index, **params)) == sorted(expected)


def test_with_a_prefecture_chosen_the_lessons_that_visit_it_come_first(
    client, lesson_index, catalogue
):
    # 「東京の堤防」 comes last in the tree, after two lessons that are online only for Tokyo: a
    # school in Tokyo still sees both visits first.
    LessonPageFactory(parent=lesson_index, title="東京の堤防", prefectures=[prefecture("13")])
    assert listed(client, lesson_index, area="13") == ["橋", "東京の堤防", "川", "オンライン"]
    assert listed(client, lesson_index, area="01") == ["川", "オンライン"]


def test_with_a_prefecture_chosen_each_card_says_whether_a_visit_there_is_possible(
    client, lesson_index, catalogue
):
    html = client.get(lesson_index.url, {"area": "13", "grade": "junk"}).content.decode()
    cards = {
        title: card
        for card in html.split('<li class="card lesson-card">')[1:]
        for title in ("橋", "川", "オンライン")
        if f">{title}</a></h3>" in card
    }
    assert "東京都の学校へ訪問できます" in cards["橋"]
    assert "東京都へは訪問できません。オンラインで実施できます" in cards["川"]
    assert "東京都へは訪問できません。オンラインで実施できます" in cards["オンライン"]
    # Without a prefecture the cards list the areas, as before.
    plain = client.get(lesson_index.url).content.decode()
    assert "訪問できます" not in plain and "訪問（東京都）" in plain


@pytest.mark.parametrize(
    "params",
    [
        {"grade": "<script>"},
        {"subject": "x" * 300},
        {"area": "99"},
        {"area": "<script>"},
        {"mode": "teleport"},
        {"page": "abc"},
        {"page": "99999"},
        {"grade": "e5", "area": "zz"},
    ],
)
def test_junk_parameters_are_ignored(client, lesson_index, catalogue, params):
    titles = listed(client, lesson_index, **params)
    assert titles  # never a 500; an invalid filter is simply not applied
    assert "<script>" not in client.get(lesson_index.url, params).content.decode()


def test_the_filter_form_keeps_the_choice_and_shows_an_empty_state(client, lesson_index, catalogue):
    html = client.get(lesson_index.url, {"grade": "e1"}).content.decode()
    assert '<option value="e1" selected>小1</option>' in html
    assert "条件に合う授業が見つかりませんでした" in html


# Can each lesson be booked now?


def bookability(client, index, lesson):
    response = client.get(index.url)
    [shown] = [item for item in response.context["page_obj"].object_list if item.pk == lesson.pk]
    return shown.bookable, shown.next_open_slot, response.content.decode()


def test_lesson_with_an_open_slot_is_bookable(client, lesson_index, lesson, today):
    slot = LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=20))
    bookable, next_slot, html = bookability(client, lesson_index, lesson)
    assert bookable and next_slot == slot
    assert (
        "受付中" in html
        and f"次の空き日時：{slot.date.month}月{slot.date.day}日（{'月火水木金土日'[slot.date.weekday()]}）{slot.start_time:%H:%M}"
        in html
    )


def test_lesson_whose_slots_are_full_past_or_too_soon_is_not_bookable(
    client, lesson_index, lesson, today
):
    full = LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=20))
    BookingFactory(lesson=lesson, slot=full)
    LessonSlotFactory(lesson=lesson, date=today - datetime.timedelta(days=1))
    LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=13))  # notice: 14 days
    bookable, next_slot, html = bookability(client, lesson_index, lesson)
    assert not bookable and next_slot is None
    assert "受付終了" in html


def test_cancelled_booking_reopens_the_slot(client, lesson_index, lesson, today):
    slot = LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=20))
    BookingFactory(lesson=lesson, slot=slot, status=BookingStatus.CANCELLED)
    assert bookability(client, lesson_index, lesson)[0]


def test_slot_outside_the_booking_window_is_not_offered(client, lesson_index, lesson, today):
    lesson.booking_window_end = today + datetime.timedelta(days=30)
    lesson.save()
    LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=31))
    assert not bookability(client, lesson_index, lesson)[0]


def test_request_lesson_is_bookable_until_its_window_closes(client, lesson_index, today):
    lesson = LessonPageFactory(parent=lesson_index, booking_mode=BookingMode.REQUEST)
    assert bookability(client, lesson_index, lesson)[0]
    lesson.booking_window_end = today + datetime.timedelta(days=lesson.min_notice_days)
    lesson.save()
    assert bookability(client, lesson_index, lesson)[0]
    lesson.booking_window_end = today + datetime.timedelta(days=lesson.min_notice_days - 1)
    lesson.save()
    bookable, _slot, html = bookability(client, lesson_index, lesson)
    assert not bookable and "受付終了" in html


def test_lesson_not_accepting_bookings(client, lesson_index, lesson, today):
    LessonSlotFactory(lesson=lesson, date=today + datetime.timedelta(days=20))
    lesson.accepts_bookings = False
    lesson.save()
    bookable, _slot, html = bookability(client, lesson_index, lesson)
    assert not bookable and "受付停止中" in html


def test_bookability_is_computed_at_the_japan_date_boundary(lesson_index, lesson):
    from website.dates import JAPAN

    LessonSlotFactory(lesson=lesson, date=datetime.date(2027, 4, 15))
    # 14 days' notice: 2027-04-01 is the last day to book a lesson on 2027-04-15.
    last_minute = datetime.datetime(2027, 4, 1, 23, 59, tzinfo=JAPAN)
    too_late = datetime.datetime(2027, 4, 2, 0, 0, tzinfo=JAPAN)
    for now, expected in ((last_minute, True), (too_late, False)):
        [checked] = LessonPage.attach_bookability([lesson], now.date())
        assert checked.bookable is expected


# Queries do not grow with the number of lessons


def make_lessons(index, count, today):
    """Many lessons quickly: one insert per page (M2M included), slots in bulk."""
    image = ImageFactory()
    tokyo, osaka = prefecture("13"), prefecture("27")
    start = LessonPage.objects.count()
    slots = []
    for number in range(start, start + count):
        lesson = LessonPage(
            title=f"授業{number}",
            slug=f"bulk-{number}",
            summary="点検の仕事を学びます。",
            image=image,
            target_grades=[Grade.E5],
            booking_mode=BookingMode.SLOTS if number % 2 else BookingMode.REQUEST,
        )
        lesson.prefectures = [tokyo, osaka]
        index.add_child(instance=lesson)
        if number % 2:
            slots.append(
                LessonSlot(
                    lesson=lesson,
                    date=today + datetime.timedelta(days=20 + number % 30),
                    start_time=datetime.time(10, 45),
                )
            )
    LessonSlot.objects.bulk_create(slots)


def test_index_queries_do_not_grow_from_10_to_500_lessons(
    client, lesson_index, today, django_assert_max_num_queries
):
    make_lessons(lesson_index, 10, today)
    client.get(lesson_index.url)  # renditions are generated once, then cached
    with django_assert_max_num_queries(30) as small:
        client.get(lesson_index.url, {"area": "13"})
    small_count = len(small.captured_queries)
    make_lessons(lesson_index, 490, today)
    client.get(lesson_index.url)
    with django_assert_max_num_queries(small_count) as large:
        response = client.get(lesson_index.url, {"area": "13"})
    assert response.context["page_obj"].paginator.count == 500
    print(f"lesson index: {small_count} queries at 10, {len(large.captured_queries)} at 500")
