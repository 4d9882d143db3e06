"""Reading typed records back out of a store: triples grouped by subject, then rebuilt as models."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pydantic import ValidationError
from rdflib import RDF

from bilat.errors import StoreError
from bilat.model.claims import Claim
from bilat.model.dataset import DiplomaticMission, Record
from bilat.model.fields import describe
from bilat.queries import query_text
from bilat.rdf.claims import read_claims
from bilat.rdf.mapping import MAPPINGS
from bilat.rdf.namespaces import BILAT, mint_text
from bilat.rdf.triples import read_record, record_references
from bilat.store import Store, Term, Terms
from bilat.store.sparql import batched_values

_BY_CLASS = {str(mapping.classes[0]): record_type for record_type, mapping in MAPPINGS.items()}
_MISSION = str(MAPPINGS[DiplomaticMission].classes[0])
_TYPE = str(RDF.type)
_CLAIM = Term(str(BILAT.Claim))


def _by_subject(triples: Iterable[tuple[Term, Term, Term]]) -> dict[str, dict[str, list[Term]]]:
    """The triples grouped by subject, claims (decision 0024) left out: they are read with their record."""
    grouped: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for subject, predicate, obj in triples:
        if subject.datatype is None and predicate.datatype is None:
            grouped[subject.value][predicate.value].append(obj)
    return {s: properties for s, properties in grouped.items() if _CLAIM not in properties.get(_TYPE, ())}


def records_from_rows(rows: Terms) -> list[Record]:
    """Rebuild the records whose triples are the ``?s ?p ?o`` columns of ``rows``."""
    s, p, o = (rows.variables.index(name) for name in ("s", "p", "o"))
    grouped = _by_subject((row[s], row[p], row[o]) for row in rows.rows)  # type: ignore[misc]
    return [_record(subject, properties) for subject, properties in grouped.items()]


def readable_records(rows: Terms) -> list[Record]:
    """The records of ``rows`` (as ``records_from_rows``) that rebuild; the others are left out
    (``unreadable_records`` says why)."""
    s, p, o = (rows.variables.index(name) for name in ("s", "p", "o"))
    found = []
    for subject, properties in _by_subject((row[s], row[p], row[o]) for row in rows.rows).items():  # type: ignore[misc]
        try:
            found.append(_record(subject, properties))
        except StoreError:
            continue
    return found


def unreadable_records(triples: Iterable[tuple[Term, Term, Term]]) -> dict[str, str]:
    """Subjects typed as a bilat record that do not rebuild into a valid record, with the reason."""
    problems = {}
    grouped = _by_subject(triples)
    for subject, properties in grouped.items():
        if not _BY_CLASS.keys() & {t.value for t in properties.get(_TYPE, ())}:
            continue
        try:
            _record(subject, properties)
        except StoreError as error:
            problems[subject] = str(error).removeprefix(f"{subject} ")
    return problems


def fetch_records(store: Store, subjects: Iterable[str], batch: int = 1000) -> list[Record]:
    """The records stored under the IRIs ``subjects``; subjects the store does not know are skipped."""
    wanted = sorted({str(s) for s in subjects})
    records: list[Record] = []
    for query in batched_values(query_text("internal/describe-subjects"), "s", wanted, batch):
        records.extend(records_from_rows(store.terms(query)))
    return records


def claims_of(store: Store, records: Iterable[Record], batch: int = 1000) -> dict[str, list[Claim]]:
    """The claims (decision 0024) of those of ``records`` that have any, by the record's IRI."""
    by_iri = {mint_text(r.iri_kind, r.key): r for r in records}
    triples: dict[str, list[tuple[str, str, Term]]] = defaultdict(list)
    for query in batched_values(query_text("internal/claims-of"), "record", sorted(by_iri), batch):
        for record, s, p, o in store.terms(query).rows:
            if record is not None and s is not None and p is not None and o is not None:
                triples[record.value].append((s.value, p.value, o))
    found = {}
    for iri, rows in triples.items():
        try:
            found[iri] = read_claims(by_iri[iri], rows)
        except ValueError as error:
            raise StoreError(f"{iri} has a claim that does not fit it: {error}") from None
    return found


def _record(subject: str, properties: dict[str, list[Term]]) -> Record:
    classes = {t.value for t in properties.get(_TYPE, ())}
    if _MISSION in classes:
        record_type: type[Record] = DiplomaticMission
    else:
        matches = [_BY_CLASS[c] for c in classes if c in _BY_CLASS]
        if len(matches) != 1:
            raise StoreError(f"{subject} has no single bilat record type; the store holds foreign data")
        record_type = matches[0]
    try:
        return read_record(record_type, subject, properties)
    except ValidationError as error:
        raise StoreError(f"{subject} is not a valid {record_type.type_name}: {describe(error)}") from None
    except ValueError as error:
        raise StoreError(f"{subject} is not a valid {record_type.type_name}: {error}") from None


def references(record: Record) -> set[str]:
    """The IRIs of the records that ``record`` names, other than countries and Wikidata items."""
    return {mint_text(kind, key) for _, kind, key in record_references(record) if kind != "country"}


def with_references(store: Store, records: list[Record], depth: int = 4) -> list[Record]:
    """``records`` and, transitively, the records they name (persons, posts, sources ...)."""
    known = {mint_text(r.iri_kind, r.key): r for r in records}
    frontier = set().union(*(references(r) for r in records)) - set(known)
    for _ in range(depth):
        if not frontier:
            break
        fetched = fetch_records(store, frontier)
        known.update((mint_text(r.iri_kind, r.key), r) for r in fetched)
        frontier = set().union(*(references(r) for r in fetched)) - set(known)
    return list(known.values())


def holdings_of(store: Store, persons: Iterable[str]) -> list[Record]:
    """Every post holding of the persons with IRIs ``persons``."""
    wanted = sorted({str(p) for p in persons})
    query = query_text("internal/holdings-of")
    return [
        record for text in batched_values(query, "person", wanted, 1000) for record in _records(store, text)
    ]


def _records(store: Store, query: str) -> list[Record]:
    return records_from_rows(store.terms(query))
