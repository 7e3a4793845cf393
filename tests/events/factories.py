"""Factories for the events app: kinds, the index, events and registrations."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from events.models import EventIndexPage, EventKind, EventPage, Registration
from kpi.models import ActivityKind
from tests.factories import ForumFactory
from website.dates import JAPAN


def jst(*args):
    """An aware datetime in Japan time: jst(2022, 3, 31, 23, 59)."""
    return datetime.datetime(*args, tzinfo=JAPAN)


class EventKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventKind
        django_get_or_create = ("slug",)

    slug = "workshop"
    name = factory.LazyAttribute(lambda kind: f"種類 {kind.slug}")
    activity_kind = ActivityKind.WORKSHOP


def workshop_kind():
    return EventKindFactory(slug="workshop", name="ワークショップ講座")


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "イベント"
    slug = "events"
    introduction = "イベントのご案内です。"


def _next_week():
    start = timezone.now().astimezone(JAPAN).replace(hour=13, minute=0, second=0, microsecond=0)
    return start + datetime.timedelta(days=7)


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"テストイベント{n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = factory.LazyFunction(workshop_kind)
    forum = factory.SubFactory(ForumFactory)
    start = factory.LazyFunction(_next_week)
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    summary = "点検の体験とワークショップです。"
    attendance = EventPage.Attendance.IN_PERSON
    venue_name = "区民センター"
    venue_address = "東京都墨田区吾妻橋1-23-20"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    name = factory.Sequence(lambda n: f"参加者{n}")
    affiliation = "墨田区"
    email = factory.Sequence(lambda n: f"person{n}@example.jp")
    participant_type = Registration.ParticipantType.CITIZEN
    number_of_people = 1
    consented_at = factory.LazyFunction(timezone.now)


def registration_form_data(**overrides):
    """A valid registration form submission."""
    data = {
        "name": "山田 太郎",
        "affiliation": "墨田区 道路公園課",
        "email": "taro.yamada@example.jp",
        "participant_type": "municipality",
        "number_of_people": "2",
        "notes": "車いすで参加します。",
        "consent": "on",
        "submission_key": "form-key-1",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
