from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from website.fiscal import current_fiscal_year, fiscal_year_label

from ...models import Booking


class Command(BaseCommand):
    help = (
        "保存期間を過ぎた出前授業の申込みから、先生の氏名・連絡先などの個人情報を削除します。"
        "実施日・学校の所在地・人数など、実績（KPI）の集計に必要な項目は残します。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fiscal-years",
            type=int,
            default=None,
            help=(
                "実施年度の後、何年度分を保存するか（既定は設定 "
                "OUTREACH_RETENTION_FISCAL_YEARS、通常2：実施年度の翌年度末まで保存）"
            ),
        )
        parser.add_argument("--dry-run", action="store_true", help="件数を表示するだけで変更しない")

    def handle(self, *args, fiscal_years=None, dry_run=False, **options):
        keep = settings.OUTREACH_RETENTION_FISCAL_YEARS if fiscal_years is None else fiscal_years
        if keep < 1:
            raise CommandError("--fiscal-years には1以上を指定してください。")
        last_year_to_purge = current_fiscal_year() - keep
        expired = Booking.objects.personal_data_expired(last_year_to_purge)
        label = fiscal_year_label(last_year_to_purge)
        if dry_run:
            self.stdout.write(
                f"{label}以前の申込み {expired.count()} 件が対象です（変更していません）。"
            )
            return
        count = expired.anonymise(timezone.now())
        self.stdout.write(f"{label}以前の申込み {count} 件から個人情報を削除しました。")
