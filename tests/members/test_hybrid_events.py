"""WEB併用 events: the online URL and materials go to registered participants and, where the
editor chooses, to members on their page; never to the public page."""

import pytest
from django.urls import reverse

from events.models import EventPage
from events.registrations import status_path
from tests.events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

URL = "https://meet.example.jp/j/123456"
MATERIALS = "ミーティングID 123 456、パスコード hashi"


@pytest.fixture
def hybrid(home_page):
    index = EventIndexPageFactory(parent=home_page)
    return EventPageFactory(
        parent=index,
        title="近畿フォーラム総会（WEB併用）",
        attendance=EventPage.Attendance.HYBRID,
        online_url=URL,
        online_url_visibility=EventPage.OnlineUrlVisibility.PARTICIPANTS,
        online_materials=MATERIALS,
        online_for_members=True,
        registration_mode=EventPage.RegistrationMode.SITE,
    )


def test_the_public_page_shows_neither_url_nor_materials(client, hybrid, kinki_member):
    for c in (client,):
        html = c.get(hybrid.url).content.decode()
        assert URL not in html and "パスコード" not in html
    client.force_login(kinki_member)
    html = client.get(hybrid.url).content.decode()
    assert URL not in html and "パスコード" not in html


def test_a_registered_participant_gets_them_on_their_page(client, hybrid):
    registration = RegistrationFactory(event=hybrid)
    html = client.get(status_path(registration)).content.decode()
    assert URL in html and "パスコード hashi" in html


def test_members_get_them_on_their_page_when_the_editor_chose_so(client, hybrid, kinki_member):
    RegistrationFactory(event=hybrid, email=kinki_member.email)
    client.force_login(kinki_member)
    html = client.get(reverse("members_mypage")).content.decode()
    assert "お申し込み中のイベント" in html and "近畿フォーラム総会（WEB併用）" in html
    assert URL in html and "パスコード hashi" in html
    hybrid.online_for_members = False
    hybrid.save_revision().publish()
    html = client.get(reverse("members_mypage")).content.decode()
    assert "会員向けのオンライン参加のご案内" not in html
