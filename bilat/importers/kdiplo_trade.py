"""kdiplo's ``trade_data.csv`` (Kadir Jun Ayhan, MIT licence): South Korea's exports to and imports from
each partner by year, 1949-2023.

The ``export`` and ``import`` columns are the ones read: South Korea's trade in current US dollars, the
figure of Statistics Korea (KOSIS) where there is one, else that of the Correlates of War (COW) trade
data; the row says which, since the value equals ``export_kosis`` or ``export_cow``, and each figure
cites the one it is. A trade figure is an amount in the money of its year; the ``*_cons_2015`` columns
are the same series deflated to constant 2015 dollars, a computation on the figures rather than a figure
anyone reported, so they are left out. ``NA`` is no figure; a partner's figure dated outside its
existence in the register (``RUS`` before 1991, the USSR's trade) is reported, not moved.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pydantic import ValidationError

from bilat.importers.base import Importer, Outcome, Skip, delimited_rows
from bilat.importers.kdiplo import MISSING, dataset_source, outside, partner, year_of
from bilat.model.base import Record
from bilat.model.dates import PartialDate
from bilat.model.entities import Source
from bilat.model.facts import TradeFigure
from bilat.model.fields import describe
from bilat.register import Register

_WHAT = "South Korea's exports and imports by partner and year in current US dollars"
KOSIS = dataset_source(
    "trade-kosis", f"{_WHAT}, figures of Statistics Korea (KOSIS) (trade_data.csv)", "2025-06-19"
)
COW = dataset_source(
    "trade-cow",
    f"{_WHAT}, figures of the Correlates of War (COW) trade data where KOSIS has none (trade_data.csv)",
    "2025-06-19",
)
FLOWS = ("export", "import")
COLUMNS = ("iso3c", "year", *FLOWS, *(f"{flow}_{by}" for by in ("kosis", "cow") for flow in FLOWS))


def read_trade(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """A row per partner and year: South Korea's exports to it and imports from it."""
    yield 0, [COW]  # the source of the figures KOSIS lacks; the importer's own is KOSIS
    for line, row in delimited_rows(path, encoding, required=COLUMNS, dataset="kdiplo trade_data"):
        assert isinstance(row, dict)
        yield line, _row(line, row, register)


def _row(line: int, row: dict[str, str], register: Register) -> list[Record] | Skip:
    if all(row[flow].strip() == MISSING for flow in FLOWS):
        return Skip(line, "no export or import figure", error=False)
    try:
        year = year_of(row, "year")
        values = {flow: _amount(row, flow) for flow in FLOWS}
    except ValueError as error:
        return Skip(line, "unreadable year or amount", str(error))
    country = partner(row["iso3c"], "", register)
    if country is None:
        return Skip(line, "partner not in the register", row["iso3c"])
    beyond = outside(country, [year])
    if beyond:
        return Skip(line, "dated outside the partner's existence", beyond)
    figures: list[Record] = []
    for flow, found in values.items():
        if found is None:
            continue
        amount, source = found
        if source is None:
            given = ", ".join(
                f"{column} {row[column].strip()}" for column in (flow, f"{flow}_kosis", f"{flow}_cow")
            )
            return Skip(line, "a figure that is neither the KOSIS nor the COW one", given)
        try:
            figures.append(_figure(flow, country.code, year, amount, source))
        except ValidationError as error:
            return Skip(line, "invalid trade figure", describe(error))
    return figures


def _amount(row: dict[str, str], flow: str) -> tuple[Decimal, Source | None] | None:
    """The flow's amount and the source whose figure it is (None when it is neither), or None if NA."""
    value = _decimal(row, flow)
    if value is None:
        return None
    for source, column in ((KOSIS, f"{flow}_kosis"), (COW, f"{flow}_cow")):
        if _decimal(row, column) == value:
            return _cents(value), source
    return _cents(value), None


def _decimal(row: dict[str, str], column: str) -> Decimal | None:
    text = row[column].strip()
    if text == MISSING:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise ValueError(f"{column} {text!r} is not an amount or {MISSING}")
    return value


def _cents(value: Decimal) -> Decimal:
    """The amount to the cent: the COW figures are millions with a float's noise (285306.89999999997)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.quantize(Decimal("0.01"))


def _figure(flow: str, partner: str, year: int, amount: Decimal, source: Source) -> TradeFigure:
    return TradeFigure.model_validate(
        {
            "flow": flow,
            "reporter": "KR",
            "partner": partner,
            "period": PartialDate(year),
            "amount": amount,
            "currency": "USD",
            "sources": [source.id],
        }
    )


KDIPLO_TRADE = Importer(
    "kdiplo-trade",
    "South Korea's exports and imports by partner and year (kdiplo trade_data.csv)",
    KOSIS,
    read_trade,
)
