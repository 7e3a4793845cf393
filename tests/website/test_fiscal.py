import datetime

import pytest

from website import dates, fiscal

JST = dates.JAPAN
UTC = datetime.UTC


@pytest.mark.parametrize(
    "moment, expected",
    [
        (datetime.datetime(2022, 3, 31, 23, 59, 59, tzinfo=JST), 2021),
        (datetime.datetime(2022, 4, 1, 0, 0, tzinfo=JST), 2022),
        # 2022-03-31 15:00 UTC is already April 1 in Japan.
        (datetime.datetime(2022, 3, 31, 15, 0, tzinfo=UTC), 2022),
        (datetime.datetime(2022, 3, 31, 14, 59, 59, tzinfo=UTC), 2021),
        (datetime.date(2021, 4, 1), 2021),
        (datetime.date(2021, 3, 31), 2020),
        (datetime.date(2022, 1, 15), 2021),
    ],
)
def test_fiscal_year_boundaries_in_japan_time(moment, expected):
    assert fiscal.fiscal_year(moment) == expected


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        fiscal.fiscal_year(datetime.datetime(2022, 3, 31, 23, 59))


def test_fiscal_year_dates_run_from_april_to_march():
    assert fiscal.fiscal_year_dates(2021) == (datetime.date(2021, 4, 1), datetime.date(2022, 3, 31))


@pytest.mark.parametrize(
    "year, label",
    [
        (2021, "令和3年度"),
        (2020, "令和2年度"),
        (2019, "令和元年度"),
        (2018, "平成30年度"),
        (1989, "平成元年度"),
    ],
)
def test_era_labels(year, label):
    assert fiscal.fiscal_year_era_label(year) == label


def test_full_label():
    assert fiscal.fiscal_year_full_label(2021) == "2021年度（令和3年度）"
