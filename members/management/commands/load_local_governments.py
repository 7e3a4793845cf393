from django.core.management.base import BaseCommand

from members import local_governments


class Command(BaseCommand):
    help = "全国地方公共団体コードの一覧（members/data/local_governments.csv）を読み込みます。"

    def handle(self, *args, **options):
        added, updated, abolished = local_governments.load()
        self.stdout.write(f"追加 {added} 件、更新 {updated} 件、廃止 {abolished} 件")
