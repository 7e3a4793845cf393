"""Who is told when a forum has something to handle: the secretariat, then the forum's editors."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ForumFactory
from website.mail import staff_and_editor_addresses
from website.models import Forum

pytestmark = pytest.mark.django_db

PERMISSION = "outreach.view_booking_personal_data"


@pytest.fixture(autouse=True)
def secretariat(settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["secretariat@example.jp", "desk@example.jp"]


def user(django_user_model, username, *groups, **fields):
    fields.setdefault("email", f"{username}@example.jp")
    person = django_user_model.objects.create_user(username=username, password="x", **fields)
    person.groups.add(*groups)
    return person


def addresses(forums, **options):
    with CaptureQueriesContext(connection) as queries:
        found = staff_and_editor_addresses(forums, **options)
    assert len(queries.captured_queries) == 1
    return found


def test_the_secretariat_then_the_active_editors_of_the_forum_each_address_once(
    django_user_model, kyushu, kinki
):
    group = kyushu.editor_group
    user(django_user_model, "yamada", group, email="Yamada@example.jp")
    user(django_user_model, "yamada-again", group, email="yamada@example.jp")
    user(django_user_model, "desk", group, email="DESK@example.jp")  # the secretariat's too
    user(django_user_model, "aoki", group)
    user(django_user_model, "away", group, is_active=False)
    user(django_user_model, "no-address", group, email="")
    user(django_user_model, "kinki-editor", kinki.editor_group)
    user(django_user_model, "both", group, kinki.editor_group)
    user(django_user_model, "nobody")

    assert addresses([kyushu]) == [
        "secretariat@example.jp",
        "desk@example.jp",
        "aoki@example.jp",
        "both@example.jp",
        "Yamada@example.jp",
    ]


def test_several_forums_by_queryset_or_pk_and_none(django_user_model, kyushu, kinki):
    user(django_user_model, "kyushu-editor", kyushu.editor_group)
    user(django_user_model, "kinki-editor", kinki.editor_group)
    user(django_user_model, "tohoku-editor", ForumFactory().editor_group)
    both = ["kinki-editor@example.jp", "kyushu-editor@example.jp"]
    staff = ["secretariat@example.jp", "desk@example.jp"]

    assert addresses(Forum.objects.filter(pk__in=[kyushu.pk, kinki.pk])) == staff + both
    assert addresses([kyushu.pk, kinki.pk]) == staff + both
    assert staff_and_editor_addresses([None]) == staff  # a lesson of no forum
    assert staff_and_editor_addresses([]) == staff


def test_only_the_editors_holding_the_permission_when_one_is_asked_for(
    django_user_model, kyushu, kinki
):
    permission = Permission.objects.get(codename="view_booking_personal_data")
    group = kyushu.editor_group
    group.permissions.remove(permission)
    user(django_user_model, "without", group)
    user(django_user_model, "own", group).user_permissions.add(permission)
    user(django_user_model, "boss", group, is_superuser=True)
    user(django_user_model, "away-boss", group, is_superuser=True, is_active=False)
    user(django_user_model, "lessons", group, Group.objects.get(name="出前授業担当"))
    user(django_user_model, "kinki-boss", kinki.editor_group, is_superuser=True)

    assert addresses([kyushu], permission=PERMISSION) == [
        "secretariat@example.jp",
        "desk@example.jp",
        "boss@example.jp",
        "lessons@example.jp",
        "own@example.jp",
    ]
    assert "without@example.jp" in addresses([kyushu])
