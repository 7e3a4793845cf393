"""Erase unsubscribed and never-confirmed subscribers past MAILINGS_RETENTION_DAYS.

The background worker runs it every minute (mailings/tasks.py); it can also be run by hand:

    python manage.py purge_mail_subscribers
"""

from django.core.management.base import BaseCommand

from mailings.retention import erase_expired


class Command(BaseCommand):
    help = "保存期間を過ぎた配信停止・未確認の購読者を消去します。"

    def handle(self, *args, **options):
        count = erase_expired()
        if options["verbosity"] >= 1 and count:
            self.stdout.write(f"購読者{count}件を消去しました。")
