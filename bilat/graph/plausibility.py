"""Facts that are well-formed but unlikely: dated before a country existed or after it ended, or
ending before they start. Reported as warnings (``bilat validate``, ``bilat load``), never refused:
the record may be right and the register incomplete, so a person decides.

A fact's countries and dates come from its kind's declaration (``model.kinds``); post holdings are
checked against the country of their post. A partial date counts only when it certainly falls
outside (``1991`` is not before a state founded on 1991-12-26).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from bilat.files.bundled import data_dir
from bilat.graph.read import readable_records
from bilat.model.dataset import Country, Post, PostHolding, Record
from bilat.model.dates import PartialDate
from bilat.model.kinds import KINDS, FactKind
from bilat.queries import query_text
from bilat.rdf.mapping import MAPPINGS
from bilat.rdf.namespaces import mint_text
from bilat.register import Register
from bilat.store import Store
from bilat.store.sparql import batched_values

_KIND_OF = {kind.record: kind for kind in KINDS}


@dataclass(frozen=True)
class Doubt:
    """One implausible fact: the record's IRI, why, and the sources it cites."""

    record: str
    message: str
    sources: tuple[str, ...]


def doubts(records: Sequence[Record], register: Register, *, known: bool = False) -> list[Doubt]:
    """The implausible facts among ``records``, in IRI order; those ``data/known-doubts.csv`` lists
    only when ``known``."""
    posts = {r.id: r for r in records if isinstance(r, Post)}
    found = []
    for record in records:
        iri = mint_text(record.iri_kind, record.key)
        for message in _messages(record, register, posts):
            found.append(Doubt(iri, message, tuple(getattr(record, "sources", ()))))
    if not known:
        listed = known_doubts()
        found = [d for d in found if (d.record, d.message) not in listed]
    return sorted(found, key=lambda d: (d.record, d.message))


def known_doubts() -> set[tuple[str, str]]:
    """(record IRI, message) of the doubts about the bundled data that were looked into and kept, as
    ``data/known-doubts.csv`` lists them with the reason."""
    with open(data_dir() / "known-doubts.csv", encoding="utf-8", newline="") as handle:
        return {(mint_text(*row["record"].split("/", 1)), row["message"]) for row in csv.DictReader(handle)}


def store_doubts(store: Store, register: Register, *, known: bool = False) -> list[Doubt]:
    """The implausible facts the store holds (see ``doubts``)."""
    types: list[type[Record]] = [*_KIND_OF, Post, PostHolding]
    classes = [str(MAPPINGS[t].classes[0]) for t in types]
    records: list[Record] = []
    for query in batched_values(query_text("internal/records-of-classes"), "class", classes, len(classes)):
        records.extend(readable_records(store.terms(query)))  # validate reports the others
    return doubts(records, register, known=known)


def _messages(record: Record, register: Register, posts: dict[str, Post]) -> Iterator[str]:
    kind = _KIND_OF.get(type(record))
    if kind is not None:
        yield from _dated(register, _codes(kind, record), kind.dates(record))
    elif isinstance(record, PostHolding) and record.post in posts and posts[record.post].country:
        code = posts[record.post].country
        assert code is not None
        yield from _dated(register, [code], [(record.start, record.end)], "held")


def _codes(kind: FactKind, record: Record) -> list[str]:
    codes: list[str] = []
    for field in kind.pair:
        value = getattr(record, field)
        if isinstance(value, str):
            codes.append(value)
        elif value:
            codes.extend(value)
    return codes


def _dated(
    register: Register,
    codes: Iterable[str],
    dates: Iterable[tuple[PartialDate | None, PartialDate | None]],
    verb: str = "dated",
) -> Iterator[str]:
    for start, end in dates:
        if start is not None and end is not None and end.latest < start.earliest:
            yield f"ends ({end}) before it starts ({start})"
        for code in codes:
            country = register.countries.get(code)
            if country is not None:
                yield from _outside(country, start, end, verb)


def _outside(
    country: Country, start: PartialDate | None, end: PartialDate | None, verb: str
) -> Iterator[str]:
    first = start or end
    last = end or start
    if first is not None and country.founded is not None and first.latest < country.founded.earliest:
        yield f"{verb} {first}, before {country.name} ({country.code}) existed (founded {country.founded})"
    if last is not None and country.dissolved is not None and last.earliest > country.dissolved.latest:
        yield f"{verb} {last}, after {country.name} ({country.code}) ended ({country.dissolved})"
