"""What each source says about a record, and the one record those statements make (decision 0024).

A record may come from several sources: a relation from a ministry's report and from a dataset. Each
source says one thing about it, what the latest statement citing that source said (``Statements``).
The record takes each field from its sources: the value they all give, or, where they differ, the
main value (``main_value``: the finest date, then the value more sources give, then the one whose
first source sorts first); sets are joined. Where the sources do not all say the same, what each says
stays as a ``Claim``, so that a later statement of one source replaces that source's claims alone.
"""

from __future__ import annotations

import typing
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from types import UnionType
from typing import Any, Union

from pydantic import ValidationError

from bilat.model.base import Curated, Record
from bilat.model.dates import PartialDate

UNSOURCED = ""
"""The source of a statement that cites none (a curator's own record of a person or a post)."""

Values = dict[str, Any]
"""A statement's fields that say something (not None, not empty), by name."""


@dataclass(frozen=True)
class Claim:
    """What one source (or ``UNSOURCED``) says one field of a record is; for a field holding a set, one
    member of it; for a language map, one (language, text) pair."""

    field: str
    value: Any
    source: str


@dataclass(frozen=True)
class Stated:
    """One value of a field and the sources that give it."""

    value: Any
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Disagreement:
    """A field whose sources give values that cannot all be true: the main value first."""

    field: str
    values: tuple[Stated, ...]


@dataclass(frozen=True)
class Conflict:
    """One source saying two different things of one field in one load."""

    field: str
    source: str


