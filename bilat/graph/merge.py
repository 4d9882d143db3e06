"""A load's records joined with what the store holds about them, record by record (decision 0024).

Within a load, the statements of one record by different sources join into one (``Statements``). Against
the store, the load's sources restate what they said before and the store's other sources keep
theirs: the record written takes its value from all of them, and where they do not all say the same,
the claims of each source are written with it. A stored record whose sources the load all restates,
and which has no claims, is replaced without being read back, so re-loading a large file costs one
query more than before. Each record is merged on its own: a load may be merged batch by batch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from bilat.graph.read import claims_of, readable_records
from bilat.model.base import Record
from bilat.model.claims import UNSOURCED, Statements, sources_of
from bilat.model.fields import describe
from bilat.queries import query_text
from bilat.rdf.claims import claims_text
from bilat.rdf.namespaces import key_of, mint_text
from bilat.store import Store
from bilat.store.sparql import batched_values


def joined_record(statements: Statements, iri: str) -> Record:
    """The record ``statements`` make, which must keep the IRI they were gathered under.

    Raises ValueError saying why the statements make no record.
    """
    try:
        record = statements.record()
    except ValidationError as error:
        raise ValueError(
            f"its sources' statements make no valid record together: {describe(error)}"
        ) from None
    if mint_text(record.iri_kind, record.key) != iri:
        raise ValueError(f"its sources' statements give it another key, {record.key!r}")
    return record


@dataclass(frozen=True)
class Merged:
    """What to write for a load's records: each record, the claims' N-Triples, and the IRIs of the
    claims the store holds for them (to forget, since ``claims_text`` states the ones that remain)."""

    records: Mapping[str, Record]
    claims_text: str
    forget: list[str]
    problems: dict[str, str] = field(default_factory=dict)
    """Records whose statements, joined with the store's, make no record, with the reason."""


def merge_with_store(
    store: Store, records: Mapping[str, Record], statements: Mapping[str, Statements], existing: set[str]
) -> Merged:
    """Join each of a load's ``records`` (by IRI; ``statements`` by source where several statements
    made one) with what the store holds about it; ``existing`` are the IRIs the store knows."""
    sources, held = _stated_by(store, [iri for iri in records if iri in existing])
    reread = [
        iri
        for iri, said in sources.items()
        if held.get(iri) or not said <= _sources_of(records[iri], statements.get(iri))
    ]
    stored = {  # a record of another type under the same IRI is replaced, as it always was
        iri: before
        for iri, before in _stored_statements(store, reread).items()
        if before.record_type is type(records[iri])
    }
    merged: dict[str, Record] = {}
    texts: list[str] = []
    problems: dict[str, str] = {}
    for iri, before in stored.items():
        before.restate(statements.get(iri) or Statements.of(records[iri]))
        try:
            merged[iri] = joined_record(before, iri)
        except ValueError as error:
            problems[iri] = str(error)
            continue
        texts.append(claims_text(merged[iri], before.claims()))
    for iri, joined in statements.items():
        if iri not in stored:
            texts.append(claims_text(records[iri], joined.claims()))
    forget = sorted({claim for claims in held.values() for claim in claims})
    return Merged({**records, **merged} if merged else records, "".join(texts), forget, problems)


def _sources_of(record: Record, statements: Statements | None) -> set[str]:
    return statements.sources if statements else set(sources_of(record))


def _stated_by(store: Store, subjects: Sequence[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The sources (``UNSOURCED`` for none) and the claims' IRIs of each of ``subjects``."""
    sources: dict[str, set[str]] = {subject: set() for subject in subjects}
    claims: dict[str, set[str]] = defaultdict(set)
    for query in batched_values(query_text("internal/stated-by"), "s", subjects, 2000):
        for subject, source, claim in store.values(query).rows:
            if subject is None:
                continue
            if source is not None:
                sources[subject].add(_source_key(source))
            if claim is not None:
                claims[subject].add(claim)
    return {s: found or {UNSOURCED} for s, found in sources.items()}, claims


def _source_key(iri: str) -> str:
    try:
        return key_of(iri, "source")
    except ValueError:  # not a bilat source: no source of its own the load could restate
        return iri


def _stored_statements(store: Store, subjects: Sequence[str]) -> dict[str, Statements]:
    """What each source says about the records stored under ``subjects``; a subject that holds no
    readable record has nothing to keep."""
    records: list[Record] = []
    for query in batched_values(query_text("internal/describe-subjects"), "s", subjects, 1000):
        records.extend(readable_records(store.terms(query)))
    claims = claims_of(store, records)
    found = {}
    for record in records:
        iri = mint_text(record.iri_kind, record.key)
        found[iri] = Statements.stored(record, claims.get(iri, ()))
    return found
