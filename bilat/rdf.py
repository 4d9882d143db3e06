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
from typing import Any, Union

from pydantic.fields import FieldInfo
from rdflib import RDF, SKOS, XSD, Literal, Node, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDFS, SDO

from bilat.dates import PartialDate
from bilat.fields import Ref
from bilat.models import (
    Agreement,
    BilateralRelation,
    CooperationArea,
    Country,
    DiplomaticMission,
    Event,
    EventCode,
    Organization,
    Person,
    Post,
    PostHolding,
    Record,
    ReportedCount,
    Representation,
    Source,
    StateSystemMembership,
    TradeFigure,
)
from bilat.namespaces import BILAT, key_of, mint
from bilat.vocab import Vocabulary, scheme_of

Triple = tuple[URIRef, URIRef, Node]

_DATE_TYPES = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}
AREA_SCHEME = mint("scheme", "cooperation-areas")
CAMEO_SCHEME = mint("scheme", "cameo")


@dataclass(frozen=True)
class Mapping:
    """How one record type is written: its classes, and a predicate per field."""

    classes: tuple[URIRef, ...]
    predicates: dict[str, URIRef]


MAPPINGS: dict[type[Record], Mapping] = {
    Source: Mapping(
        (BILAT.Source,),
        {
            "kind": BILAT.sourceKind,
            "title": DCTERMS.title,
            "publisher": DCTERMS.publisher,
            "author": DCTERMS.creator,
            "published": DCTERMS.issued,
            "url": SDO.url,
            "language": DCTERMS.language,
        },
    ),
    Country: Mapping(
        (BILAT.Country, SDO.Country),
        {
            "code": BILAT.isoCode,
            "name": SDO.name,
            "official_name": BILAT.officialName,
            "other_names": SKOS.altLabel,
            "alpha3": BILAT.isoAlpha3,
            "numeric": BILAT.isoNumeric,
            "fips": BILAT.fipsCode,
            "wikidata": OWL.sameAs,
            "labels": RDFS.label,
            "demonyms": BILAT.demonym,
            "dissolved": SDO.dissolutionDate,
            "successors": DCTERMS.isReplacedBy,
        },
    ),
    Person: Mapping(
        (SDO.Person,),
        {
            "name": SDO.name,
            "other_names": SDO.alternateName,
            "country": SDO.nationality,
            "wikidata": OWL.sameAs,
        },
    ),
    Organization: Mapping(
        (ORG.FormalOrganization,),
        {
            "name": SDO.name,
            "kind": BILAT.organizationKind,
            "country": BILAT.ofCountry,
            "part_of": ORG.subOrganizationOf,
            "partner_country": BILAT.partnerCountry,
            "wikidata": OWL.sameAs,
        },
    ),
    DiplomaticMission: Mapping(
        (BILAT.DiplomaticMission,),
        {
            "sending": BILAT.sendingCountry,
            "host": BILAT.hostCountry,
            "kind": BILAT.missionKind,
            "city": BILAT.city,
            "name": SDO.name,
            "opened": SDO.foundingDate,
            "closed": SDO.dissolutionDate,
            "wikidata": OWL.sameAs,
        },
    ),
    Post: Mapping(
        (ORG.Post,),
        {"title": SDO.name, "organization": ORG.postIn, "country": BILAT.ofCountry},
    ),
    PostHolding: Mapping(
        (BILAT.PostHolding,),
        {
            "person": BILAT.holder,
            "post": BILAT.post,
            "start": SDO.startDate,
            "end": SDO.endDate,
        },
    ),
    BilateralRelation: Mapping(
        (BILAT.BilateralRelation,),
        {
            "countries": BILAT.country,
            "established": SDO.startDate,
            "status": BILAT.relationStatus,
            "ended": SDO.endDate,
        },
    ),
    Agreement: Mapping(
        (BILAT.Agreement,),
        {
            "title": DCTERMS.title,
            "kind": BILAT.agreementKind,
            "parties": BILAT.party,
            "signatories": BILAT.signatory,
            "signed": BILAT.signed,
            "in_force": BILAT.inForce,
            "status": BILAT.agreementStatus,
            "areas": BILAT.area,
            "base_agreement": BILAT.baseAgreement,
        },
    ),
    Event: Mapping(
        (BILAT.Event,),
        {
            "kind": BILAT.eventKind,
            "date": SDO.startDate,
            "end_date": SDO.endDate,
            "title": DCTERMS.title,
            "description": DCTERMS.description,
            "place": SDO.location,
            "place_country": BILAT.placeCountry,
            "countries": BILAT.involves,
            "source_country": BILAT.sourceCountry,
            "target_country": BILAT.targetCountry,
            "participants": BILAT.participant,
            "areas": BILAT.area,
            "agreements": BILAT.concernsAgreement,
            "cameo_code": BILAT.cameoCode,
            "goldstein": BILAT.goldstein,
            "tone": BILAT.averageTone,
            "mentions": BILAT.mentions,
        },
    ),
    TradeFigure: Mapping(
        (BILAT.TradeFigure,),
        {
            "flow": BILAT.tradeFlow,
            "reporter": BILAT.reporter,
            "partner": BILAT.partner,
            "period": BILAT.period,
            "period_end": BILAT.periodEnd,
            "amount": BILAT.amount,
            "currency": BILAT.currency,
        },
    ),
    ReportedCount: Mapping(
        (BILAT.ReportedCount,),
        {
            "countries": BILAT.country,
            "counted": BILAT.counted,
            "count": BILAT.count,
            "as_of": BILAT.asOf,
        },
    ),
    StateSystemMembership: Mapping(
        (BILAT.StateSystemMembership,),
        {
            "country": BILAT.memberCountry,
            "cow_code": BILAT.cowCode,
            "cow_letters": BILAT.cowLetters,
            "start": SDO.startDate,
            "end": SDO.endDate,
        },
    ),
    Representation: Mapping(
        (BILAT.Representation,),
        {
            "sending": BILAT.sendingCountry,
            "host": BILAT.hostCountry,
            "level": BILAT.representationLevel,
            "years": BILAT.observedIn,
        },
    ),
    EventCode: Mapping(
        (BILAT.EventCode, SKOS.Concept),
        {
            "code": SKOS.notation,
            "label": SKOS.prefLabel,
            "broader": SKOS.broader,
            "goldstein": BILAT.goldstein,
        },
    ),
    CooperationArea: Mapping(
        (BILAT.CooperationArea, SKOS.Concept),
        {"label": SKOS.prefLabel, "labels": RDFS.label, "broader": SKOS.broader},
    ),
}
"""Every record type's classes and predicates; ``sources`` is always ``prov:wasDerivedFrom``."""

