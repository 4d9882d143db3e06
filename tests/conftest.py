"""Shared fixtures: stores loaded with the bundled data, a CLI runner, and a real Oxigraph server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from servers import oxigraph_session_server, virtuoso_server  # noqa: F401 - fixtures of the servers
from typer.testing import CliRunner

from bilat.api import open_bilat_store
from bilat.files.bundled import data_dir
from bilat.graph.export import all_triples
from bilat.graph.upgrade import mark_current
from bilat.graph.write import load_files
from bilat.importers import IMPORTERS, run_import
from bilat.register import bundled_register
from bilat.store import EmbeddedStore, Store

HERE = Path(__file__).parent
FIXTURES = HERE / "data"
SHARED = HERE.parent.parent / "shared" / "realdata"


@pytest.fixture(scope="session")
def bundled_ntriples() -> bytes:
    """The bundled data, loaded once through the real load path, as N-Triples."""
    memory = EmbeddedStore(None)
    load_files(memory, [data_dir()])
    return memory.oxigraph.dump(format=pyoxigraph.RdfFormat.N_QUADS)


@pytest.fixture
def store(bundled_ntriples: bytes) -> Iterator[Store]:
    """An in-memory store holding the bundled data."""
    memory = EmbeddedStore(None)
    memory.oxigraph.load(bundled_ntriples, format=pyoxigraph.RdfFormat.N_QUADS)
    yield memory
    memory.close()


@pytest.fixture
def empty_store() -> Store:
    return EmbeddedStore(None)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def seeded_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store directory seeded with the bundled data by the CLI's own first run."""
    path = tmp_path_factory.mktemp("seeded") / "store"
    open_bilat_store(path).close()
    return path


@pytest.fixture(scope="session")
def small_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small store, made once: the Azerbaijan–Cuba dossier, the areas and the countries only."""
    path = tmp_path_factory.mktemp("small") / "small"
    store = open_bilat_store(path, seed=False)
    load_files(store, [data_dir() / name for name in SMALL_DATA])
    mark_current(store)
    store.close()
    return path


@pytest.fixture
def small_store_dir(tmp_path: Path, small_store_template: Path) -> Path:
    """A private copy of the small store."""
    path = tmp_path / "small"
    shutil.copytree(small_store_template, path)
    return path


@pytest.fixture
def store_dir(tmp_path: Path, seeded_store_dir: Path) -> Path:
    """A private copy of the seeded store directory."""
    path = tmp_path / "store"
    shutil.copytree(seeded_store_dir, path)
    return path


def graph_of(store: Store) -> Graph:
    graph = Graph()
    for triple in all_triples(store):
        graph.add(triple)
    return graph


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


SMALL_DATA = ("countries.jsonl", "areas.yaml", "azerbaijan-cuba.yaml")


def load_small(store: Store) -> None:
    """The countries, the areas, the Azerbaijan–Cuba dossier and a few GDELT events."""
    load_files(store, [data_dir() / name for name in SMALL_DATA])
    run_import(store, IMPORTERS["gdelt"], [FIXTURES / "gdelt_sample.tsv"], bundled_register())


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """A real ``oxigraph serve`` on 127.0.0.1 over a new, empty directory; yields its query URL."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = _free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).close()
            break
        except OSError as error:
            if process.poll() is not None:
                message = process.stderr.read().decode() if process.stderr else "oxigraph died"
                raise RuntimeError(message) from error
            time.sleep(0.1)
    else:
        process.kill()
        raise RuntimeError("oxigraph serve did not start within 30 s")
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def small_store() -> Iterator[Store]:
    """An in-memory store with the small data, loaded through the real load and import paths."""
    memory = EmbeddedStore(None)
    load_small(memory)
    yield memory
    memory.close()
