"""The admin's log listings (サイト履歴, an object's 履歴) show a forum's editors the entries of
their own forum's bookings, KPI figures and matchings only; 事務局, 広報部会 and superusers
keep seeing every forum's."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.log_actions import log

from outreach.bookings import change_status
from outreach.models import BookingStatus
from tests.kpi.factories import EnteredFigureFactory
from tests.matching.factories import NeedFactory
from tests.outreach.factories import BookingFactory, LessonIndexPageFactory, LessonPageFactory
from website import teams

SITE_HISTORY = "/admin/reports/site-history/"


@pytest.fixture
def bookings(home_page, kyushu, kinki):
    """A booking of a 九州 lesson and one of a 近畿 lesson, each confirmed in the admin."""
    index = LessonIndexPageFactory(parent=home_page)
    own = BookingFactory(lesson=LessonPageFactory(parent=index, forum=kyushu))
    other = BookingFactory(lesson=LessonPageFactory(parent=index, forum=kinki))
    for booking in (own, other):
        change_status(booking, BookingStatus.CONFIRMED)
    return own, other


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(username="admin", password="x")


@pytest.fixture
def secretariat_lesson_staff(django_user_model):
    """A 事務局 member who also handles the lessons' bookings (出前授業担当), of every forum."""
    user = django_user_model.objects.create_user(username="jimukyoku", password="x")
    user.groups.add(
        Group.objects.get(name=teams.ADMINISTRATORS), Group.objects.get(name="出前授業担当")
    )
    return user


def site_history(client, user, query=""):
    client.force_login(user)
    response = client.get(SITE_HISTORY + query)
    assert response.status_code == 200
    if response.streaming:  # the CSV export
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


@pytest.mark.django_db
def test_a_forums_editors_see_their_own_bookings_status_changes_only(
    client, bookings, kyushu_editor
):
    own, other = bookings
    html = site_history(client, kyushu_editor)
    assert own.reference in html
    assert other.reference not in html
    exported = site_history(client, kyushu_editor, "?export=csv")
    assert own.reference in exported and other.reference not in exported


@pytest.mark.django_db
def test_the_site_history_filters_offer_nobody_known_only_from_other_forums_entries(
    client, bookings, kyushu_editor, django_user_model
):
    own, other = bookings
    kinki_staff = django_user_model.objects.create_user(username="kinki-lessons", password="x")
    log(other, "wagtail.edit", user=kinki_staff)
    html = site_history(client, kyushu_editor)
    assert "kinki-lessons" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["superuser", "reviewer", "secretariat_lesson_staff"])
def test_the_secretariat_reviewers_and_superusers_see_every_forums_bookings(
    client, bookings, viewer, request
):
    html = site_history(client, request.getfixturevalue(viewer))
    for booking in bookings:
        assert booking.reference in html


@pytest.mark.django_db
def test_a_forums_editors_see_their_own_kpi_figures_and_needs_only(
    client, kyushu, kinki, kyushu_editor, reviewer
):
    for forum, name in ((kyushu, "九州"), (kinki, "近畿")):
        log(EnteredFigureFactory(forum=forum), "wagtail.edit", title=f"{name}の入力値")
        log(NeedFactory(forum=forum), "wagtail.edit", title=f"{name}のニーズ")
    html = site_history(client, kyushu_editor)
    assert "九州の入力値" in html and "九州のニーズ" in html
    assert "近畿の入力値" not in html and "近畿のニーズ" not in html
    html = site_history(client, reviewer)
    assert "近畿の入力値" in html and "近畿のニーズ" in html


@pytest.mark.django_db
def test_entries_of_what_belongs_to_no_forum_are_shown_as_wagtail_shows_them(client, kyushu_editor):
    """Only forum-owned models are narrowed: a forum's editors, who review the seeds sent from
    the members' area, still see every seed's entries."""
    from tests.matching.factories import SeedFactory

    log(SeedFactory(), "wagtail.edit", title="衛星で堤防の変位をみる技術")
    assert "衛星で堤防の変位をみる技術" in site_history(client, kyushu_editor)


def test_every_forum_owned_model_is_logged_apart_and_nothing_else():
    from django.apps import apps
    from wagtail.log_actions import registry

    from website.models import ForumOwnedLogEntry

    logged_apart = {
        model
        for model in apps.get_models()
        if registry.get_log_model_for_model(model) is ForumOwnedLogEntry
    }
    assert logged_apart == set(teams.forum_owned_models())
    assert {model._meta.label_lower for model in logged_apart} >= {
        "outreach.booking",
        "outreach.lessonslot",
        "events.registration",
        "kpi.enteredfigure",
        "matching.need",
    }


@pytest.mark.django_db
def test_the_migration_moves_the_entries_already_logged(bookings):
    """Entries written to Wagtail's model log before the forum-owned log existed move across."""
    import importlib

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    from website.models import ForumOwnedLogEntry

    migration = importlib.import_module("website.migrations.0012_forum_owned_log_entry")
    own, _ = bookings
    ForumOwnedLogEntry.objects.all().delete()
    for instance in (own, own.lesson.forum):
        ModelLogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(instance),
            object_id=str(instance.pk),
            label=str(instance),
            action="wagtail.edit",
            timestamp=timezone.now(),
        )
    migration.move_entries(("wagtailcore", "ModelLogEntry"), ("website", "ForumOwnedLogEntry"))(
        apps, None
    )
    assert list(ForumOwnedLogEntry.objects.values_list("object_id", "label")) == [
        (str(own.pk), own.reference)
    ]
    assert list(ModelLogEntry.objects.values_list("label", flat=True)) == [str(own.lesson.forum)]


@pytest.mark.django_db
def test_another_forums_booking_and_slot_histories_are_refused(client, bookings, kyushu_editor):
    from tests.outreach.factories import LessonSlotFactory

    own, other = bookings
    own_slot, other_slot = (LessonSlotFactory(lesson=b.lesson) for b in bookings)
    client.force_login(kyushu_editor)
    assert client.get(f"/admin/lesson_bookings/history/{own.pk}/").status_code == 200
    response = client.get(f"/admin/lesson_bookings/history/{other.pk}/")
    assert response.status_code in (302, 403)
    assert other.reference not in response.content.decode()
    assert client.get(f"/admin/lesson_slots/history/{own_slot.pk}/").status_code == 200
    assert client.get(f"/admin/lesson_slots/history/{other_slot.pk}/").status_code in (302, 403)


@pytest.mark.django_db
def test_another_forums_kpi_figure_and_need_histories_are_refused(
    client, kyushu, kinki, kyushu_editor
):
    client.force_login(kyushu_editor)
    for factory, url in (
        (EnteredFigureFactory, "/admin/snippets/kpi/enteredfigure/history/{}/"),
        (NeedFactory, "/admin/snippets/matching/need/history/{}/"),
    ):
        own, other = factory(forum=kyushu), factory(forum=kinki)
        assert client.get(url.format(own.pk)).status_code == 200
        assert client.get(url.format(other.pk)).status_code in (302, 403)