@cache
def containers(record_type: type[Record]) -> dict[str, type | None]:
    """Each field a statement may give (neither ``id`` nor ``sources``): ``tuple`` for a set, ``dict``
    for a language map, None for a single value."""
    found: dict[str, type | None] = {}
    for name, field in record_type.model_fields.items():
        if name in ("id", "sources"):
            continue
        annotation = field.annotation
        if typing.get_origin(annotation) in (Union, UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        origin = typing.get_origin(annotation)
        found[name] = origin if origin in (tuple, dict) else None
    return found


def stated_values(record: Record) -> Values:
    """The fields of ``record`` that say something."""
    values = record.__dict__
    return {name: values[name] for name in containers(type(record)) if values[name] not in (None, (), {})}


def sources_of(record: Record) -> tuple[str, ...]:
    """Who states ``record``: its sources, or ``UNSOURCED``."""
    return record.sources or (UNSOURCED,)


class Statements:
    """What each source says about one record (its type and identity fixed)."""

    def __init__(self, record_type: type[Record], identity: Values, by_source: dict[str, Values]) -> None:
        self.record_type = record_type
        self.identity = identity
        self.by_source = by_source

    @classmethod
    def of(cls, record: Record) -> Statements:
        """The statement of one record: each of its sources says all of it."""
        identity = {"id": record.key} if isinstance(record, Curated) else {}
        values = stated_values(record)
        return cls(type(record), identity, {source: values for source in sources_of(record)})

    @classmethod
    def stored(cls, record: Record, claims: Iterable[Claim]) -> Statements:
        """The statements behind a stored record and its claims: a field with claims is what each claim
        says; a field without says the record's value for every source."""
        statements = cls.of(record)
        claimed: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for claim in claims:
            claimed[claim.field][claim.source].append(claim.value)
        if not claimed:
            return statements
        sources = set(record.sources) | {s for by_source in claimed.values() for s in by_source}
        kinds = containers(type(record))
        by_source: dict[str, Values] = {}
        for source in sorted(sources):
            values = {f: v for f, v in statements.by_source.get(source, {}).items() if f not in claimed}
            for field, by_claim in claimed.items():
                if source in by_claim:
                    values[field] = _from_members(kinds[field], by_claim[source])
            by_source[source] = values
        return cls(type(record), statements.identity, by_source)

    @property
    def sources(self) -> set[str]:
        return set(self.by_source)

    def copy(self) -> Statements:
        """Statements that ``join`` and ``restate`` change apart from these."""
        return Statements(self.record_type, self.identity, dict(self.by_source))

    def conflict(self, record: Record) -> Conflict | None:
        """The first field on which one of ``record``'s sources already said something else (a record
        of another type under the same IRI, a mission and an organization, conflicts as a whole)."""
        if type(record) is not self.record_type:
            return Conflict("type", sources_of(record)[0])
        values = stated_values(record)
        for source in sources_of(record):
            known = self.by_source.get(source, {})
            for field, value in values.items():
                if field in known and known[field] != value:
                    return Conflict(field, source)
        return None

    def join(self, record: Record) -> None:
        """Add a statement of the same load: each source's fields joined (``conflict`` first)."""
        values = stated_values(record)
        for source in sources_of(record):
            self.by_source[source] = self.by_source.get(source, {}) | values

    def restate(self, later: Statements) -> None:
        """A later load's statements replace what its sources said before; other sources keep theirs."""
        self.by_source.update(later.by_source)

    def record(self) -> Record:
        """The one record the statements make: each field's main value (``main_value``), sets joined.

        When the main values do not make a valid record together (one source's end with another's
        start), the record is the statement of the source that gives most of them. Raises pydantic's
        ValidationError when even that is invalid.
        """
        sources = tuple(sorted(s for s in self.by_source if s != UNSOURCED))
        main, winners = self._main()
        try:
            return self.record_type.model_validate({**self.identity, **main, "sources": sources})
        except ValidationError:
            lead = min(self.by_source, key=lambda s: (-winners[s], s))
            return self.record_type.model_validate(
                {**self.identity, **self.by_source[lead], "sources": sources}
            )

    def _main(self) -> tuple[Values, dict[str, int]]:
        main: Values = {}
        winners: dict[str, int] = defaultdict(int)
        for field, kind in containers(self.record_type).items():
            given = [(s, values[field]) for s, values in self.by_source.items() if field in values]
            if not given:
                continue
            if kind is tuple:
                main[field] = tuple(sorted({member for _, value in given for member in value}))
            elif kind is dict:
                languages = sorted({language for _, value in given for language in value})
                main[field] = {
                    language: main_value([(s, v[language]) for s, v in given if language in v]).value
                    for language in languages
                }
            else:
                chosen = main_value(given)
                main[field] = chosen.value
                for source in chosen.sources:
                    winners[source] += 1
        return main, winners

    def claims(self) -> list[Claim]:
        """What each source says of the fields they do not all give alike; none when they agree on
        every field. A record stated both with and without a source keeps the claims of every field,
        so that the statement without one is not lost."""
        if len(self.by_source) < 2:
            return []
        every = UNSOURCED in self.by_source
        found: list[Claim] = []
        for field, kind in containers(self.record_type).items():
            given = [values.get(field) for values in self.by_source.values()]
            if not every and all(value == given[0] for value in given):
                continue
            for source, values in sorted(self.by_source.items()):
                if field in values:
                    found.extend(Claim(field, member, source) for member in _members(kind, values[field]))
        return found


def _members(kind: type | None, value: Any) -> Iterator[Any]:
    if kind is tuple:
        yield from value
    elif kind is dict:
        yield from sorted(value.items())
    else:
        yield value


def _from_members(kind: type | None, members: list[Any]) -> Any:
    if kind is tuple:
        return tuple(sorted(members))
    if kind is dict:
        return dict(members)
    if len(members) != 1:
        raise ValueError(f"one source gives {len(members)} values of a single-valued field")
    return members[0]


_PRECISION = {"year": 0, "month": 1, "day": 2}


def main_value(given: Iterable[tuple[str, Any]]) -> Stated:
    """The value a field takes from (source, value) pairs that differ: the finest date (a day over a
    year), then the value more sources give, then the value whose first source sorts first."""
    by_value: dict[Any, list[str]] = defaultdict(list)
    for source, value in given:
        by_value[value].append(source)
    ranked = sorted(by_value.items(), key=lambda item: _rank(item[0], item[1]))
    value, sources = ranked[0]
    return Stated(value, tuple(sorted(sources)))


def _rank(value: Any, sources: list[str]) -> tuple[int, int, str]:
    precision = _PRECISION[value.precision] if isinstance(value, PartialDate) else 0
    return -precision, -len(sources), min(sources)


def compatible(a: Any, b: Any) -> bool:
    """Whether two values of a field may both be true: equal, or one date within the other (1992 and
    1992-03-27)."""
    if isinstance(a, PartialDate) and isinstance(b, PartialDate):
        return (a.earliest <= b.earliest and b.latest <= a.latest) or (
            b.earliest <= a.earliest and a.latest <= b.latest
        )
    return bool(a == b)


def disagreements(record: Record, claims: Iterable[Claim]) -> tuple[Disagreement, ...]:
    """The single-valued fields of ``record`` on which its claims give values that cannot all be true:
    the record's value with its sources first, then each other value with its own."""
    kinds = containers(type(record))
    by_field: dict[str, dict[Any, list[str]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if kinds.get(claim.field, tuple) is None:
            by_field[claim.field][claim.value].append(claim.source)
    found = []
    for field, by_value in by_field.items():
        main = getattr(record, field)
        others = [value for value in by_value if not compatible(value, main)]
        if main is None or not others:  # None: the record is one source's, which leaves it out
            continue
        others.sort(key=lambda value: _rank(value, by_value[value]))
        values = [Stated(main, tuple(sorted(by_value.get(main, ()))))]
        values += [Stated(value, tuple(sorted(by_value[value]))) for value in others]
        found.append(Disagreement(field, tuple(values)))
    return tuple(sorted(found, key=lambda d: list(kinds).index(d.field)))
