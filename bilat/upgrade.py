"""Keeping an existing store in step with what this version of bilat derives when it writes.

A store records the version of its derived triples under one bookkeeping node. Version 2 adds the
dyads of events (``bilat:dyad``, see decision 0009); a store written by an earlier version gets them
in one update the first time this version opens it.
"""

from __future__ import annotations

from bilat.namespaces import mint
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
    """Derive what an older store lacks, and record the new version, in one update."""
    dyads = f"""INSERT {{ ?event bilat:dyad ?dyad }} WHERE {{
  ?event a bilat:Event ; bilat:involves ?a, ?b .
  FILTER (STR(?a) < STR(?b))
  BIND (IRI(CONCAT("{mint("dyad", "")}", STRAFTER(STR(?a), "/country/"), "-",
                   STRAFTER(STR(?b), "/country/"))) AS ?dyad)
}}"""
    store.update(f"{_PREFIXES}{dyads} ;\n{_format_update()}")


def _format_update() -> str:
    return (
        f"DELETE WHERE {{ <{STORE_NODE}> bilat:storeFormat ?v }} ;\n"
        f"INSERT DATA {{ <{STORE_NODE}> bilat:storeFormat {STORE_FORMAT} }}"
    )
