"""Ontology terms as closed namespaces, and ``mint``, the one place where resource IRIs are made."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from bilat.queries import prefixes

ID_BASE = "https://w3id.org/bilat/id/"
"""Every resource IRI starts here: ``{ID_BASE}{kind}/{key}``."""

WIKIDATA = Namespace("http://www.wikidata.org/entity/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")


def expand(name: str) -> URIRef:
    """The IRI of a prefixed name such as ``bilat:party``, by the prefixes of ``queries/prefixes.rq``."""
    prefix, _, local = name.partition(":")
    namespace = prefixes().get(prefix)
    if namespace is None or not local:
        raise ValueError(f"{name!r} is not a prefixed name with a prefix of queries/prefixes.rq")
    return URIRef(namespace + local)


class BILAT(DefinedNamespace):
    """bilat's own terms; a misspelt term raises instead of minting a new IRI."""

    _NS = Namespace("https://w3id.org/bilat/ontology#")
    _fail = True

    # classes
    Country: URIRef
    BilateralRelation: URIRef
    DiplomaticMission: URIRef
    PostHolding: URIRef
    Agreement: URIRef
    Event: URIRef
    TradeFigure: URIRef
    ReportedCount: URIRef
    CooperationArea: URIRef
    Source: URIRef
    StateSystemMembership: URIRef
    Representation: URIRef
    EventCode: URIRef
    # properties
    sourceKind: URIRef
    isoCode: URIRef
    isoAlpha3: URIRef
    isoNumeric: URIRef
    officialName: URIRef
    demonym: URIRef
    organizationKind: URIRef
    ofCountry: URIRef
    partnerCountry: URIRef
    sendingCountry: URIRef
    hostCountry: URIRef
    missionKind: URIRef
    city: URIRef
    holder: URIRef
    post: URIRef
    appointed: URIRef
    country: URIRef
    relationStatus: URIRef
    agreementKind: URIRef
    agreementStatus: URIRef
    party: URIRef
    signatory: URIRef
    signed: URIRef
    inForce: URIRef
    area: URIRef
    eventKind: URIRef
    placeCountry: URIRef
    involves: URIRef
    sourceCountry: URIRef
    targetCountry: URIRef
    participant: URIRef
    concernsAgreement: URIRef
    tradeFlow: URIRef
    reporter: URIRef
    partner: URIRef
    period: URIRef
    periodEnd: URIRef
    amount: URIRef
    currency: URIRef
    counted: URIRef
    count: URIRef
    asOf: URIRef
    fipsCode: URIRef
    isoCodeWithdrawn: URIRef
    continuedBy: URIRef
    memberCountry: URIRef
    cowCode: URIRef
    cowLetters: URIRef
    representationLevel: URIRef
    observedIn: URIRef
    baseAgreement: URIRef
    cameoCode: URIRef
    goldstein: URIRef
    averageTone: URIRef
    mentions: URIRef
    dyad: URIRef
    codedDyad: URIRef
    inDyadMonth: URIRef
    DyadMonth: URIRef
    ofDyad: URIRef
    month: URIRef
    curatedEvents: URIRef
    storeFormat: URIRef
    bundledData: URIRef
    Evidence: URIRef
    supports: URIRef
    quote: URIRef
    startOffset: URIRef
    endOffset: URIRef
    extractionMethod: URIRef
    confidence: URIRef
    Claim: URIRef
    claim: URIRef


_SAFE = re.compile(r"[A-Za-z0-9._-]+")


def mint(kind: str, key: str) -> URIRef:
    """The IRI of the record of ``kind`` with natural key ``key``.

    Keys are validated by the models; quoting here keeps any other character from breaking the IRI.
    """
    return URIRef(mint_text(kind, key))


def mint_text(kind: str, key: str) -> str:
    """``mint`` as plain text, for the hot paths of a load that handle millions of IRIs."""
    if kind == "wikidata":
        return f"{WIKIDATA}{quote(key, safe='')}"
    if kind == "fact":  # any record, its key written "kind/key"
        kind, _, key = key.partition("/")
    if not _SAFE.fullmatch(key):
        key = quote(key, safe="")
    return f"{ID_BASE}{kind}/{key}"


def dyad(a: str, b: str) -> URIRef:
    """The IRI of the unordered pair of two country codes (``id/dyad/AZ-CU``)."""
    first, second = sorted((a, b))
    return mint("dyad", f"{first}-{second}")


def dyad_codes(iri: URIRef | str) -> tuple[str, str]:
    """The two country codes of a dyad IRI."""
    first, _, second = key_of(iri, "dyad").partition("-")
    return first, second


def key_of(iri: URIRef | str, kind: str) -> str:
    """The natural key inside an IRI minted by ``mint`` for ``kind``; ValueError otherwise."""
    prefix = {"wikidata": str(WIKIDATA), "fact": ID_BASE}.get(kind, f"{ID_BASE}{kind}/")
    text = str(iri)
    if not text.startswith(prefix) or len(text) == len(prefix):
        raise ValueError(f"{text} is not a {kind} IRI")

    return unquote(text[len(prefix) :])
