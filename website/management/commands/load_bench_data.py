from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from wagtail import hooks

from website.models import HomePage


class Command(BaseCommand):
    help = "負荷測定（make bench）用の大量データを作ります。load_demo の後に実行します。"

    def handle(self, *args, **options):
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("トップページがありません。先に load_demo を実行してください。")
        # Each app registers a generator: news 1,000, case studies 500, events 500, lessons 50…
        for load_app_bench_data in hooks.get_hooks("website_bench_data"):
            load_app_bench_data(home=home, stdout=self.stdout)
        # Fresh planner statistics after the bulk inserts, as PostgreSQL's autovacuum would
        # gather them: without them SQLite sorts every news row to show the newest twelve.
        # On PostgreSQL, VACUUM too, as autovacuum would soon: until the visibility map is set,
        # index-only scans (the facet counts, COUNT(*) of lists) read the table as well.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        self.stdout.write(self.style.SUCCESS("負荷測定用のデータを作りました。"))
