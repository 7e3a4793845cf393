"""The registrant's private link: its key in the path (never in a query string), old
?token= links still working, and a page that is never cached, indexed or sent as referrer."""

import re

import pytest
from django.core import mail
from django.test import Client

from events.models import Registration
from tests.events.factories import RegistrationFactory
from tests.events.factories import registration_form_data as form_data

from .test_registration import registration_event

pytestmark = pytest.mark.django_db


def assert_private(response):
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_link_in_the_mail_has_its_key_in_the_path(
    client, event_index, django_capture_on_commit_callbacks
):
    event = registration_event(event_index)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.slug}/register/", form_data())
    registration = Registration.objects.get()
    path = re.fullmatch(r"/event-registrations/([^/?]+)/", response["Location"])
    assert Registration.objects.from_token(path[1]) == registration
    (to_registrant,) = [message for message in mail.outbox if message.to == [registration.email]]
    link = re.search(r"http://testserver/event-registrations/([^/?\s]+)/\n", to_registrant.body)
    assert Registration.objects.from_token(link[1]) == registration
    assert "token=" not in to_registrant.body


def test_every_registrant_page_is_private(client, event_index):
    event = registration_event(event_index)
    registration = RegistrationFactory(event=event)
    path = f"/event-registrations/{registration.make_token()}/"
    assert_private(client.get(path))
    assert_private(client.post(path, {}))  # the cancellation form, with a mistake
    assert_private(client.get("/event-registrations/nonsense/"))
    assert_private(client.get(f"/events/{event.slug}/register/"))
    assert_private(
        client.get(f"/events/{event.slug}/registration/?token={registration.make_token()}")
    )


def test_an_old_link_with_the_key_in_the_query_string_goes_to_the_new_one(client, event_index):
    event = registration_event(event_index)
    registration = RegistrationFactory(event=event)
    token = registration.make_token()
    old = f"/events/{event.slug}/registration/?token={token}"

    response = client.get(old)
    assert response.status_code == 302
    assert response["Location"] == f"/event-registrations/{token}/"
    assert client.get(response["Location"]).status_code == 200

    # A cancellation sent from a page opened at the old address keeps its method and data.
    response = client.post(old, {"confirm": "on"})
    assert response.status_code == 307
    assert response["Location"] == f"/event-registrations/{token}/"


def test_cancelling_passes_the_csrf_check_from_the_same_origin(event_index):
    event = registration_event(event_index)
    registration = RegistrationFactory(event=event)
    path = f"/event-registrations/{registration.make_token()}/"
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(path).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    response = browser.post(
        path, {"confirm": "on", "csrfmiddlewaretoken": csrf}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.is_cancelled
    assert 'name="referrer"' not in page


def test_a_withdrawn_events_link_shows_nothing(client, event_index):
    event = registration_event(event_index)
    registration = RegistrationFactory(event=event)
    event.unpublish()
    response = client.get(f"/event-registrations/{registration.make_token()}/")
    assert response.status_code == 404
    assert registration.name not in response.content.decode()


def test_cancelling_asks_for_a_confirmation_not_a_required_field(client, event_index):
    event = registration_event(event_index)
    registration = RegistrationFactory(event=event)
    path = f"/event-registrations/{registration.make_token()}/"
    html = client.get(path).content.decode()
    section = html[html.index('id="cancel-heading"') :]
    assert (
        f"このお申し込み（申込番号 {registration.reference}）をキャンセルします。よろしいですか。"
        in section
    )
    assert "はい、この申込みをキャンセルします</label>" in section
    assert "（必須）" not in section
    checkbox = re.search(r'<input type="checkbox" name="confirm"[^>]*>', section)[0]
    assert "required" not in checkbox

    # Sent without the tick: nothing is cancelled, and the box says why.
    response = client.post(path, {})
    assert response.status_code == 200
    assert "キャンセルする場合は、確認のチェックを入れてください。" in response.content.decode()
    registration.refresh_from_db()
    assert registration.is_confirmed
    client.post(path, {"confirm": "1"})
    registration.refresh_from_db()
    assert registration.is_cancelled
