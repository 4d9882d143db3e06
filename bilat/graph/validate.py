"""Checking a whole store: every triple against the SHACL shapes, every record through the models."""

from __future__ import annotations

from rdflib import Graph

from bilat.graph.export import all_triples
from bilat.graph.read import unreadable_records
from bilat.graph.shapes import Violation, validate_graph
from bilat.store import Store


def validate_store(store: Store) -> list[Violation]:
    """SHACL violations of the whole store, and records the models refuse; empty when it conforms."""
    triples = all_triples(store)
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    refused = [Violation(str(s), "", message) for s, message in unreadable_records(triples).items()]
    return sorted([*validate_graph(graph), *refused], key=lambda v: (v.focus, v.path))
