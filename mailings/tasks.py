"""The mailings' tick on the background worker, every minute: scheduled issues whose time has
come start, stalled sends resume (mailings/sending.py), and subscribers past the retention
period are erased (purge_mail_subscribers). ``run_worker`` books the first tick through the
``website_worker_start`` hook; each tick books the next, one waiting at a time.
"""

import datetime

from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus, task, task_backends

from website.mail import BACKGROUND

from . import sending

TICK_SECONDS = 60


@task(backend=BACKGROUND)
def mailings_tick():
    try:
        sending.start_due()
        sending.resume_stalled()
        call_command("purge_mail_subscribers", verbosity=0)
    finally:
        book_tick(at=timezone.now() + datetime.timedelta(seconds=TICK_SECONDS))


def book_tick(at=None):
    """Enqueue the next tick unless one is already waiting (database queue only)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends[BACKGROUND], DatabaseBackend):
        return None
    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=mailings_tick.module_path
    )
    if waiting.exists():
        return None
    return (mailings_tick.using(run_after=at) if at else mailings_tick).enqueue()
