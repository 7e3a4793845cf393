from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail import hooks

from website import demo


class Command(BaseCommand):
    help = "デモ用のコンテンツを読み込みます（何度実行しても重複しません）。"

    def handle(self, *args, **options):
        with transaction.atomic():
            home = demo.load(stdout=self.stdout)
            # Each app adds its content through this hook, in the hook's order.
            for load_app_demo in hooks.get_hooks("website_demo_content"):
                load_app_demo(home=home, stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"デモコンテンツの準備ができました。管理画面: /admin/ "
                f"（ユーザー名 {demo.ADMIN_USERNAME} / パスワード {demo.ADMIN_PASSWORD}）"
            )
        )
