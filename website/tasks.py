"""Scheduled publishing as a background task that books its own next run.

``publish_scheduled_pages`` runs Wagtail's ``publish_scheduled`` (pages whose go-live time has
come are published, expired ones unpublished; Wagtail's page signals then invalidate the page
cache, website/cache.py) and enqueues itself for the start of the next minute, so a page
scheduled for 10:00 is live by 10:01. ``run_worker`` books the first run when it starts, so
nothing is lost while no worker runs: the first run publishes everything that is due.
Only one run waits in the queue at a time, however many workers there are.

Each run also runs the apps' periodic jobs: every ``website_periodic_jobs`` hook is called
with the time of the run (events send the day-before e-mail of online events,
events/reminders.py). A job that fails is logged and the others still run; so does the next
run's booking.
"""

import datetime
import logging

from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus, task, task_backends
from wagtail import hooks

from .mail import BACKGROUND

logger = logging.getLogger("sankaku.tasks")


@task(backend=BACKGROUND)
def publish_scheduled_pages():
    call_command("publish_scheduled", verbosity=0)
    run_periodic_jobs()
    book_publishing(at=next_minute())


def run_periodic_jobs(now=None):
    now = now or timezone.now()
    for job in hooks.get_hooks("website_periodic_jobs"):
        try:
            job(now)
        except Exception:
            logger.exception("periodic job %s failed", getattr(job, "__qualname__", job))


def next_minute(now=None):
    now = now or timezone.now()
    return (now + datetime.timedelta(minutes=1)).replace(second=0, microsecond=0)


def book_publishing(at=None):
    """Enqueue the next run unless one is already waiting (database queue only)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends[BACKGROUND], DatabaseBackend):
        return None
    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=publish_scheduled_pages.module_path
    )
    if waiting.exists():
        return None
    queued = publish_scheduled_pages.using(run_after=at) if at else publish_scheduled_pages
    return queued.enqueue()
