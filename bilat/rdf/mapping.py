"""The RDF vocabulary of every record type: its classes, and one predicate per field.

Fact kinds declare theirs (``model.kinds``); the other record types (sources, countries, persons,
posts and holdings, memberships, code lists, evidence) are listed here. ``rdf.triples`` turns
records into triples and back by this table; ``graph.shapes`` derives the SHACL shapes from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import SKOS, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDFS, SDO

from bilat.model.dataset import (
    CooperationArea,
    Country,
    EventCode,
    Evidence,
    Person,
    Post,
    PostHolding,
    Record,
    Source,
    StateSystemMembership,
)
from bilat.model.kinds import KINDS, Terms
from bilat.rdf.namespaces import BILAT, expand, mint

AREA_SCHEME = mint("scheme", "cooperation-areas")
CAMEO_SCHEME = mint("scheme", "cameo")


@dataclass(frozen=True)
class Mapping:
    """How one record type is written: its classes, and a predicate per field."""

    classes: tuple[URIRef, ...]
    predicates: dict[str, URIRef]

    @classmethod
    def of(cls, terms: Terms) -> Mapping:
        """The mapping a fact kind declares with prefixed names."""
        return cls(tuple(map(expand, terms.classes)), {f: expand(p) for f, p in terms.predicates.items()})


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
            "continued_by": BILAT.continuedBy,
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
    Post: Mapping(
        (ORG.Post,),
        {"title": SDO.name, "organization": ORG.postIn, "country": BILAT.ofCountry},
    ),
    PostHolding: Mapping(
        (BILAT.PostHolding,),
        {
            "person": BILAT.holder,
            "post": BILAT.post,
            "appointed": BILAT.appointed,
            "start": SDO.startDate,
            "end": SDO.endDate,
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
    **{kind.record: Mapping.of(kind.terms) for kind in KINDS},
}
"""Every record type's classes and predicates; ``sources`` is always ``prov:wasDerivedFrom``."""

EXTRA_TRIPLES: dict[type[Record], tuple[tuple[URIRef, URIRef], ...]] = {
    CooperationArea: ((SKOS.inScheme, AREA_SCHEME),),
    EventCode: ((SKOS.inScheme, CAMEO_SCHEME),),
}
SOURCE_PREDICATE = PROV.wasDerivedFrom
