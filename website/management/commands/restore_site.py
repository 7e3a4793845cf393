from django.core.management.base import BaseCommand, CommandError

from website.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = "backup_site で作ったバックアップから、データベースとアップロードファイルを復元します。"

    def add_arguments(self, parser):
        parser.add_argument("backup_dir", help="backup_site が作ったディレクトリ")
        parser.add_argument(
            "--no-media", action="store_true", help="アップロードファイルは復元しない"
        )
        parser.add_argument(
            "--noinput", action="store_true", help="確認せずに実行する（現在のデータは失われます）"
        )

    def handle(self, *args, backup_dir, no_media, noinput, **options):
        if not noinput:
            answer = input(
                "現在のデータベースの内容はすべて置き換えられます。続けますか？ [yes/no] "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("復元を取りやめました。")
        try:
            manifest = restore_backup(backup_dir, include_media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"{manifest['created_at']} のバックアップから復元しました。")
        )
