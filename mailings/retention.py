"""Erasing subscribers past the retention period (MAILINGS_RETENTION_DAYS).

An address that unsubscribed, or never confirmed, is erased once MAILINGS_RETENTION_DAYS
whole days (Japan time) have passed since its last change: unsubscribed on 4月1日 with 30
days, it is erased from 5月2日 00:00 JST. The row is deleted; the send log keeps its counts
without it (Delivery.subscriber becomes empty).
"""

import datetime

from django.conf import settings
from django.utils import timezone

from website.dates import japan_midnight, japan_today

from .models import Subscriber


def cutoff(now=None):
    """Changes before this moment are past the retention period."""
    today = japan_today(now or timezone.now())
    return japan_midnight(today - datetime.timedelta(days=settings.MAILINGS_RETENTION_DAYS))


def erase_expired(now=None):
    """Delete what is past retention; returns how many subscribers were erased."""
    _, per_model = Subscriber.objects.retention_expired(cutoff(now)).delete()
    return per_model.get(Subscriber._meta.label, 0)
