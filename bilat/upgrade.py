"""Keeping an existing store in step with what this version of bilat derives when it writes.

A store records the version of its derived triples under one bookkeeping node. Version 2 adds the
dyads of events (``bilat:dyad``, and ``bilat:codedDyad`` for machine-coded ones; decision 0009); a
store written by an earlier version gets them the first time this version opens it.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from rdflib import URIRef

from bilat.namespaces import BILAT, dyad, key_of, mint
from bilat.store import Store

STORE_FORMAT = 2
STORE_NODE = mint("store", "format")

_PREFIXES = "PREFIX bilat: <https://w3id.org/bilat/ontology#>\n"


def is_current(store: Store) -> bool:
    """Whether the store says it holds this version's derived triples."""
    rows = store.select(f"{_PREFIXES}SELECT ?v WHERE {{ <{STORE_NODE}> bilat:storeFormat ?v }}").rows
    return any(str(row["v"]) == str(STORE_FORMAT) for row in rows)


def mark_current(store: Store) -> None:
    store.update(_PREFIXES + _format_update())


def upgrade(store: Store) -> None:
    """Derive what an older store lacks, then record the new version.

    The dyads are worked out here from the events' countries and added in one transaction (deriving
    them in a SPARQL update took 513 s for a million events); adding them twice changes nothing, so a
    run stopped before the mark is simply done again.
    """
    query = """SELECT ?event ?country ?code WHERE {
  ?event a bilat:Event ; bilat:involves ?country . OPTIONAL { ?event bilat:cameoCode ?code } }"""
    countries: dict[str, list[str]] = defaultdict(list)
    coded = set()
    for event, country, code in store.values(_PREFIXES + query).rows:
        countries[str(event)].append(key_of(str(country), "country"))
        if code is not None:
            coded.add(str(event))
    triples = (
        (URIRef(event), BILAT.codedDyad if event in coded else BILAT.dyad, dyad(a, b))
        for event, codes in countries.items()
        for a, b in combinations(sorted(set(codes)), 2)
    )
    store.replace([], triples)
    mark_current(store)


def _format_update() -> str:
    return (
        f"DELETE WHERE {{ <{STORE_NODE}> bilat:storeFormat ?v }} ;\n"
        f"INSERT DATA {{ <{STORE_NODE}> bilat:storeFormat {STORE_FORMAT} }}"
    )
