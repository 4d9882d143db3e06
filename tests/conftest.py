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

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from bilat.bundled import data_dir
from bilat.export import all_triples
from bilat.load import load_files
from bilat.store import EmbeddedStore, RemoteStore, Store

HERE = Path(__file__).parent
FIXTURES = HERE / "data"
SHARED = HERE.parent.parent / "shared" / "realdata"


@pytest.fixture
def store() -> Iterator[Store]:
    """An in-memory store holding the bundled data."""
    memory = EmbeddedStore(None)
    load_files(memory, [data_dir()])
    yield memory
    memory.close()


@pytest.fixture
def empty_store() -> Store:
    return EmbeddedStore(None)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


def graph_of(store: Store) -> Graph:
    graph = Graph()
    for triple in all_triples(store):
        graph.add(triple)
    return graph


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``oxigraph serve`` on 127.0.0.1; yields its query endpoint URL."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
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
                raise RuntimeError(
                    process.stderr.read().decode() if process.stderr else "oxigraph died"
                ) from error
            time.sleep(0.1)
    else:
        process.kill()
        raise RuntimeError("oxigraph serve did not start within 30 s")
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def remote_store(oxigraph_server: str) -> Iterator[RemoteStore]:
    """The server, emptied, then loaded with the bundled data."""
    remote = RemoteStore(oxigraph_server)
    remote.update("DROP ALL")
    load_files(remote, [data_dir()])
    yield remote
    remote.update("DROP ALL")