_EXTRA_TRIPLES: dict[type[Record], tuple[tuple[URIRef, URIRef], ...]] = {
    CooperationArea: ((SKOS.inScheme, AREA_SCHEME),),
    EventCode: ((SKOS.inScheme, CAMEO_SCHEME),),
}
SOURCE_PREDICATE = PROV.wasDerivedFrom


def date_literal(date: PartialDate) -> Literal:
    """A partial date as ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``."""
    return Literal(str(date), datatype=_DATE_TYPES[date.precision])


def iri_of(record: Record) -> URIRef:
    """The IRI of ``record``, minted from its natural key."""
    return mint(record.iri_kind, record.key)


@dataclass(frozen=True)
class _FieldPlan:
    """How one field is written and read, worked out once per record type."""

    name: str
    predicate: URIRef
    ref: Ref | None
    vocabulary: type[Vocabulary] | None
    container: type | None  # tuple, dict or None for a single value
    field: FieldInfo


@cache
def _plan(record_type: type[Record]) -> tuple[_FieldPlan, ...]:
    mapping = MAPPINGS[record_type]
    return tuple(
        _FieldPlan(
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
    for predicate, obj in _EXTRA_TRIPLES.get(type(record), ()):
        yield subject, predicate, obj
    for plan in _plan(type(record)):
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


def record_references(record: Record) -> Iterator[tuple[str, str, str]]:
    """(field, kind, key) for every reference ``record`` makes to another record (Wikidata aside)."""
    for plan in _plan(type(record)):
        if plan.ref is None or plan.ref.kind == "wikidata":
            continue
        value = getattr(record, plan.name)
        for key in value if isinstance(value, tuple) else (value,) if value is not None else ():
            yield plan.name, plan.ref.kind, key


def dataset_triples(records: Iterable[Record]) -> Iterator[Triple]:
    """The triples of many records."""
    for record in records:
        yield from record_triples(record)


def read_record(record_type: type[Record], subject: URIRef, properties: dict[URIRef, list[Node]]) -> Record:
    """Rebuild a record from its subject and the objects of each of its predicates.

    Raises pydantic's ValidationError when the triples do not make a valid record.
    """
    values: dict[str, Any] = {}
    if "id" in record_type.model_fields:
        values["id"] = key_of(subject, record_type.iri_kind)
    for plan in _plan(record_type):
        nodes = properties.get(plan.predicate, [])
        if nodes:
            values[plan.name] = _value(nodes, plan)
    return record_type.model_validate(values)


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


def _value(nodes: list[Node], plan: _FieldPlan) -> Any:
    if plan.container is dict:
        return {node.language: str(node) for node in nodes if isinstance(node, Literal)}
    converted = [_plain(node, plan.ref, plan.vocabulary) for node in nodes]
    if plan.container is tuple:
        return tuple(sorted(converted))
    if len(converted) > 1:
        raise ValueError(f"{plan.name} has {len(converted)} values, expected one")
    return converted[0]


def _plain(node: Node, ref: Ref | None, vocabulary: type[Vocabulary] | None) -> Any:
    if ref is not None:
        return key_of(str(node), ref.kind)
    if vocabulary is not None:
        return vocabulary(key_of(str(node), scheme_of(vocabulary)))
    if not isinstance(node, Literal):
        raise ValueError(f"expected a literal, found {node.n3()}")
    if node.datatype in _DATE_TYPES.values():
        return PartialDate.parse(str(node))
    if node.datatype == XSD.decimal:
        return decimal_value(str(node))
    if node.datatype in (XSD.integer, XSD.boolean):
        return node.toPython()
    return str(node)


def decimal_value(lexical: str) -> Decimal:
    """An ``xsd:decimal`` as a Decimal, whole numbers without a fractional part."""
    number = Decimal(lexical)
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
