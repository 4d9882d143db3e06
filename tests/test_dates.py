import datetime as dt

import pytest

from bilat.model.dates import PartialDate, overlaps


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2020", "year", dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
        ("2021-02", "month", dt.date(2021, 2, 1), dt.date(2021, 2, 28)),
        ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("1992-03-27", "day", dt.date(1992, 3, 27), dt.date(1992, 3, 27)),
    ],
)
def test_partial_dates_cover_their_whole_period(text, precision, earliest, latest):
    date = PartialDate.parse(text)
    assert (date.precision, date.earliest, date.latest, str(date)) == (
        precision,
        earliest,
        latest,
        text,
    )


@pytest.mark.parametrize("text", ["2021-02-30", "2021-13", "20", "2021-1-1", "2021/01/01", "", "0000"])
def test_impossible_or_malformed_dates_are_refused(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_a_year_may_overlap_a_day_inside_it():
    year = PartialDate.parse("2020")
    assert overlaps(year, year, PartialDate.parse("2020-06-01"), None)
    assert not overlaps(year, year, PartialDate.parse("2021-01-01"), None)
    assert not overlaps(year, year, None, PartialDate.parse("2019-12-31"))


def test_coerce_refuses_datetimes_and_booleans():
    with pytest.raises(ValueError):
        PartialDate.coerce(dt.datetime(2020, 1, 1))
    with pytest.raises(ValueError):
        PartialDate.coerce(True)
    assert PartialDate.coerce(2020) == PartialDate(2020)
    assert PartialDate.coerce(dt.date(2020, 5, 1)) == PartialDate(2020, 5, 1)
