"""How much a store holds: its triples, and its records of each kind."""

from __future__ import annotations

from dataclasses import dataclass

from bilat.graph.write import count_triples
from bilat.queries import query_text
from bilat.rdf.mapping import MAPPINGS
from bilat.store import Store


@dataclass(frozen=True)
class Stats:
    location: str
    triples: int
    records: dict[str, int]


def store_stats(store: Store) -> Stats:
    """How many triples and records of each kind the store holds."""
    rows = store.values(query_text("internal/count-by-class")).rows
    names = {str(mapping.classes[0]): kind.type_name for kind, mapping in MAPPINGS.items()}
    kinds = {names[str(type)]: int(str(n)) for type, n in rows if str(type) in names}
    return Stats(store.location, count_triples(store), dict(sorted(kinds.items())))
