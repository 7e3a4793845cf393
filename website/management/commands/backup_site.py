from django.core.management.base import BaseCommand, CommandError

from website.backups import BackupError, create_backup


class Command(BaseCommand):
    help = "データベースとアップロードされたファイルをバックアップします。"

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default="backups", help="保存先のディレクトリ")
        parser.add_argument(
            "--no-media", action="store_true", help="アップロードファイルを含めない"
        )

    def handle(self, *args, output_dir, no_media, **options):
        try:
            target = create_backup(output_dir, include_media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"バックアップを作成しました: {target}"))
