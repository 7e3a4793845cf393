"""The mailings' periodic work, run by the worker every minute through the
``website_periodic_jobs`` hook (website/tasks.py): scheduled issues whose time has come start,
stalled sends resume (mailings/sending.py), and subscribers past the retention period are
erased (purge_mail_subscribers).
"""

from django.core.management import call_command

from . import sending


def periodic_work(now=None):
    sending.start_due()
    sending.resume_stalled()
    call_command("purge_mail_subscribers", verbosity=0)
