"""The dashboard's table as CSV, for anyone who wants to check or reuse the figures."""

import csv

from django.http import HttpResponse
from django.utils import timezone

from website.fiscal import fiscal_year_full_label

from .templatetags.kpi_tags import plain_number

# A cell that starts with one of these is a formula in spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value):
    value = str(value or "")
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def signed(value):
    if value is None:
        return ""
    return f"+{plain_number(value)}" if value > 0 else plain_number(value)


def header(report):
    return [
        "年度",
        "分野",
        "指標",
        "内訳",
        "単位",
        "目標",
        "実績",
        "達成率(%)",
        "全国フォーラム",
        "地方フォーラム",
        "前年度実績",
        "前年度比",
        "前年度比の注意",
        "数値の根拠",
        *[text_cell(forum.name) for forum in report.forums],
        "集計日時（日本時間）",
    ]


def as_of_label(report):
    as_of = timezone.localtime(report.as_of)
    return f"{as_of.year}年{as_of.month}月{as_of.day}日 {as_of:%H:%M}"


def rows(report):
    year_label = fiscal_year_full_label(report.year)
    as_of = as_of_label(report)
    for result in report.results:
        indicator = result.indicator
        yield [
            year_label,
            indicator.get_area_display(),
            text_cell(indicator.name),
            "内訳" if result.is_breakdown else "",
            indicator.unit,
            plain_number(result.target),
            plain_number(result.total),
            plain_number(result.percent),
            plain_number(result.national),
            plain_number(result.regional),
            plain_number(result.previous_total),
            signed(result.total_change),
            result.change_note,
            result.current.source_label,
            *[plain_number(result.for_forum(forum)) for forum in report.forums],
            as_of,
        ]


def report_csv_response(report):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kpi-{report.year}.csv"'
    # The byte-order mark makes spreadsheet programs read the file as UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header(report))
    writer.writerows(rows(report))
    return response
