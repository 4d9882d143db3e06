"""One contract for every backend: the embedded store on disk, in memory, Oxigraph's server and
Virtuoso 7 (each server started on 127.0.0.1 by ``servers``) give the same answers to the same calls.

The in-memory store is the reference: every backend is loaded the same way and compared with it.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import graph_of, load_small
from rdflib.compare import isomorphic
from servers import Server, start_oxigraph, start_virtuoso

from bilat import api
from bilat.cli import app
from bilat.dossier.render import dossier_data
from bilat.errors import ServerRefusedError, StoreError
from bilat.files.bundled import data_dir
from bilat.files.formats import Format
from bilat.graph.write import load_files
from bilat.network.panel import panel_rows
from bilat.network.projection import project
from bilat.queries.run import bind_parameters, stored_queries, table
from bilat.register import bundled_register
from bilat.store import EmbeddedStore, RemoteStore, Store, remote as remote_module
from bilat.store.engines import OXIGRAPH, VIRTUOSO, Engine, engine_of
from bilat.store.staging import STAGING_PREFIX

WORLD = Path(__file__).parent / "data" / "network_world.yaml"
BACKENDS = ["embedded", "memory", "oxigraph", "virtuoso"]
PARAMETERS = {
    "a": "Azerbaijan",
    "b": "Cuba",
    "c": "Cuba",
    "dyad": "Azerbaijan/Cuba",
    "name": "musa",
    "from": "1990",
    "to": "2022",
}
PARAMETERS_OF = {"coded-events": {"dyad": "USA/Russia", "from": "2000", "to": "2020-12-31"}}
PAIRS = [("AZ", "CU"), ("USA", "Russia"), ("TR", "GE")]
STAGED = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?prefix)) }"


def load_contract_data(store: Store) -> None:
    """The small data, a few GDELT events and the network world: every kind of fact, in two loads."""
    load_small(store)
    load_files(store, [WORLD])


def in_own_graph(server: Server) -> RemoteStore:
    """A store on ``server`` of its own: on Virtuoso a graph of its own, on Oxigraph the default graph."""
    if server.name == "virtuoso":
        graph = f"https://w3id.org/bilat/test/{uuid.uuid4()}"
        return RemoteStore(server.url, engine=dataclasses.replace(VIRTUOSO, graph=graph))
    return RemoteStore(server.url)


def _counts(store: Store) -> object:
    stats = api.stats(store)
    return dataclasses.replace(stats, location="")


@pytest.fixture(scope="module")
def reference() -> Iterator[Store]:
    store = EmbeddedStore(None)
    load_contract_data(store)
    yield store
    store.close()


def _new_store(name: str, request: pytest.FixtureRequest, folder: Path) -> Store:
    if name == "embedded":
        return EmbeddedStore(folder / "store")
    if name == "memory":
        return EmbeddedStore(None)
    if name == "oxigraph":
        server = start_oxigraph(folder / "oxigraph")
        request.addfinalizer(server.stop)
        return RemoteStore(server.url)
    return in_own_graph(request.getfixturevalue("virtuoso_server"))


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Each backend, loaded through the real load and import paths."""
    store = _new_store(request.param, request, tmp_path_factory.mktemp(request.param))
    load_contract_data(store)
    yield store
    store.close()


def test_a_load_gives_the_same_graph(backend, reference):
    assert isomorphic(graph_of(backend), graph_of(reference))
    assert _counts(backend) == _counts(reference)


def test_a_reload_changes_nothing(backend, reference):
    before = graph_of(backend)
    summary = api.load(backend, [data_dir() / "azerbaijan-cuba.yaml", WORLD])
    assert summary.triples_added == 0
    assert summary.replaced_records > 0
    assert isomorphic(graph_of(backend), before)
    assert _counts(backend) == _counts(reference)


@pytest.mark.parametrize("pair", PAIRS, ids=["-".join(p) for p in PAIRS])
def test_the_ties_are_the_same(backend, reference, pair):
    expected = dossier_data(api.pair_ties(reference, *pair))
    assert dossier_data(api.pair_ties(backend, *pair)) == expected
    assert sum(len(v) for v in expected.values() if isinstance(v, list)) > 2  # countries and facts


@pytest.mark.parametrize("name", sorted(stored_queries()))
def test_every_stored_query_gives_the_same_rows(backend, reference, name):
    query = stored_queries()[name]
    sample = PARAMETERS_OF.get(name, PARAMETERS)
    bindings = bind_parameters(query, {p.name: sample[p.name] for p in query.parameters}, bundled_register())
    expected = table(reference.select(query.text, bindings))
    found = table(backend.select(query.text, bindings))
    assert found.columns == expected.columns
    assert sorted(map(repr, found.rows)) == sorted(map(repr, expected.rows))
    assert expected.rows


@pytest.mark.parametrize("countries", [[], ["AZ"], ["AZ", "CU"]], ids=["whole", "country", "pair"])
@pytest.mark.parametrize("format", [Format.NTRIPLES, Format.TURTLE], ids=["nt", "ttl"])
def test_the_export_is_the_same(backend, reference, countries, format):
    expected = api.export(reference, None, format, countries)
    assert api.export(backend, None, format, countries) == expected
    assert len(expected) > 1000


def test_the_network_and_the_panel_are_the_same(backend, reference):
    register = bundled_register()
    for directed in (False, True):
        expected = project(reference, register, directed=directed)
        found = project(backend, register, directed=directed)
        assert sorted(found.edges(data=True)) == sorted(expected.edges(data=True))
        assert expected.number_of_edges() >= 6
    countries = [register.resolve(code) for code in ("AZ", "CU", "TR", "GE", "RU")]
    expected_rows = list(panel_rows(reference, register, 1990, 2022, countries))
    assert list(panel_rows(backend, register, 1990, 2022, countries)) == expected_rows
    assert expected_rows


