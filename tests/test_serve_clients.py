"""``bilat serve`` as real clients see it: the ``bilat serve`` command on a free 127.0.0.1 port, asked by
SPARQLWrapper, by rdflib's SPARQLStore, and by bilat itself through ``--endpoint``; and with several
worker processes."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import statistics
import subprocess
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SDO
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from servers import free_port
from serving import BILAT, bilat_serve, wait_for, write_token
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

CU = URIRef("https://w3id.org/bilat/id/country/CU")
PREFIXES = "PREFIX bilat: <https://w3id.org/bilat/ontology#> PREFIX schema: <https://schema.org/> "


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, seeded_store_dir: Path) -> Iterator[tuple[str, Path]]:
    store = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(seeded_store_dir, store)
    with bilat_serve(store) as base:
        yield base, store


def _wrapper(base: str, query: str, format: str) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{base}/sparql")
    client.setQuery(query)
    client.setReturnFormat(format)
    return client


def test_sparqlwrapper_select_in_json_xml_and_csv(server: tuple[str, Path]):
    base, _ = server
    query = PREFIXES + 'SELECT ?name WHERE { ?c bilat:isoCode "CU" ; schema:name ?name }'
    rows = _wrapper(base, query, JSON).queryAndConvert()
    assert [b["name"]["value"] for b in rows["results"]["bindings"]] == ["Cuba"]  # type: ignore[index]
    document = _wrapper(base, query, XML).queryAndConvert()
    assert [n.firstChild.data for n in document.getElementsByTagName("literal")] == ["Cuba"]  # type: ignore[union-attr]
    assert _wrapper(base, query, CSV).queryAndConvert() == b"name\r\nCuba\r\n"


def test_sparqlwrapper_ask_construct_and_post(server: tuple[str, Path]):
    base, _ = server
    ask = _wrapper(base, PREFIXES + 'ASK { ?c bilat:isoCode "AZ" }', JSON)
    ask.setMethod("POST")
    assert ask.queryAndConvert()["boolean"] is True  # type: ignore[index]
    construct = PREFIXES + 'CONSTRUCT { ?c schema:name ?n } WHERE { ?c bilat:isoCode "CU" ; schema:name ?n }'
    turtle = _wrapper(base, construct, TURTLE).queryAndConvert()
    graph = Graph().parse(data=turtle, format="turtle")
    assert set(graph) == {(CU, SDO.name, Literal("Cuba"))}
    rdfxml = _wrapper(base, construct, XML).queryAndConvert()
    assert set(rdfxml) == {(CU, SDO.name, Literal("Cuba"))}  # type: ignore[arg-type]


def test_rdflib_sparqlstore_reads_the_graph(server: tuple[str, Path]):
    base, _ = server
    graph = Graph(store=SPARQLStore(f"{base}/sparql", returnFormat="json"))
    rows = list(graph.query(PREFIXES + 'SELECT ?n WHERE { ?c bilat:isoCode "AZ" ; schema:name ?n }'))
    assert [str(row[0]) for row in rows] == ["Azerbaijan"]  # type: ignore[index]
    assert (CU, SDO.name, Literal("Cuba")) in graph
    assert graph.query(PREFIXES + 'ASK { ?c bilat:isoCode "CU" }').askAnswer is True
    xml = Graph(store=SPARQLStore(f"{base}/sparql", returnFormat="xml"))
    assert len(list(xml.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"))) == 3


def test_bilat_ties_through_the_endpoint_is_bilat_ties_on_the_store(server: tuple[str, Path]):
    base, store = server
    remote = subprocess.run(
        [BILAT, "--endpoint", f"{base}/sparql", "ties", "Azerbaijan", "Cuba"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    local = subprocess.run(
        [BILAT, "--store", str(store), "ties", "Azerbaijan", "Cuba"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout
    assert "Cuba → Azerbaijan: embassy in Baku" in remote.stdout


def test_bilat_query_through_the_endpoint_sees_the_guard(server: tuple[str, Path]):
    base, _ = server
    refused = subprocess.run(
        [BILAT, "--endpoint", f"{base}/sparql", "query", "SELECT ?x WHERE { ?x ?y }"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2
    assert "not valid SPARQL" in refused.stderr


def _children(pid: int) -> list[int]:
    tasks = Path(f"/proc/{pid}/task")
    return [int(child) for task in tasks.iterdir() for child in (task / "children").read_text().split()]


def test_several_workers_answer_on_one_port(tmp_path: Path, seeded_store_dir: Path):
    store = tmp_path / "store"
    shutil.copytree(seeded_store_dir, store)
    port = free_port()
    process = subprocess.Popen(
        [BILAT, "--store", str(store), "serve", "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "BILAT_STORE": ""},
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/static/bilat.css", process)
        query = PREFIXES + 'SELECT ?name WHERE { ?c bilat:isoCode "CU" ; schema:name ?name }'
        path = "/sparql?" + urllib.parse.urlencode({"query": query})
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        took = []
        for _ in range(9):  # one connection, kept alive
            started = time.monotonic()
            connection.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            answer = connection.getresponse()
            rows = json.loads(answer.read())["results"]["bindings"]
            took.append(time.monotonic() - started)
            assert [row["name"]["value"] for row in rows] == ["Cuba"]
        connection.close()
        workers = [
            pid
            for pid in _children(process.pid)
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert len(workers) == 2
    # each answer is sent at once, not held back for the client's delayed acknowledgement (40 ms)
    assert statistics.median(took) < 0.035, took
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)  # stopped with the server


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (
            ["--store", "STORE", "serve", "--workers", "2", "--allow-updates", "--token-file", "TOKEN"],
            "read-only",
        ),
        (["--memory", "serve", "--workers", "2"], "needs a store on disk"),
    ],
    ids=["updates", "memory"],
)
def test_workers_only_for_a_read_only_store_on_disk(runner, tmp_path: Path, options, words):  # type: ignore[no-untyped-def]
    from bilat.cli import app

    token = write_token(tmp_path)
    args = [str(tmp_path / "store") if o == "STORE" else str(token) if o == "TOKEN" else o for o in options]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert words in result.stderr
