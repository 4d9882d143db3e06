"""The base of every record: frozen models with a natural key; the shared helpers of record types."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from bilat.model.dates import PartialDate
from bilat.model.fields import (
    CountryCode,
    Key,
    SetOf,
    SourceRef,
)

_LETTERS = str.maketrans(
    {
        "ə": "e",
        "Ə": "e",
        "ı": "i",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "þ": "th",
        "œ": "oe",
    }
)


def slug(text: str) -> str:
    """A key fragment from free text: ASCII, lower case, words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LETTERS)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def check_interval(start: PartialDate | None, end: PartialDate | None, names: str) -> None:
    if start is not None and end is not None and not end.may_be_after(start):
        raise ValueError(f"{names}: the end ({end}) is before the start ({start})")


Pair = Annotated[SetOf[CountryCode], Field(min_length=2, max_length=2)]
"""Two distinct countries, in sorted order: a symmetric tie."""


class Record(BaseModel):
    """Base of every record: frozen, unknown fields rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    type_name: ClassVar[str]
    """The record's name in JSON Lines ``type`` fields and in messages."""
    iri_kind: ClassVar[str]
    """The path segment of the record's IRI; missions are minted as organizations."""

    sources: SetOf[SourceRef] = ()

    @property
    def key(self) -> str:
        raise NotImplementedError


class Curated(Record):
    """A record identified by a curator-chosen ``id``."""

    id: Key

    @property
    def key(self) -> str:
        return self.id


class Fact(Record):
    """A statement about the world that must name at least one source."""

    sources: Annotated[SetOf[SourceRef], Field(min_length=1)]