# -- engines ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "engine"),
    [("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu", VIRTUOSO), ("Oxigraph/0.5.3", OXIGRAPH)],
)
def test_the_engine_is_known_by_its_server_header(header, engine):
    assert engine_of(header) is engine
    assert engine_of(None).graph is None


@pytest.mark.parametrize("starter", [start_oxigraph, start_virtuoso], ids=["oxigraph", "virtuoso"])
def test_a_server_names_its_engine_in_its_first_answer(starter, tmp_path):
    server = starter(tmp_path / "server")
    try:
        store = RemoteStore(server.url)
        assert store.engine is None
        assert store.values("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1").rows == []
        assert store.engine is (VIRTUOSO if server.name == "virtuoso" else OXIGRAPH)
    finally:
        server.stop()


# -- all or nothing ---------------------------------------------------------------------------------


def _staged_triples(store: RemoteStore) -> int:
    from rdflib import Literal

    rows = RemoteStore(store.location).values(STAGED, {"prefix": Literal(STAGING_PREFIX)}).rows
    return int(rows[0][0] or 0)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def small_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RemoteStore]:
    """A server of its own (Virtuoso: a graph of its own) holding the small data."""
    if request.param == "oxigraph":
        server = start_oxigraph(tmp_path / "oxigraph")
        request.addfinalizer(server.stop)
    else:
        server = request.getfixturevalue("virtuoso_server")
    store = in_own_graph(server)
    load_small(store)
    yield store


def test_a_load_whose_connection_drops_half_way_leaves_the_graph_as_it_was(small_server, monkeypatch):
    store = small_server
    before = graph_of(store)
    sent = [0]
    real_post = remote_module.post

    def dropping(url, data, *args, **kwargs):  # type: ignore[no-untyped-def]
        sent[0] += 1
        if sent[0] == 4:
            raise StoreError(f"cannot reach the SPARQL server at {url}: [Errno 104] Connection reset by peer")
        return real_post(url, data, *args, **kwargs)

    monkeypatch.setattr(remote_module, "post", dropping)
    with pytest.raises(StoreError, match="Connection reset"):
        api.load(store, [data_dir() / "countries.jsonl", WORLD])  # staged: thousands of triples
    monkeypatch.undo()
    assert sent[0] >= 4
    assert isomorphic(graph_of(store), before)
    assert _staged_triples(store) == 0  # the staging graphs were dropped


@pytest.mark.slow
@pytest.mark.parametrize("starter", [start_oxigraph, start_virtuoso], ids=["oxigraph", "virtuoso"])
def test_a_load_killed_half_way_leaves_the_graph_as_it_was(starter, tmp_path):
    """``bilat load data/`` in a process of its own, killed once its staging graph is well filled."""
    server = starter(tmp_path / "server")
    try:
        store = RemoteStore(server.url)
        load_small(store)
        before = graph_of(store)
        loading = subprocess.Popen(
            [sys.executable, "-m", "bilat", "--endpoint", server.url, "load", str(data_dir())],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 120
            while _staged_triples(store) == 0 and time.monotonic() < deadline:
                assert loading.poll() is None, "the load ended before it could be killed"
                time.sleep(0.02)
            assert _staged_triples(store) > 0
        finally:
            loading.kill()
            loading.wait()
        assert isomorphic(graph_of(store), before)
    finally:
        server.stop()


@pytest.mark.slow
def test_a_virtuoso_killed_half_way_through_a_load_comes_back_as_it_was(tmp_path):
    """The server itself killed while the load is staged; restarted over the same database, bilat's
    graph is as it was before the load."""
    server = start_virtuoso(tmp_path / "virtuoso")
    try:
        store = RemoteStore(server.url)
        load_small(store)
        before = graph_of(store)
        loading = subprocess.Popen(
            [sys.executable, "-m", "bilat", "--endpoint", server.url, "load", str(data_dir())],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 120
        while _staged_triples(store) < 20_000 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert loading.poll() is None
        server.kill()
        _, stderr = loading.communicate(timeout=120)
        assert loading.returncode == 4
        assert stderr.startswith(b"Error: cannot reach the SPARQL server at ")
        server = start_virtuoso(server.folder, fresh=False)
        assert isomorphic(graph_of(RemoteStore(server.url)), before)
    finally:
        server.stop()


# -- errors -----------------------------------------------------------------------------------------


def test_a_server_that_refuses_updates_is_quoted_with_exit_6(runner, tmp_path):
    server = start_virtuoso(tmp_path / "virtuoso", allow_updates=False)
    try:
        result = runner.invoke(app, ["--endpoint", server.url, "load", str(data_dir() / "areas.yaml")])
    finally:
        server.stop()
    assert result.exit_code == 6
    assert result.stderr.startswith(f"Error: the SPARQL server at {server.url} refused the update (")
    assert "Virtuoso 42000 Error SR186" in result.stderr


def test_a_refusal_is_its_own_error():
    engine: Engine = VIRTUOSO
    assert engine.refuses(403, "Forbidden")
    assert engine.refuses(500, "Virtuoso 37000 Error SP030: SPARQL compiler, line 4992: memory exhausted")
    assert not engine.refuses(500, "Virtuoso 40001 Error SR172: Transaction deadlocked")
    assert issubclass(ServerRefusedError, StoreError)


def test_an_unreachable_server_is_exit_4(runner):
    from servers import free_port

    url = f"http://127.0.0.1:{free_port()}/sparql"
    result = runner.invoke(app, ["--endpoint", url, "load", str(data_dir() / "areas.yaml")])
    assert result.exit_code == 4
    assert result.stderr.startswith(f"Error: cannot reach the SPARQL server at {url}: ")
