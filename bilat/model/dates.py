"""Partial dates: a year, a year and month, or a full day, kept at the precision a source gave.

"In 2020" is the year 2020, not 2020-01-01: it maps to ``xsd:gYear`` and covers the whole year when
compared with other dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

_PARSED: dict[str, PartialDate] = {}
"""Dates already read, by their text: a large load repeats the same few thousand days."""
_PATTERN = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


@dataclass(frozen=True, order=False)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range 1-9999")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            assert self.month is not None
            last = days_in_month(self.year, self.month)
            if not 1 <= self.day <= last:
                raise ValueError(f"{self.year:04d}-{self.month:02d} has no day {self.day}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; anything else is an error."""
        known = _PARSED.get(text)
        if known is not None:
            return known
        match = _PATTERN.fullmatch(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        month, day = match["month"], match["day"]
        date = cls(int(match["year"]), int(month) if month else None, int(day) if day else None)
        if len(_PARSED) < 100_000:
            _PARSED[text] = date
        return date

    @classmethod
    def coerce(cls, value: object) -> PartialDate:
        """Accept a PartialDate, a ``datetime.date``, a year as an int, or ISO text."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise ValueError("a date-time is not a date; give the day as YYYY-MM-DD")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value)
        if isinstance(value, str):
            return cls.parse(value)
        raise ValueError(f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")

    @property
    def precision(self) -> str:
        """``year``, ``month`` or ``day``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def earliest(self) -> dt.date:
        """The first day this date may mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this date may mean."""
        month = self.month or 12
        day = self.day or days_in_month(self.year, month)
        return dt.date(self.year, month, day)

    def may_be_after(self, other: PartialDate) -> bool:
        """True unless this date is certainly before ``other``."""
        return self.latest >= other.earliest

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __lt__(self, other: PartialDate) -> bool:
        return self.order < other.order

    @property
    def order(self) -> tuple[int, int, int, int]:
        """Sorts by the first day the date may mean, then the shorter span first."""
        precision = 2 if self.day is not None else 1 if self.month is not None else 0
        return (self.year, self.month or 1, self.day or 1, -precision)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def validate(value: object) -> PartialDate:
            try:
                return cls.coerce(value)
            except ValueError as error:
                raise PydanticCustomError("partial_date", str(error)) from None

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
            json_schema_input_schema=core_schema.str_schema(),
        )


def overlaps(
    start: PartialDate | None,
    end: PartialDate | None,
    period_start: PartialDate | None,
    period_end: PartialDate | None,
) -> bool:
    """Whether an interval with open or partial ends may overlap a period."""
    if period_end is not None and start is not None and not period_end.may_be_after(start):
        return False
    return not (period_start is not None and end is not None and not end.may_be_after(period_start))


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """How many days ``month`` of ``year`` has (proleptic Gregorian calendar)."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS[month - 1]
