"""The same calls against a real Oxigraph server (started on 127.0.0.1 by the fixture)."""

from pathlib import Path

import pytest
from conftest import graph_of
from rdflib.compare import isomorphic

from bilat import api
from bilat.cli import app
from bilat.dossier.render import dossier_data
from bilat.files.bundled import data_dir
from bilat.graph.write import load_files
from bilat.network.panel import panel_rows
from bilat.network.projection import project
from bilat.queries.run import bind_parameters, stored_queries, table
from bilat.register import bundled_register

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
WORLD = Path(__file__).parent / "data" / "network_world.yaml"


def test_the_server_holds_the_same_graph(remote_store, small_store):
    assert isomorphic(graph_of(remote_store), graph_of(small_store))


def test_every_stored_query_gives_the_same_rows_on_both_backends(remote_store, small_store):
    register = bundled_register()
    for store in (remote_store, small_store):  # representation and agreements for the network queries
        load_files(store, [WORLD])
    for query in stored_queries().values():
        sample = PARAMETERS_OF.get(query.name, PARAMETERS)
        bindings = bind_parameters(query, {p.name: sample[p.name] for p in query.parameters}, register)
        embedded = table(small_store.select(query.text, bindings))
        remote = table(remote_store.select(query.text, bindings))
        assert embedded.columns == remote.columns, query.name
        assert sorted(map(repr, embedded.rows)) == sorted(map(repr, remote.rows)), query.name
        assert embedded.rows, query.name


def test_the_dossiers_are_the_same_on_the_server(remote_store, small_store):
    for a, b in (("AZ", "CU"), ("USA", "Russia")):
        assert dossier_data(api.pair_ties(remote_store, a, b)) == dossier_data(
            api.pair_ties(small_store, a, b)
        )


def test_reloading_into_the_server_changes_nothing(remote_store):
    before = api.stats(remote_store)
    summary = api.load(remote_store, [data_dir() / "azerbaijan-cuba.yaml"])
    assert summary.triples_added == 0
    assert api.stats(remote_store) == before


def test_the_network_and_the_panel_are_the_same_on_the_server(remote_store, small_store):
    register = bundled_register()
    for store in (remote_store, small_store):
        load_files(store, [WORLD])
    for directed in (False, True):
        embedded = project(small_store, register, directed=directed)
        remote = project(remote_store, register, directed=directed)
        assert sorted(embedded.edges(data=True)) == sorted(remote.edges(data=True))
        assert embedded.number_of_edges() >= 6
    countries = [register.resolve(code) for code in ("AZ", "CU", "TR", "GE", "RU")]
    embedded_rows = list(panel_rows(small_store, register, 1990, 2022, countries))
    assert embedded_rows == list(panel_rows(remote_store, register, 1990, 2022, countries))


@pytest.mark.parametrize(
    "command",
    [
        ["ties", "AZ", "CU"],
        ["network", "ego", "Cuba"],
        ["panel", "-o", "{tmp}/p.csv", "--from", "2000", "--to", "2001"],
    ],
)
def test_a_fresh_server_says_to_load_the_data_first(runner, oxigraph_server, tmp_path, command):
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    result = runner.invoke(app, ["--endpoint", oxigraph_server, *args])
    assert result.exit_code == 4
    assert result.stderr == (
        f"Error: the store at {oxigraph_server} holds no countries, so it cannot answer; load the bundled "
        "data first: bilat [--endpoint URL] load DATA_FOLDER (the data/ folder of bilat)\n"
    )
    assert not (tmp_path / "p.csv").exists()
