"""Capacity holds when many people press the button at the same moment.

Each thread is a separate visitor with its own database connection, as under a real
server; all of them wait at a barrier and then post together. Runs on SQLite (IMMEDIATE
transactions serialise the writers) and on PostgreSQL (the event row is locked).
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from events.models import Registration
from tests.events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory

VISITORS = 30


def registration_event(home_page, **kwargs):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(
        parent=index, registration_mode="site", capacity=20, title="人気のワークショップ", **kwargs
    )
    RegistrationFactory(event=event, number_of_people=17)  # the last 3 places are left
    return event


def post_together(event, extra=None):
    url = f"/events/{event.slug}/register/"
    barrier = threading.Barrier(VISITORS)
    results = [None] * VISITORS

    def visitor(number):
        try:
            client = Client(REMOTE_ADDR=f"203.0.113.{number + 1}")
            data = {
                "name": f"参加者{number}",
                "email": f"visitor{number}@example.jp",
                "participant_type": "citizen",
                "number_of_people": "1",
                "consent": "on",
                "submission_key": f"key-{number}",
                **(extra or {}),
            }
            barrier.wait(timeout=30)
            response = client.post(url, data)
            results[number] = (response.status_code, response.content.decode())
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results[number] = ("error", repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=visitor, args=(number,)) for number in range(VISITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_thirty_simultaneous_registrations_for_the_last_three_places(home_page):
    event = registration_event(home_page)
    results = post_together(event)

    errors = [result for result in results if result is None or result[0] not in (200, 302)]
    assert errors == [], errors  # no "database is locked", no server error
    accepted = [result for result in results if result[0] == 302]
    told_full = [
        result
        for result in results
        if result[0] == 200 and "満席のため、お申し込みを受け付けられませんでした。" in result[1]
    ]
    assert len(accepted) == 3
    assert len(told_full) == 27
    assert event.places_taken() == 20
    assert Registration.objects.filter(event=event).count() == 4


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_registrations_beyond_capacity_join_the_waiting_list_in_order(home_page):
    event = registration_event(home_page, waiting_list_enabled=True)
    results = post_together(event, extra={"join_waiting_list": "on"})

    assert all(result is not None and result[0] == 302 for result in results), results
    registrations = Registration.objects.filter(event=event)
    assert registrations.confirmed().count() == 4  # the 17 already there, and 3 newcomers
    assert event.places_taken() == 20
    assert registrations.waiting().count() == 27
