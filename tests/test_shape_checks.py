"""The shapes checked by the store itself (``graph.shape_checks``) find what pySHACL finds."""

from __future__ import annotations

import pytest
from rdflib import Graph

from bilat.graph.export import all_triples
from bilat.graph.shape_checks import PATH, shape_checks_query, shape_violations
from bilat.graph.shapes import validate_graph
from bilat.store import EmbeddedStore

BILAT = "https://w3id.org/bilat/ontology#"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def test_the_committed_query_is_written_from_the_shapes():
    assert PATH.read_text(encoding="utf-8") == shape_checks_query(), "python -m bilat.graph.shapes --write"


def _first(store: EmbeddedStore, cls: str) -> str:
    rows = store.values(f"SELECT ?s WHERE {{ ?s a <{BILAT}{cls}> }} ORDER BY ?s LIMIT 1").rows
    return str(rows[0][0])


@pytest.fixture
def broken(small_store) -> EmbeddedStore:
    """The small store with one break of each kind of constraint the shapes use."""
    store = small_store
    trade, mission = _first(store, "TradeFigure"), _first(store, "DiplomaticMission")
    relation, count, event = (
        _first(store, "BilateralRelation"),
        _first(store, "ReportedCount"),
        _first(store, "Event"),
    )
    store.update(
        f"""INSERT DATA {{
        <https://w3id.org/bilat/id/event/undated> a <{BILAT}Event> .
        <{relation}> <{SCHEMA}startDate> "1993"^^<{XSD}gYear>, "1994"^^<{XSD}gYear> .
        <{trade}> <{BILAT}amount> "abc"^^<{XSD}decimal> .
        <{mission}> <{BILAT}hostCountry> <https://w3id.org/bilat/id/person/not-a-country> .
        <{event}> <{BILAT}eventKind> <https://w3id.org/bilat/id/event-kind/duel> .
        <{count}> <{BILAT}count> -1 .
        <{event}> <{SCHEMA}endDate> "soon" .
        }}"""
    )
    return store


def test_the_store_finds_the_violations_pyshacl_finds(broken):
    graph = Graph()
    for triple in all_triples(broken):
        graph.add(triple)
    expected = {(v.focus, v.path) for v in validate_graph(graph)}
    found = {(v.focus, v.path) for v in shape_violations(broken)}
    assert len(expected) >= 7
    assert found == expected


def test_a_conforming_store_has_no_violations(small_store):
    assert shape_violations(small_store) == []
