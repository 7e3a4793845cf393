import datetime
import secrets

import factory
import wagtail_factories

from outreach.models import (
    Booking,
    BookingMode,
    BookingStatus,
    Grade,
    LessonIndexPage,
    LessonPage,
    LessonSlot,
    SchoolType,
    Subject,
)
from website.dates import is_school_day
from website.models import Prefecture


class LessonIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonIndexPage

    title = "出前授業"
    slug = "lessons"
    introduction = "身近なインフラを学ぶ授業です。"


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"橋の点検を体験しよう{n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    summary = "点検ハンマーで橋をたたいて、音の違いを聞き分けます。"
    provider_name = "テスト実施団体"
    target_grades = [Grade.E4, Grade.E5, Grade.E6]
    subjects = [Subject.SOCIAL]
    periods = 2
    max_pupils = 40
    online_available = False
    booking_mode = BookingMode.SLOTS
    min_notice_days = 14

    @factory.post_generation
    def prefectures(self, create, extracted, **kwargs):
        if create and extracted is not None:
            self.prefectures.set(extracted)
            self.save()
        elif create:
            self.prefectures.set([Prefecture.objects.get(code="13")])
            self.save()


class LessonSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LessonSlot

    lesson = factory.SubFactory(LessonPageFactory)
    date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    start_time = datetime.time(10, 45)
    periods = 2
    capacity = 1


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    lesson = factory.SubFactory(LessonPageFactory)
    status = BookingStatus.REQUESTED
    lesson_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    school_name = factory.Sequence(lambda n: f"千代田区立テスト第{n}小学校")
    school_type = SchoolType.ELEMENTARY
    prefecture = factory.LazyFunction(lambda: Prefecture.objects.get(code="13"))
    city = "千代田区"
    address = "霞が関1-1"
    teacher_name = "山田 花子"
    email = "hanako.yamada@example.jp"
    phone = "03-1234-5678"
    grade = Grade.E5
    classes = 1
    pupils = 30


def school_day_on_or_after(day):
    """The first school day from `day` on: a preferred date that no weekend, holiday or
    年末年始 refuses, whatever day the tests run."""
    while not is_school_day(day):
        day += datetime.timedelta(days=1)
    return day


def booking_data(**overrides):
    """A valid booking form submission (add `slot` or `preferred_date_1`)."""
    data = {
        "school_name": "千代田区立霞が関小学校",
        "school_type": "elementary",
        "prefecture": "13",
        "city": "千代田区",
        "address": "霞が関1-2-3",
        "teacher_name": "山田 花子",
        "email": "hanako.yamada@example.jp",
        "phone": "03-1234-5678",
        "grade": "e5",
        "preferred_period": "p2",  # asked only of lessons booked by preferred dates
        "classes": "1",
        "pupils": "32",
        "accessibility_needs": "",
        "notes": "体育館で実施したいです。",
        "privacy_consent": "on",
        # Each call is a new form, as a browser gets one with each visit.
        "submission_key": secrets.token_urlsafe(16),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
