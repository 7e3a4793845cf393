"""Exports open correctly in Japanese Excel: UTF-8 with BOM, Japan time, Japanese
headings, figures as entered; KPI figures accept 「1,100」."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from events.models import Registration
from kpi.models import EnteredFigure
from tests.events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.kpi.factories import EnteredFigureFactory, IndicatorFactory


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(content.removeprefix("\ufeff"))))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.django_db
def test_registrations_export_in_japan_time_with_a_bom(admin_client, home_page):
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page), registration_mode="site"
    )
    # 2026-12-02 23:30 UTC is 12月3日 8:30 in Japan.
    RegistrationFactory(event=event)
    Registration.objects.update(
        created_at=datetime.datetime(2026, 12, 2, 23, 30, tzinfo=datetime.UTC)
    )
    (row,) = csv_rows(admin_client.get("/admin/event_registrations/", {"export": "csv"}))
    assert "受付番号" in row or any("番号" in key for key in row)
    assert "2026-12-03 08:30" in row.values()

    header, values = xlsx_rows(admin_client.get("/admin/event_registrations/", {"export": "xlsx"}))
    created = values[header.index(next(h for h in header if "日時" in h))]
    assert created == datetime.datetime(2026, 12, 3, 8, 30)


@pytest.mark.django_db
def test_kpi_figures_export_as_entered(admin_client):
    indicator = IndicatorFactory()
    EnteredFigureFactory(indicator=indicator, value=Decimal("83.00"), fiscal_year=2020)
    EnteredFigureFactory(indicator=indicator, value=Decimal("12.50"), fiscal_year=2021)
    url = "/admin/snippets/kpi/enteredfigure/"
    rows = csv_rows(admin_client.get(url, {"export": "csv", "indicator": indicator.pk}))
    assert sorted(row["数値"] for row in rows) == ["12.5", "83"]
    header, *values = xlsx_rows(
        admin_client.get(url, {"export": "xlsx", "indicator": indicator.pk})
    )
    assert sorted(row[header.index("数値")] for row in values) == [12.5, 83]
    html = admin_client.get(url, {"indicator": indicator.pk}).content.decode()
    assert ">83<" in html.replace(" ", "").replace("\n", "") and "83.00" not in html


@pytest.mark.django_db
def test_kpi_figure_accepts_a_thousands_separator_and_shows_as_entered(admin_client):
    indicator = IndicatorFactory()
    response = admin_client.post(
        "/admin/snippets/kpi/enteredfigure/add/",
        {
            "indicator": indicator.pk,
            "fiscal_year": "2021",
            "scope": EnteredFigure.Scope.ALL,
            "forum": "",
            "value": "１，１００",
            "source": "事務局調べ",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    figure = EnteredFigure.objects.get(indicator=indicator)
    assert figure.value == Decimal("1100")
    form = admin_client.get(f"/admin/snippets/kpi/enteredfigure/edit/{figure.pk}/").content.decode()
    assert 'value="1100"' in form
