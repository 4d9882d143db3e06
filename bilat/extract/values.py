"""Dates, amounts and counts as news writes them, each found with its place in the text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from bilat.model.dates import PartialDate

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DATES = [
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)\b"),
    # A day without its year ("On November 13") takes the year the caller knows.
    re.compile(rf"\bon\s+(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})\b(?!,?\s+\d)", re.IGNORECASE),
    re.compile(rf"\bon\s+(?P<day>\d{{1,2}})\s+{_MONTH}\b(?!,?\s+\d)", re.IGNORECASE),
    # The first day of a span: "from 05-08 May".
    re.compile(rf"\bfrom\s+(?P<day>\d{{1,2}})\s*[-–]\s*\d{{1,2}}\s+{_MONTH}\b(?!,?\s+\d)", re.IGNORECASE),
]
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = re.compile(
    r"\b(?:(?P<word>yesterday|today)|(?<!next )(?<!coming )(?P<weekday>" + "|".join(_WEEKDAYS) + r"))\b",
    re.IGNORECASE,
)
"""News dates by "yesterday", "today" and a weekday ("on Monday", "held a phone call Monday"): the
last such day on or before publication; "next Monday" is to come."""


def relative_day(text: str, published: PartialDate | None) -> PartialDate | None:
    """The day "yesterday", "today" or "on Friday" means in an article published on ``published``
    (the last such weekday on or before it); None without a day of publication."""
    if published is None or published.day is None:
        return None
    match = _RELATIVE.search(text)
    if match is None:
        return None
    day = published.earliest
    if match["word"]:
        day -= dt.timedelta(days=1 if match["word"].lower() == "yesterday" else 0)
    else:
        back = (day.weekday() - _WEEKDAYS.index(match["weekday"].lower())) % 7
        day -= dt.timedelta(days=back)
    return PartialDate(day.year, day.month, day.day)


NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
_SCALE = {"thousand": Decimal(10**3), "million": Decimal(10**6), "mln": Decimal(10**6),
          "billion": Decimal(10**9), "bln": Decimal(10**9)}  # fmt: skip
_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "us dollars": "USD", "€": "EUR",
             "eur": "EUR", "euros": "EUR", "manat": "AZN", "azn": "AZN"}  # fmt: skip
_AMOUNT = re.compile(
    r"(?P<before>US\$|\$|€|USD|EUR|AZN)?\s?(?P<number>\d+,\d{1,2}(?=\s?(?:thousand|million|mln|billion|bln)\b)"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|mln|billion|bln)\b)?"
    r"(?:\s?(?P<after>US dollars|dollars|USD|euros|EUR|manat|AZN)\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DateFound(Found):
    date: PartialDate


@dataclass(frozen=True)
class AmountFound(Found):
    amount: Decimal
    currency: str


def dates_in(text: str, year: int | None = None) -> list[DateFound]:
    """The dates in ``text``, most precise first where they overlap (``March 27, 1992`` hides ``1992``);
    a day written without its year ("on June 1") is found only when ``year`` is given."""
    found: list[DateFound] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATES:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            parts = match.groupdict()
            if parts.get("year") is None and year is None:
                continue
            try:
                date = PartialDate(
                    int(parts.get("year") or year or 0),
                    MONTHS[parts["month"].lower()] if parts.get("month") else None,
                    int(parts["day"]) if parts.get("day") else None,
                )
            except ValueError:
                continue
            taken.append((match.start(), match.end()))
            found.append(DateFound(match.start(), match.end(), match.group(0), date))
    return sorted(found, key=lambda d: d.start)


def amounts_in(text: str) -> Iterator[AmountFound]:
    """Sums of money: a currency sign or word is required, so that years and counts are not sums."""
    for match in _AMOUNT.finditer(text):
        before, after = match.group("before"), match.group("after")
        if not (before or after):
            continue
        number = match.group("number")
        # "$34,2 million" writes a decimal comma; "$143,290" a thousands separator.
        decimal_comma = re.fullmatch(r"\d+,\d{1,2}", number)
        amount = Decimal(number.replace(",", "." if decimal_comma else ""))
        if match.group("scale"):
            amount *= _SCALE[match.group("scale").lower()]
        currency = _CURRENCY[(before or after or "").lower()]
        if amount == amount.to_integral_value():
            amount = amount.to_integral_value()
        yield AmountFound(match.start(), match.end(), match.group(0).strip(), amount, currency)


def count_before(text: str, word: str) -> tuple[int, Found] | None:
    """A count written just before ``word`` (``10 documents``, ``ten documents``)."""
    match = re.search(rf"\b(?P<count>\d+|{'|'.join(NUMBER_WORDS)})\s+(?:\w+\s+)?{word}", text, re.IGNORECASE)
    if match is None:
        return None
    raw = match.group("count").lower()
    value = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    return value, Found(match.start(), match.end(), match.group(0))
