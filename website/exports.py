"""CSV and XLSX exports of the admin's lists that open correctly in Japanese Excel.

Mix ``ExcelExportMixin`` into an index view with ``list_export`` (before Wagtail's view):
CSV starts with a byte-order mark (Excel reads it as UTF-8), times are Japan time (Wagtail
writes UTC), figures are written as entered (83, not 83.00), yes/no in Japanese. Headings
come from the models' Japanese verbose names or ``export_headings``.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from .dates import JAPAN

CSV = "csv"
XLSX = "xlsx"


def japan_time(value):
    return timezone.localtime(value, JAPAN) if timezone.is_aware(value) else value


def as_entered(value):
    """83 for 83.00, 12.5 for 12.50."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def number_as_entered(value):
    return int(value) if value == value.to_integral_value() else float(value)


class ExcelExportMixin:
    custom_value_preprocess = {
        bool: {CSV: lambda value: "はい" if value else "いいえ", XLSX: None},
        datetime.datetime: {
            CSV: lambda value: japan_time(value).strftime("%Y-%m-%d %H:%M"),
            XLSX: lambda value: (
                timezone.make_naive(japan_time(value), JAPAN) if timezone.is_aware(value) else value
            ),
        },
        (datetime.date, datetime.time): {XLSX: None},
        Decimal: {CSV: as_entered, XLSX: number_as_entered},
        list: {
            CSV: lambda value: "、".join(str(item) for item in value),
            XLSX: lambda value: "、".join(str(item) for item in value),
        },
    }

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)
