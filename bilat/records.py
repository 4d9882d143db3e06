"""Reading typed records back out of a store: triples grouped by subject, then rebuilt as models."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from pydantic import ValidationError
from rdflib import RDF, Node, URIRef

from bilat.errors import StoreError, describe
from bilat.mapping import MAPPINGS
from bilat.models import DiplomaticMission, Record
from bilat.namespaces import BILAT, mint
from bilat.rdf import iri_of, read_record, record_references
from bilat.sparql import term
from bilat.store import Rows, Store

_BY_CLASS = {mapping.classes[0]: record_type for record_type, mapping in MAPPINGS.items()}


def _by_subject(triples: Iterable[tuple[Node, Node, Node]]) -> dict[URIRef, dict[URIRef, list[Node]]]:
    grouped: dict[URIRef, dict[URIRef, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for subject, predicate, obj in triples:
        if isinstance(subject, URIRef) and isinstance(predicate, URIRef):
            grouped[subject][predicate].append(obj)
    return grouped


def records_from_rows(rows: Rows) -> list[Record]:
    """Rebuild the records whose triples are the ``?s ?p ?o`` columns of ``rows``."""
    grouped = _by_subject((row["s"], row["p"], row["o"]) for row in rows.rows)
    return [_record(subject, properties) for subject, properties in grouped.items()]


def unreadable_records(triples: Iterable[tuple[Node, Node, Node]]) -> dict[URIRef, str]:
    """Subjects typed as a bilat record that do not rebuild into a valid record, with the reason."""
    problems = {}
    for subject, properties in _by_subject(triples).items():
        if not _BY_CLASS.keys() & set(properties.get(RDF.type, ())):
            continue
        try:
            _record(subject, properties)
        except StoreError as error:
            problems[subject] = str(error).removeprefix(f"{subject} ")
    return problems


def fetch_records(store: Store, subjects: Iterable[URIRef], batch: int = 1000) -> list[Record]:
    """The records stored under ``subjects``; subjects the store does not know are skipped."""
    wanted: Sequence[URIRef] = sorted(set(subjects))
    records: list[Record] = []
    for start in range(0, len(wanted), batch):
        values = " ".join(term(s) for s in wanted[start : start + batch])
        rows = store.select(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}")
        records.extend(records_from_rows(rows))
    return records


def _record(subject: URIRef, properties: dict[URIRef, list[Node]]) -> Record:
    classes = set(properties.get(RDF.type, ()))
    if MAPPINGS[DiplomaticMission].classes[0] in classes:
        record_type: type[Record] = DiplomaticMission
    else:
        matches = [_BY_CLASS[c] for c in classes if isinstance(c, URIRef) and c in _BY_CLASS]
        if len(matches) != 1:
            raise StoreError(f"{subject} has no single bilat record type; the store holds foreign data")
        record_type = matches[0]
    try:
        return read_record(record_type, subject, properties)
    except ValidationError as error:
        raise StoreError(f"{subject} is not a valid {record_type.type_name}: {describe(error)}") from None
    except ValueError as error:
        raise StoreError(f"{subject} is not a valid {record_type.type_name}: {error}") from None


def references(record: Record) -> set[URIRef]:
    """The IRIs of the records that ``record`` names, other than countries and Wikidata items."""
    return {mint(kind, key) for _, kind, key in record_references(record) if kind != "country"}


def with_references(store: Store, records: list[Record], depth: int = 4) -> list[Record]:
    """``records`` and, transitively, the records they name (persons, posts, sources ...)."""
    known = {iri_of(r): r for r in records}
    frontier = set().union(*(references(r) for r in records)) - set(known)
    for _ in range(depth):
        if not frontier:
            break
        fetched = fetch_records(store, frontier)
        known.update((iri_of(r), r) for r in fetched)
        frontier = set().union(*(references(r) for r in fetched)) - set(known)
    return list(known.values())


def holdings_of(store: Store, persons: Iterable[URIRef]) -> list[Record]:
    """Every post holding of ``persons``."""
    wanted = sorted(set(persons))
    if not wanted:
        return []
    values = " ".join(term(p) for p in wanted)
    holder = term(BILAT.holder)
    rows = store.select(
        f"SELECT ?s ?p ?o WHERE {{ VALUES ?person {{ {values} }} ?s {holder} ?person ; ?p ?o }}"
    )
    return records_from_rows(rows)
