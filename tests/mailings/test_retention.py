"""Unsubscribed and never-confirmed addresses are erased after MAILINGS_RETENTION_DAYS, counted
in Japan dates, by the command the worker runs."""

import datetime

import pytest
from django.core.management import call_command

from mailings.models import Delivery, Subscriber
from mailings.retention import cutoff, erase_expired
from tests.mailings.factories import IssueFactory, SubscriberFactory
from website.dates import JAPAN


def jst(*args):
    return datetime.datetime(*args, tzinfo=JAPAN)


@pytest.fixture
def thirty_days(settings):
    settings.MAILINGS_RETENTION_DAYS = 30


def test_cutoff_is_japan_midnight(thirty_days):
    # 5月1日 00:00 JST is still 4月30日 in UTC: the Japan date counts.
    assert cutoff(jst(2026, 5, 1, 0, 0)) == jst(2026, 4, 1)
    assert cutoff(jst(2026, 4, 30, 23, 59, 59)) == jst(2026, 3, 31)


def test_erased_at_the_boundary(db, thirty_days):
    unsubscribed = SubscriberFactory(
        status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=jst(2026, 4, 1, 23, 59)
    )
    SubscriberFactory(
        status=Subscriber.Status.PENDING, confirmed_at=None, updated_at=jst(2026, 4, 1, 0, 0)
    )
    confirmed_long_ago = SubscriberFactory(updated_at=jst(2020, 1, 1))
    delivery = Delivery.objects.create(issue=IssueFactory(), subscriber=unsubscribed)

    # Thirty days after 4月1日 is 5月1日: kept through it, erased from 5月2日 00:00 JST.
    assert erase_expired(jst(2026, 5, 1, 23, 59, 59)) == 0
    assert Subscriber.objects.count() == 3
    assert erase_expired(jst(2026, 5, 2, 0, 0)) == 2
    assert list(Subscriber.objects.all()) == [confirmed_long_ago]
    # The send log keeps its count, without the address.
    delivery.refresh_from_db()
    assert delivery.subscriber is None


def test_the_command_runs(db, thirty_days):
    SubscriberFactory(
        status=Subscriber.Status.UNSUBSCRIBED,
        unsubscribed_at=jst(2000, 1, 1),
    )
    call_command("purge_mail_subscribers", verbosity=0)
    assert Subscriber.objects.count() == 0
