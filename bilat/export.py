"""Exporting the graph, or one country's or pair's neighbourhood, as Turtle, N-Triples, JSON-LD or TriG."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Graph
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDFS, SDO, SKOS, XSD

from bilat.formats import Format
from bilat.models import Country, Person, PostHolding, Record
from bilat.namespaces import BILAT, ID_BASE, SEM, WIKIDATA, mint
from bilat.queries import stored_query
from bilat.records import holdings_of, records_from_rows, with_references
from bilat.store import Store, Triple
from bilat.ties import ties
from bilat.upgrade import STORE_NODE

PREFIXES = {
    "bilat": str(BILAT._NS),
    "id": ID_BASE,
    "country": f"{ID_BASE}country/",
    "schema": str(SDO),
    "org": str(ORG),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "wd": str(WIKIDATA),
    "sem": str(SEM),
}


def all_triples(store: Store) -> list[Triple]:
    """Every triple in the store, but the store's own bookkeeping."""
    return store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER (?s != <{STORE_NODE}>) }}")


def country_records(store: Store, country: Country) -> list[Record]:
    """The records that name ``country``, and what they name in turn."""
    query = stored_query("country-facts")
    rows = store.terms(query.text, {"c": mint("country", country.code)})
    return _closed(store, records_from_rows(rows))


def pair_records(store: Store, a: Country, b: Country) -> list[Record]:
    """The records of the pair's dossier, with the people, posts and sources they name."""
    dossier = ties(store, a, b)
    return _closed(store, [*dossier.facts, *dossier.countries])


def _closed(store: Store, records: list[Record]) -> list[Record]:
    everything = with_references(store, records)
    persons = [mint("person", r.key) for r in everything if isinstance(r, Person)]
    holdings = [h for h in holdings_of(store, persons) if isinstance(h, PostHolding)]
    return with_references(store, [*everything, *holdings])


def serialize(triples: Iterable[Triple], format: Format) -> bytes:
    """The triples in ``format``, with stable ordering so that equal graphs give equal files."""
    if format is Format.NTRIPLES:
        graph = Graph()
        for triple in triples:
            graph.add(triple)
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        return ("\n".join(sorted(line for line in lines if line)) + "\n").encode("utf-8")
    graph = Dataset() if format is Format.TRIG else Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    target = graph.default_context if isinstance(graph, Dataset) else graph
    for triple in triples:
        target.add(triple)
    if format is Format.JSONLD:
        return graph.serialize(format="json-ld", encoding="utf-8", auto_compact=True)
    return graph.serialize(format=format.value, encoding="utf-8")
