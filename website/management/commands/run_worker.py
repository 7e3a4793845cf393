"""The background worker: books scheduled publishing, then works through the task queue.

    python manage.py run_worker            # runs until stopped (SIGINT/SIGTERM)
    python manage.py run_worker --batch    # runs what is due now, then exits

It is django-tasks-db's ``db_worker`` on the "background" queue; any of its options may follow.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from website.mail import BACKGROUND
from website.tasks import book_publishing


class Command(BaseCommand):
    help = "予約公開とメール送信のワーカー（バックグラウンド処理）を動かします。"

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="今できる処理だけして終わる")
        parser.add_argument("--interval", type=float, default=1, help="キューを見る間隔（秒）")

    def handle(self, *args, batch=False, interval=1, **options):
        book_publishing()
        arguments = ["--backend", BACKGROUND, "--interval", str(interval), "--no-startup-delay"]
        arguments += ["--no-reload", "--batch"] if batch else []
        call_command("db_worker", *arguments, verbosity=options["verbosity"])
