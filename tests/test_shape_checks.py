"""The shapes checked by the store itself (``graph.shape_checks``) find what pySHACL finds."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

import pytest
from conftest import load_small
from rdflib import Graph
from servers import start_oxigraph

from bilat.graph.export import all_triples
from bilat.graph.shape_checks import PATH, shape_checks_query, shape_violations
from bilat.graph.shapes import Violation, validate_graph
from bilat.graph.validate import validate_store
from bilat.store import RemoteStore, Store
from bilat.store.engines import VIRTUOSO

BILAT = "https://w3id.org/bilat/ontology#"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
ORG = "http://www.w3.org/ns/org#"


def test_the_committed_query_is_written_from_the_shapes():
    assert PATH.read_text(encoding="utf-8") == shape_checks_query(), "python -m bilat.graph.shapes --write"


def _first(store: Store, cls: str, namespace: str = BILAT) -> str:
    rows = store.values(f"SELECT ?s WHERE {{ ?s a <{namespace}{cls}> }} ORDER BY ?s LIMIT 1").rows
    return str(rows[0][0])


def _break(store: Store, malformed: bool = True) -> None:
    """One break of each kind of constraint the shapes use, in a store holding the small data; a
    literal that is not of its datatype only if ``malformed`` (Virtuoso refuses to store one)."""
    trade, mission = _first(store, "TradeFigure"), _first(store, "DiplomaticMission")
    relation, count, event = (
        _first(store, "BilateralRelation"),
        _first(store, "ReportedCount"),
        _first(store, "Event"),
    )
    post, country = _first(store, "Post", ORG), _first(store, "Country")
    query = f"SELECT ?one WHERE {{ <{event}> <{BILAT}involves> ?one }} ORDER BY ?one LIMIT 1"
    one = store.values(query).rows[0][0]
    store.update(
        f"""DELETE DATA {{ <{event}> <{BILAT}involves> <{one}> }} ;
        INSERT {{ _:unnamed a <{BILAT}Event> }} WHERE {{}} ;
        INSERT DATA {{
        <https://w3id.org/bilat/id/event/undated> a <{BILAT}Event> .
        <{relation}> <{SCHEMA}startDate> "1993"^^<{XSD}gYear>, "1994"^^<{XSD}gYear> .
        <{mission}> <{BILAT}hostCountry> <https://w3id.org/bilat/id/person/not-a-country> .
        <{event}> <{BILAT}eventKind> <https://w3id.org/bilat/id/event-kind/duel> .
        <{count}> <{BILAT}count> -1 .
        <{event}> <{SCHEMA}endDate> "soon" .
        <{post}> <{ORG}postIn> <{country}> .
        <{country}> <http://www.w3.org/2002/07/owl#sameAs> "Q1" .
        <{country}> <http://www.w3.org/2000/01/rdf-schema#label> "no language" .
        }}"""
    )
    if malformed:
        store.update(f'INSERT DATA {{ <{trade}> <{BILAT}amount> "abc"^^<{XSD}decimal> }}')


@pytest.fixture
def broken(small_store) -> Store:
    """The small store with one break of each kind of constraint the shapes use."""
    _break(small_store)
    return small_store


def test_the_store_finds_the_violations_pyshacl_finds(broken):
    graph = Graph()
    for triple in all_triples(broken):
        graph.add(triple)
    # pySHACL gives no path for a constraint on the focus node itself
    expected = {(v.focus, "" if v.path == "None" else v.path) for v in validate_graph(graph)}
    found = {(v.focus, v.path) for v in shape_violations(broken)}
    assert len(expected) >= 17
    assert found == expected


def test_each_kind_of_break_is_named(broken):
    """One finding of each form the query writes: a missing value, too few, too many, a value that
    breaks a condition, one outside a set or a class, the focus itself not an IRI."""
    messages = {v.message for v in shape_violations(broken)}
    assert {
        "Less than 1 values",
        "Less than 2 values",
        "More than 1 values",
        "Value is not Literal with datatype http://www.w3.org/2001/XMLSchema#decimal",
        "Value is not Literal with datatype http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
        "Value is not >= 0",
        "Value is not in the list of allowed values",
        "Value does not have class https://w3id.org/bilat/ontology#Country",
        "Value is not of Node Kind sh:IRI",
        "Node does not conform to one or more shapes in sh:or",
    } <= messages


def test_a_conforming_store_has_no_violations(small_store):
    assert shape_violations(small_store) == []


def _named(violations: list[Violation]) -> list[Violation]:
    """The violations with each blank node named alike: stores name them as they like."""
    named = [v if v.focus.startswith("http") else dataclasses.replace(v, focus="_:") for v in violations]
    return sorted(named, key=lambda v: (v.focus, v.path, v.message))


ENDED_BEFORE_IT_BEGAN = (
    "INSERT DATA { <https://w3id.org/bilat/id/relation/az-cu> <https://schema.org/endDate> "
    '"1990"^^<http://www.w3.org/2001/XMLSchema#gYear> }'
)


@pytest.mark.parametrize("server", ["oxigraph", "virtuoso"])
def test_a_sparql_server_finds_what_the_embedded_store_finds(server, small_store, request, tmp_path: Path):
    """The records' check and the shapes' query, on Oxigraph's server and on Virtuoso 7."""
    if server == "oxigraph":
        running = start_oxigraph(tmp_path / "oxigraph")
        request.addfinalizer(running.stop)
        remote = RemoteStore(running.url)
    else:
        graph = f"https://w3id.org/bilat/test/{uuid.uuid4()}"
        url = request.getfixturevalue("virtuoso_server").url
        remote = RemoteStore(url, engine=dataclasses.replace(VIRTUOSO, graph=graph))
    load_small(remote)
    for store in (small_store, remote):
        store.update(ENDED_BEFORE_IT_BEGAN)
    refused = Violation(
        "https://w3id.org/bilat/id/relation/az-cu",
        "",
        "is not a valid relation: established/ended: the end (1990) is before the start (1992-03-27)",
    )
    assert validate_store(remote) == validate_store(small_store) == [refused]
    for store in (small_store, remote):
        _break(store, malformed=False)
    expected = _named(shape_violations(small_store))
    assert len(expected) >= 20
    assert _named(shape_violations(remote)) == expected
