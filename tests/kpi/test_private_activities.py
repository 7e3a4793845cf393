"""Activities whose page the public may not see count in the figures, but the public list
shows only the others and says how many more counted, of which kinds, on every page."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from events.models import EventPage
from kpi.models import ActivityKind
from outreach.bookings import change_status
from outreach.models import BookingStatus
from tests.events.factories import EventIndexPageFactory, EventPageFactory, jst
from tests.outreach.factories import BookingFactory, LessonIndexPageFactory, LessonPageFactory

from .factories import ActivityFactory, KpiDashboardPageFactory
from .test_dashboard import table_rows

D = datetime.date
EVENT_TITLE = "会員限定の点検ワークショップ"
LESSON_TITLE = "まだ公開しない橋の授業"
PRIVATE = "非公開の活動"
HIDDEN_TWO = "ほかに非公開の活動が2件あります（出前授業1件、ワークショップ講座1件）。"


@pytest.fixture
def dashboard(home_page):
    return KpiDashboardPageFactory(parent=home_page)


@pytest.fixture
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def held_event(event_index):
    event = EventPageFactory(
        parent=event_index,
        title=EVENT_TITLE,
        start=jst(2021, 9, 15, 13),
        end=jst(2021, 9, 15, 17),
        held=True,
        participants=32,
    )
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


@pytest.fixture
def delivered_lesson(home_page):
    lesson = LessonPageFactory(
        parent=LessonIndexPageFactory(parent=home_page), title=LESSON_TITLE, slug="secret"
    )
    booking = BookingFactory(
        lesson=lesson,
        city="檜原村",
        lesson_date=D(2021, 10, 15),
        status=BookingStatus.CONFIRMED,
        pupils=32,
    )
    change_status(booking, BookingStatus.DELIVERED, pupils_attended=31)
    return lesson


def listing(client, dashboard, **query):
    return client.get(dashboard.url, {"year": "2021", **query}).content.decode()


@pytest.mark.django_db
def test_activities_of_pages_made_private_or_unpublished_are_counted_not_listed(
    client, dashboard, plan, held_event, delivered_lesson
):
    # 55 newer activities push the two onto the list's second page.
    ActivityFactory.create_batch(55, kind=ActivityKind.WORKSHOP, date=D(2022, 1, 10))
    before = listing(client, dashboard, page="2")
    assert EVENT_TITLE in before and LESSON_TITLE in before and PRIVATE not in before
    assert "数えた活動は全57件です。新しい順に示します。" in before

    PageViewRestriction.objects.create(page=held_event, restriction_type="login")
    delivered_lesson.unpublish()

    pages = [listing(client, dashboard), listing(client, dashboard, page="2")]
    csv_text = client.get(dashboard.url + "csv/", {"year": "2021"}).content.decode("utf-8-sig")
    for text in [*pages, csv_text]:
        assert EVENT_TITLE not in text and LESSON_TITLE not in text
        assert "檜原村" not in text
        assert held_event.url not in text and delivered_lesson.url not in text
    # The public list holds the 55 others, 50 and 5, not rows of 「非公開の活動」; every page
    # says how many more counted.
    assert [page.count('<td class="kpi-activities__date">') for page in pages] == [50, 5]
    for page in pages:
        assert "数えた活動は全57件です。そのうち公開している55件を新しい順に示します。" in page
        assert HIDDEN_TWO in page and "数値には含めています" in page
        assert f"{PRIVATE}</th>" not in page
    # They still count: 55 + the event + the lesson.
    assert (
        table_rows(client.get(dashboard.url, {"year": "2021"}))["lessons-and-workshops"][2]
        == "57回"
    )


@pytest.mark.django_db
def test_a_restriction_on_an_ancestor_hides_the_title_too(
    client, dashboard, plan, event_index, held_event
):
    PageViewRestriction.objects.create(page=event_index, restriction_type="password", password="x")

    html = listing(client, dashboard)

    assert EVENT_TITLE not in html
    assert "数えた活動は全1件です。どれも題名を公開していない活動です。" in html
    assert "非公開の活動が1件あります（ワークショップ講座1件）。" in html
    assert "ほかに" not in html and '<table class="kpi-activities">' not in html


@pytest.mark.django_db
def test_a_recorded_activity_whose_page_is_gone_is_private_a_hand_entered_one_is_not(
    client, dashboard, plan, held_event
):
    from kpi import activities

    activity = activities.recorded_for(held_event)
    activity.page = None
    activity.save()
    ActivityFactory(kind=ActivityKind.WORKSHOP, title="手入力のワークショップ")

    html = listing(client, dashboard)

    assert EVENT_TITLE not in html
    assert "ほかに非公開の活動が1件あります（ワークショップ講座1件）。" in html
    assert '<th scope="row">手入力のワークショップ</th>' in html
