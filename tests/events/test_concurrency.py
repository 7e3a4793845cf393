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


def full_event(home_page, **kwargs):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(
        parent=index, registration_mode="site", capacity=20, title="満席の講座", **kwargs
    )
    RegistrationFactory(event=event, number_of_people=19)
    leaving = RegistrationFactory(event=event, number_of_people=1, email="leaving@example.jp")
    return event, leaving


def race(event, leaving, newcomers, extra=None):
    """One registrant cancels from their link while `newcomers` register, all at once."""
    barrier = threading.Barrier(newcomers + 1)
    results = {}

    def cancel():
        client = Client(REMOTE_ADDR="198.51.100.200")
        url = f"/event-registrations/{leaving.make_token()}/"
        barrier.wait(timeout=30)
        return client.post(url, {"confirm": "on"}).status_code

    def register(number):
        client = Client(REMOTE_ADDR=f"198.51.100.{number + 1}")
        data = {
            "name": f"新しい参加者{number}",
            "email": f"new{number}@example.jp",
            "participant_type": "citizen",
            "number_of_people": "1",
            "consent": "on",
            "submission_key": f"race-{number}",
            **(extra or {}),
        }
        barrier.wait(timeout=30)
        return client.post(f"/events/{event.slug}/register/", data).status_code

    def run(name, job, *args):
        try:
            results[name] = job(*args)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results[name] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=("cancel", cancel))] + [
        threading.Thread(target=run, args=(f"new{number}", register, number))
        for number in range(newcomers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_cancellation_racing_newcomers_for_the_last_place_fills_it_at_most_once(home_page):
    event, leaving = full_event(home_page)
    results = race(event, leaving, newcomers=5)

    assert results["cancel"] == 302, results
    assert all(results[f"new{number}"] in (200, 302) for number in range(5)), results
    accepted = [number for number in range(5) if results[f"new{number}"] == 302]
    assert len(accepted) <= 1
    # Whoever came first: the freed place is taken by at most one newcomer, never two.
    assert event.places_taken() == 19 + len(accepted) <= 20
    leaving.refresh_from_db()
    assert leaving.is_cancelled


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_cancellation_racing_newcomers_moves_up_the_first_in_the_queue(home_page):
    event, leaving = full_event(home_page, waiting_list_enabled=True)
    first_in_queue = RegistrationFactory(
        event=event, status=Registration.Status.WAITING, email="queue@example.jp"
    )
    results = race(event, leaving, newcomers=5, extra={"join_waiting_list": "on"})

    assert results["cancel"] == 302, results
    assert all(results[f"new{number}"] == 302 for number in range(5)), results
    first_in_queue.refresh_from_db()
    # Nobody jumps the queue, whether the cancellation or a newcomer was first.
    assert first_in_queue.is_confirmed
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(email__startswith="new").waiting().count() == 5
    assert event.places_taken() == 20
