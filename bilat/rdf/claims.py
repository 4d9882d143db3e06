"""Claims as triples and back (decision 0024): what one source says one field of a record is.

A claim is a reified statement, typed ``bilat:Claim`` (a kind of ``rdf:Statement``) and linked from
the record by ``bilat:claim``, so that the record's own triples name its claims::

    <relation/kr-us> bilat:claim <claim/relation.kr-us.established.9f2c41d07a3b> .
    <claim/relation.kr-us.established.9f2c41d07a3b> a bilat:Claim ;
        rdf:subject <relation/kr-us> ; rdf:predicate schema:startDate ;
        rdf:object "1882"^^xsd:gYear ; prov:wasDerivedFrom <source/kdiplo> .

A claim's IRI is minted from the record, the field and a digest of the source and the value, so
that the same claims give the same triples. A claim without ``prov:wasDerivedFrom`` is the statement
of a record that cites no source.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import cache

from rdflib import RDF

from bilat.model.base import Record
from bilat.model.claims import UNSOURCED, Claim
from bilat.rdf.mapping import SOURCE_PREDICATE
from bilat.rdf.namespaces import BILAT, key_of, mint_text
from bilat.rdf.ntriples import iri, member_text
from bilat.rdf.term import Term
from bilat.rdf.text import term
from bilat.rdf.triples import field_plans, plain_value

_CLAIM = f" {term(BILAT.claim)} "
_TYPED = f" {term(RDF.type)} {term(BILAT.Claim)} .\n"
_SUBJECT = f" {term(RDF.subject)} "
_PREDICATE = f" {term(RDF.predicate)} "
_OBJECT = f" {term(RDF.object)} "
_SOURCE = f" {term(SOURCE_PREDICATE)} "

CLAIM_PREDICATES = (BILAT.claim, RDF.subject, RDF.predicate, RDF.object)
"""The properties of claims, beside ``rdf:type`` and ``prov:wasDerivedFrom``."""


@cache
def _predicates(record_type: type[Record]) -> dict[str, str]:
    return {plan.name: str(plan.predicate) for plan in field_plans(record_type)}


@cache
def _fields(record_type: type[Record]) -> dict[str, str]:
    return {predicate: name for name, predicate in _predicates(record_type).items()}


def claim_iri(record: Record, field: str, source: str, value_text: str) -> str:
    """The IRI of the claim of ``source`` that ``field`` of ``record`` is the value written ``value_text``."""
    digest = hashlib.sha256(f"{source}\n{value_text}".encode()).hexdigest()[:12]
    return mint_text("claim", f"{record.iri_kind}.{record.key}.{field}.{digest}")


def claims_text(record: Record, claims: Sequence[Claim]) -> str:
    """The N-Triples of ``record``'s claims and of its links to them."""
    subject = iri(record.iri_kind, record.key)
    predicates = _predicates(type(record))
    lines = []
    for claim in claims:
        value = member_text(type(record), claim.field, claim.value)
        node = f"<{claim_iri(record, claim.field, claim.source, value)}>"
        lines += [
            f"{subject}{_CLAIM}{node} .\n",
            node + _TYPED,
            f"{node}{_SUBJECT}{subject} .\n",
            f"{node}{_PREDICATE}<{predicates[claim.field]}> .\n",
            f"{node}{_OBJECT}{value} .\n",
        ]
        if claim.source != UNSOURCED:
            lines.append(f"{node}{_SOURCE}{iri('source', claim.source)} .\n")
    return "".join(lines)


def read_claims(record: Record, triples: Iterable[tuple[str, str, Term]]) -> list[Claim]:
    """The claims of ``record`` among ``triples`` (subject, predicate, object) of its claim nodes.

    Raises ValueError when a claim names a field the record does not have or a value it cannot hold.
    """
    nodes: dict[str, dict[str, Term]] = {}
    for subject, property_iri, obj in triples:
        nodes.setdefault(subject, {})[property_iri] = obj
    plans = {plan.name: plan for plan in field_plans(type(record))}
    fields = _fields(type(record))
    claims = []
    for node, properties in sorted(nodes.items()):
        claimed = properties.get(str(RDF.predicate))
        value = properties.get(str(RDF.object))
        if claimed is None or value is None or claimed.value not in fields:
            raise ValueError(f"the claim {node} names no field of a {record.type_name}")
        plan = plans[fields[claimed.value]]
        source = properties.get(str(SOURCE_PREDICATE))
        member = (value.language, value.value) if plan.container is dict else plain_value(value, plan)
        claims.append(Claim(plan.name, member, key_of(source.value, "source") if source else UNSOURCED))
    return claims
