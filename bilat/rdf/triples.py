"""Records to RDF triples and back, through one declarative table per record type.

How a value is written follows from the field's type: a ``Ref`` becomes the IRI of the record it
names, a vocabulary member its SKOS concept, a ``PartialDate`` an ``xsd:gYear``/``gYearMonth``/``date``,
a language map language-tagged literals, and a tuple one triple per member.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import combinations
from typing import Any, Union

from pydantic.fields import FieldInfo
from rdflib import RDF, XSD, Literal, Node, URIRef

from bilat.model.dataset import (
    Event,
    Record,
)
from bilat.model.dates import PartialDate
from bilat.model.fields import Ref
from bilat.model.vocab import Vocabulary, scheme_of
from bilat.rdf.derived import dyad_month, event_months
from bilat.rdf.mapping import EXTRA_TRIPLES, MAPPINGS, SOURCE_PREDICATE
from bilat.rdf.namespaces import BILAT, dyad, key_of, mint
from bilat.rdf.term import Term

Triple = tuple[URIRef, URIRef, Node]

_DATE_TYPES = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}


def date_literal(date: PartialDate) -> Literal:
    """A partial date as ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``."""
    return Literal(str(date), datatype=_DATE_TYPES[date.precision])


def iri_of(record: Record) -> URIRef:
    """The IRI of ``record``, minted from its natural key."""
    return mint(record.iri_kind, record.key)


@dataclass(frozen=True)
class FieldPlan:
    """How one field is written and read, worked out once per record type."""

    name: str
    predicate: URIRef
    ref: Ref | None
    vocabulary: type[Vocabulary] | None
    container: type | None  # tuple, dict or None for a single value
    field: FieldInfo


@cache
def field_plans(record_type: type[Record]) -> tuple[FieldPlan, ...]:
    mapping = MAPPINGS[record_type]
    return tuple(
        FieldPlan(
            name,
            SOURCE_PREDICATE if name == "sources" else mapping.predicates[name],
            field_ref(field),
            field_vocabulary(field),
            typing.get_origin(strip_optional(field.annotation)),
            field,
        )
        for name, field in record_type.model_fields.items()
        if name != "id"
    )


def record_triples(record: Record) -> Iterator[Triple]:
    """The triples that state ``record``."""
    subject = iri_of(record)
    for rdf_class in MAPPINGS[type(record)].classes:
        yield subject, RDF.type, rdf_class
    for predicate, obj in EXTRA_TRIPLES.get(type(record), ()):
        yield subject, predicate, obj
    for plan in field_plans(type(record)):
        value = getattr(record, plan.name)
        if value is None:
            continue
        if plan.container is dict:
            for language, text in sorted(value.items()):
                yield subject, plan.predicate, Literal(text, lang=language)
        elif plan.container is tuple:
            for item in value:
                yield subject, plan.predicate, _node(item, plan.ref)
        else:
            yield subject, plan.predicate, _node(value, plan.ref)
    if isinstance(record, Event):
        predicate = BILAT.codedDyad if record.cameo_code else BILAT.dyad
        for a, b in combinations(record.countries, 2):
            yield subject, predicate, dyad(a, b)
        for a, b, month in event_months(record):
            yield subject, BILAT.inDyadMonth, URIRef(dyad_month(a, b, month))


def record_references(record: Record) -> Iterator[tuple[str, str, str]]:
    """(field, kind, key) for every reference ``record`` makes to another record (Wikidata aside)."""
    for plan in field_plans(type(record)):
        if plan.ref is None or plan.ref.kind == "wikidata":
            continue
        value = getattr(record, plan.name)
        for key in value if isinstance(value, tuple) else (value,) if value is not None else ():
            yield plan.name, plan.ref.kind, key


def dataset_triples(records: Iterable[Record]) -> Iterator[Triple]:
    """The triples of many records."""
    for record in records:
        yield from record_triples(record)


def read_record(record_type: type[Record], subject: str, properties: dict[str, list[Term]]) -> Record:
    """Rebuild a record from its subject IRI and the objects of each of its predicates.

    Raises pydantic's ValidationError when the triples do not make a valid record.
    """
    values: dict[str, Any] = {}
    if "id" in record_type.model_fields:
        values["id"] = key_of(subject, record_type.iri_kind)
    for plan in field_plans(record_type):
        found = properties.get(str(plan.predicate), [])
        if found:
            values[plan.name] = _value(found, plan)
    return record_type.model_validate(values)


def text_term(node: Node) -> Term:
    """An rdflib term as a ``Term``."""
    if isinstance(node, Literal):
        datatype = node.datatype or (RDF.langString if node.language else XSD.string)
        return Term(str(node), str(datatype), node.language)
    return Term(str(node) if isinstance(node, URIRef) else f"_:{node}")


# -- values to nodes -------------------------------------------------------------------------


def _node(value: object, ref: Ref | None) -> Node:
    if ref is not None:
        return mint(ref.kind, str(value))
    if isinstance(value, Vocabulary):
        return mint(scheme_of(type(value)), value.value)
    if isinstance(value, PartialDate):
        return date_literal(value)
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, Decimal):
        text = f"{value:f}"
        return Literal(text if "." in text else f"{text}.0", datatype=XSD.decimal)
    return Literal(str(value))


# -- nodes to values -------------------------------------------------------------------------


def _value(terms: list[Term], plan: FieldPlan) -> Any:
    if plan.container is dict:
        return {t.language: t.value for t in terms if t.language}
    converted = [_plain(t, plan.ref, plan.vocabulary) for t in terms]
    if plan.container is tuple:
        return tuple(sorted(converted))
    if len(converted) > 1:
        raise ValueError(f"{plan.name} has {len(converted)} values, expected one")
    return converted[0]


_DATE_TYPE_IRIS = {str(datatype) for datatype in _DATE_TYPES.values()}


def plain_value(term: Term, plan: FieldPlan) -> Any:
    """One value (a set's member) of the field ``plan`` from its term."""
    return _plain(term, plan.ref, plan.vocabulary)


def _plain(term: Term, ref: Ref | None, vocabulary: type[Vocabulary] | None) -> Any:
    if ref is not None:
        return key_of(term.value, ref.kind)
    if vocabulary is not None:
        return vocabulary(key_of(term.value, scheme_of(vocabulary)))
    if term.datatype is None:
        raise ValueError(f"expected a literal, found <{term.value}>")
    if term.datatype in _DATE_TYPE_IRIS:
        return PartialDate.parse(term.value)
    if term.datatype == _DECIMAL:
        return decimal_value(term.value)
    if term.datatype == _INTEGER:
        return int(term.value)
    if term.datatype == _BOOLEAN:
        return term.value in ("true", "1")
    return term.value


_DECIMAL, _INTEGER, _BOOLEAN = str(XSD.decimal), str(XSD.integer), str(XSD.boolean)


def decimal_value(lexical: str) -> Decimal:
    """An ``xsd:decimal`` as a Decimal, whole numbers without a fractional part; ValueError for text
    that is no decimal (a store written by another tool may hold one)."""
    try:
        number = Decimal(lexical)
    except ArithmeticError:
        raise ValueError(f"{lexical!r} is not a decimal number") from None
    return number.to_integral_value() if number == number.to_integral_value() else number


def strip_optional(annotation: Any) -> Any:
    """``X`` from ``X | None``."""
    if typing.get_origin(annotation) in (Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return members[0]
    return annotation


def field_metadata(field: FieldInfo) -> list[Any]:
    """The metadata of a field's value type, looking inside Optional and tuple."""
    found = list(field.metadata)
    annotation = strip_optional(field.annotation)
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            found.extend(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif typing.get_origin(annotation) is tuple:
            annotation = typing.get_args(annotation)[0]
        else:
            return [*found, annotation]


def field_ref(field: FieldInfo) -> Ref | None:
    """The Ref marker of a field (or of its members), if it holds references."""
    return next((item for item in field_metadata(field) if isinstance(item, Ref)), None)


def field_vocabulary(field: FieldInfo) -> type[Vocabulary] | None:
    """The vocabulary a field's values come from, if any."""
    for item in field_metadata(field):
        if isinstance(item, type) and issubclass(item, Vocabulary):
            return item
    return None
