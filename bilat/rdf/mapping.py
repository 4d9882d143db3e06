"""The RDF vocabulary of every record type: its classes, and one predicate per field.

``rdf.py`` turns records into triples and back by this table; ``shapes.py`` derives the SHACL shapes
from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import SKOS, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDFS, SDO

from bilat.model.dataset import (
    Agreement,
    BilateralRelation,
    CooperationArea,
    Country,
    DiplomaticMission,
    Event,
    EventCode,
    Evidence,
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
from bilat.rdf.namespaces import BILAT, mint

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
            "founded": SDO.foundingDate,
            "dissolved": SDO.dissolutionDate,
            "code_withdrawn": BILAT.isoCodeWithdrawn,
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
    Evidence: Mapping(
        (BILAT.Evidence,),
        {
            "fact": BILAT.supports,
            "quote": BILAT.quote,
            "start": BILAT.startOffset,
            "end": BILAT.endOffset,
            "method": BILAT.extractionMethod,
            "confidence": BILAT.confidence,
        },
    ),
    CooperationArea: Mapping(
        (BILAT.CooperationArea, SKOS.Concept),
        {"label": SKOS.prefLabel, "labels": RDFS.label, "broader": SKOS.broader},
    ),
}
"""Every record type's classes and predicates; ``sources`` is always ``prov:wasDerivedFrom``."""

EXTRA_TRIPLES: dict[type[Record], tuple[tuple[URIRef, URIRef], ...]] = {
    CooperationArea: ((SKOS.inScheme, AREA_SCHEME),),
    EventCode: ((SKOS.inScheme, CAMEO_SCHEME),),
}
SOURCE_PREDICATE = PROV.wasDerivedFrom
