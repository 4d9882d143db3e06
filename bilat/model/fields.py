"""Constrained field types, declared once and shared by every model."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BeforeValidator, Field, StrictStr, ValidationError


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value is the key of another record of ``kind``."""

    kind: str


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\u200b-\u200f\u202a-\u202e\ufeff]")


def _clean_text(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("contains a control or invisible character; remove it")
    if value != value.strip():
        raise ValueError("has leading or trailing whitespace")
    if not value:
        raise ValueError("is empty")
    return unicodedata.normalize("NFC", value)


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be on one line")
    return value


Text = Annotated[StrictStr, AfterValidator(_clean_text), AfterValidator(_one_line)]
"""A non-empty single line of text, NFC-normalised, without control characters."""

LongText = Annotated[StrictStr, AfterValidator(_clean_text)]
"""Like Text, but may span several lines."""

KEY_PATTERN = r"^[a-z0-9](?:[a-z0-9._-]{0,118}[a-z0-9])?$"
COUNTRY_PATTERN = r"^[A-Z]{2}(?:[A-Z]{2})?$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
WIKIDATA_PATTERN = r"^Q[1-9][0-9]{0,11}$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
CAMEO_PATTERN = r"^[0-9]{2,4}$"
FACT_PATTERN = r"^[a-z]+/[A-Za-z0-9._-]{1,240}$"

PATTERN_HELP = {
    KEY_PATTERN: "is not an id: use lower-case letters, digits, '.', '_' and '-' (at most 120), "
    "starting and ending with a letter or digit, such as azernews-2022-10",
    COUNTRY_PATTERN: "is not a country code: use the ISO 3166-1 alpha-2 code in capitals (AZ, CU), "
    "or the code of a former state (SUHH); `bilat countries NAME` finds it",
    LANGUAGE_PATTERN: "is not a language tag: use a lower-case ISO 639 code, optionally with a region "
    "(en, fr, pt-BR)",
    WIKIDATA_PATTERN: "is not a Wikidata item: write Q followed by its number (Q227)",
    CURRENCY_PATTERN: "is not a currency code: use ISO 4217 in capitals (USD, EUR, AZN)",
    CAMEO_PATTERN: "is not a CAMEO code: write 2 to 4 digits (04, 042, 0421)",
    FACT_PATTERN: "is not a record: write its kind and key, such as event/az-cu-2022-10-07-meeting",
}


def explain(kind: str, pattern: str | None, value: object, field: str | int | None) -> str | None:
    """A message that says what to write instead, for the pydantic error types bilat's fields
    raise; None keeps pydantic's own."""
    if kind == "string_pattern_mismatch" and pattern in PATTERN_HELP:
        text = str(value)
        shown = repr(text) if len(text) <= 60 else f"{text[:50]!r}… ({len(text)} characters)"
        return f"{shown} {PATTERN_HELP[pattern]}"
    if kind == "too_short" and field in ("countries", "parties"):
        return "name at least two different countries (a country listed twice counts once)"
    return None


Key = Annotated[StrictStr, Field(pattern=KEY_PATTERN)]
"""A record's identifier: lower-case letters, digits, '.', '_' and '-', at most 120 characters."""

CountryCode = Annotated[StrictStr, Field(pattern=COUNTRY_PATTERN), Ref("country")]
"""ISO 3166-1 alpha-2 for a current country, ISO 3166-3 alpha-4 for a former one (SUHH)."""

CountryKey = Annotated[StrictStr, Field(pattern=COUNTRY_PATTERN)]
"""A country's own code, written as a literal (CountryCode is a reference to a country)."""

PersonRef = Annotated[Key, Ref("person")]
OrganizationRef = Annotated[Key, Ref("organization")]
PostRef = Annotated[Key, Ref("post")]
AgreementRef = Annotated[Key, Ref("agreement")]
AreaRef = Annotated[Key, Ref("area")]
SourceRef = Annotated[Key, Ref("source")]
WikidataId = Annotated[StrictStr, Field(pattern=WIKIDATA_PATTERN), Ref("wikidata")]

LanguageTag = Annotated[StrictStr, Field(pattern=LANGUAGE_PATTERN)]

Url = Annotated[
    StrictStr,
    Field(pattern=r"^https?://[^\s<>\"{}|\\^`]+$", max_length=2000),
]


def _check_currency(code: str) -> str:
    import pycountry  # loaded by the first amount checked: most commands check none

    if pycountry.currencies.get(alpha_3=code) is None:
        raise ValueError(f"{code!r} is not an ISO 4217 currency code (for example USD, EUR, AZN)")
    return code


Currency = Annotated[StrictStr, Field(pattern=CURRENCY_PATTERN), AfterValidator(_check_currency)]


def _to_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise ValueError("is a boolean, not an amount")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        value = repr(value)
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, str):
        if not re.fullmatch(r"-?\d+(?:\.\d+)?", value):
            raise ValueError(
                f"{value!r} is not a plain number; write digits with a '.' for decimals, "
                "no thousands separators or currency signs (143290.50)"
            )
        try:
            number = Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern above rules it out
            raise ValueError(f"{value!r} is not a number") from None
    else:
        raise ValueError(f"{value!r} is not a number")
    if not number.is_finite():
        raise ValueError("must be a finite number")
    if number < 0:
        raise ValueError("must not be negative")
    return number


@dataclass(frozen=True)
class NonNegative:
    """Marks a number field that may not be negative (published as ``sh:minInclusive 0``)."""


Amount = Annotated[Decimal, BeforeValidator(_to_decimal), NonNegative()]
"""A finite, non-negative decimal amount; given as a number or as plain digits."""


T = TypeVar("T", bound=str)


def _to_score(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise ValueError(f"{value!r} is not a number")
    try:
        number = Decimal(repr(value) if isinstance(value, float) else value)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise ValueError("must be a finite number")
    return number


Score = Annotated[Decimal, BeforeValidator(_to_score)]
"""A finite decimal that may be negative (a Goldstein score, an average tone)."""

Confidence = Annotated[Decimal, BeforeValidator(_to_score), Field(ge=0, le=1)]
"""How sure an extraction is of a fact, from 0 to 1."""

FactRef = Annotated[StrictStr, Field(pattern=FACT_PATTERN), Ref("fact")]
"""Any record, written as its kind and key: ``event/az-cu-2022-10-07-healthcare-meeting``."""

CameoCode = Annotated[StrictStr, Field(pattern=CAMEO_PATTERN)]
"""A CAMEO event code: root (2 digits), base (3) or full (4)."""


def _sorted_unique(values: tuple[T, ...]) -> tuple[T, ...]:
    return tuple(sorted(set(values)))


SetOf = Annotated[tuple[T, ...], AfterValidator(_sorted_unique)]
"""A collection without order or repeats; kept sorted so that equal sets compare equal."""


def validation_messages(error: ValidationError) -> list[tuple[tuple[str | int, ...], str]]:
    """pydantic's errors as (location, short message) pairs, saying what to write instead where the
    field knows (``fields.explain``)."""
    found = []
    for detail in error.errors():
        location = tuple(detail["loc"])
        pattern = (detail.get("ctx") or {}).get("pattern")
        field = next((part for part in reversed(location) if isinstance(part, str)), None)
        message = explain(detail["type"], pattern, detail.get("input"), field)
        found.append((location, message or detail["msg"].removeprefix("Value error, ")))
    return found


def describe(error: ValidationError) -> str:
    """pydantic's errors in one line: ``field: message; ...``."""
    return "; ".join(
        (f"{'.'.join(map(str, loc))}: " if loc else "") + message
        for loc, message in validation_messages(error)
    )
