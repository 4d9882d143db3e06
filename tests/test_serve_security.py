"""What ``bilat serve`` refuses: writes without updates turned on, without the token or with a wrong
one; paths that climb out of ``/id`` or ``/static``; bodies too large; clients too slow. Each is refused
and nothing is written."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from serving import TOKEN, threaded_server
from starlette.testclient import TestClient

from bilat.graph.write import count_triples
from bilat.serve.app import create_app
from bilat.serve.state import Settings
from bilat.store import EmbeddedStore

INSERT = 'INSERT DATA { <https://w3id.org/bilat/id/test/x> <https://schema.org/name> "x" }'
GOOD_YAML = (
    "sources:\n  - id: serve-test-source\n    kind: news_article\n    title: A test\n"
    "    publisher: Test\n    published: 2024-01\n"
)
BAD_YAML = "sources:\n  - id: serve-test-source\n    kind: rumour\n"


@pytest.fixture
def store_on_disk(store_dir: Path) -> Iterator[EmbeddedStore]:
    opened = EmbeddedStore(store_dir)
    yield opened
    opened.close()


def _client(store: EmbeddedStore, **settings: object) -> TestClient:
    return TestClient(create_app(store, Settings(**settings)))  # type: ignore[arg-type]


def _updates(store: EmbeddedStore, **more: object) -> TestClient:
    return _client(store, allow_updates=True, token=TOKEN, **more)


def test_updates_are_off_unless_allowed(store_on_disk: EmbeddedStore):
    before = count_triples(store_on_disk)
    client = _client(store_on_disk)
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    answers = [
        client.post("/sparql", data={"update": INSERT}, headers=bearer),
        client.post(
            "/sparql", content=INSERT, headers={**bearer, "Content-Type": "application/sparql-update"}
        ),
        client.post("/load", content=GOOD_YAML, headers={**bearer, "Content-Type": "application/yaml"}),
        client.get("/sparql", params={"update": INSERT}),
        client.get("/sparql", params={"query": INSERT}),
    ]
    assert [a.status_code for a in answers] == [403, 403, 403, 400, 400]
    assert "read-only" in answers[0].text
    assert count_triples(store_on_disk) == before


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", f"Bearer {TOKEN}x", f"Basic {TOKEN}", f"Bearer {TOKEN[:-1]}", "Bearer " + "x" * 5000],
    ids=["none", "empty", "longer", "basic", "shorter", "huge"],
)
def test_a_write_without_the_right_token_is_401(store_on_disk: EmbeddedStore, authorization: str | None):
    before = count_triples(store_on_disk)
    client = _updates(store_on_disk)
    headers = {"Authorization": authorization} if authorization else {}
    update = client.post("/sparql", data={"update": INSERT}, headers=headers)
    load = client.post("/load", content=GOOD_YAML, headers={**headers, "Content-Type": "application/yaml"})
    assert (update.status_code, load.status_code) == (401, 401)
    assert update.headers["www-authenticate"] == "Bearer"
    assert count_triples(store_on_disk) == before


def test_with_the_token_an_update_and_a_load_are_written(store_on_disk: EmbeddedStore):
    before = count_triples(store_on_disk)
    client = _updates(store_on_disk)
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/sparql", data={"update": INSERT}, headers=bearer).status_code == 204
    assert count_triples(store_on_disk) == before + 1
    loaded = client.post(
        "/load?name=mine.yaml", content=GOOD_YAML, headers={**bearer, "Content-Type": "application/yaml"}
    )
    assert loaded.status_code == 200, loaded.text
    assert loaded.json()["records"] == {"source": 1} and loaded.json()["new_records"] == 1
    source = client.get("/id/source/serve-test-source", headers={"Accept": "text/turtle"})
    assert source.status_code == 200 and "A test" in source.text


def test_a_load_with_a_bad_record_writes_nothing_and_says_where(store_on_disk: EmbeddedStore):
    before = count_triples(store_on_disk)
    client = _updates(store_on_disk)
    body = GOOD_YAML.replace("serve-test-source", "first-good") + BAD_YAML.removeprefix("sources:\n")
    answer = client.post(
        "/load?name=mine.yaml",
        content=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/yaml"},
    )
    assert answer.status_code == 400
    problems = answer.json()["problems"]
    assert problems and problems[0].startswith("mine.yaml:8: sources[1].kind:"), problems
    assert "/tmp" not in answer.text
    assert count_triples(store_on_disk) == before


@pytest.mark.parametrize(
    "url",
    [
        "/id/../../etc/passwd",
        "/id/%2e%2e/%2e%2e/etc/passwd",
        "/id/country/..%2F..%2F..%2Fetc%2Fpasswd",
        "/id/country/CU/../../../pyproject.toml",
        "/static/../../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2F..%2Fpyproject.toml",
        "/id/country/%00",
    ],
)
def test_paths_never_climb_out(store_on_disk: EmbeddedStore, url: str):
    answer = _client(store_on_disk).get(url)
    assert answer.status_code == 404
    assert "root:" not in answer.text and "[project]" not in answer.text


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_an_oversized_body_is_refused_before_it_is_read(store_on_disk: EmbeddedStore, declared: bool):
    before = count_triples(store_on_disk)
    client = _updates(store_on_disk, max_query_bytes=1000, max_load_bytes=2000)
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    big = b"# " + b"x" * 5000 + b"\n" + INSERT.encode()

    def body(data: bytes) -> bytes | Iterator[bytes]:
        return data if declared else iter([data[:100], data[100:]])

    query = client.post("/sparql", content=body(big), headers={"Content-Type": "application/sparql-query"})
    update = client.post(
        "/sparql", content=body(big), headers={**bearer, "Content-Type": "application/sparql-update"}
    )
    load = client.post(
        "/load",
        content=body(GOOD_YAML.encode() + b"#" * 5000),
        headers={**bearer, "Content-Type": "application/yaml"},
    )
    assert [a.status_code for a in (query, update, load)] == [413, 413, 413]
    assert "larger than this server accepts" in load.text
    assert count_triples(store_on_disk) == before


def _connect(base: str) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def _closed_within(sock: socket.socket, seconds: float) -> tuple[bool, bytes]:
    """Whether the server closed the connection within ``seconds``, and what it sent before."""
    sock.settimeout(seconds)
    received = b""
    try:
        while chunk := sock.recv(4096):
            received += chunk
        return True, received
    except TimeoutError:
        return False, received
    except ConnectionResetError:
        return True, received


def test_a_client_sending_its_head_slowly_is_cut_off(store_on_disk: EmbeddedStore):
    app = create_app(store_on_disk, Settings())
    with threaded_server(app, head_seconds=1.0) as base:
        sock = _connect(base)
        started = time.monotonic()
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        for _ in range(3):  # a byte now and then, never the end of the head
            time.sleep(0.3)
            try:
                sock.sendall(b"X")
            except OSError:
                break
        closed, _ = _closed_within(sock, 5)
        assert closed and time.monotonic() - started < 4
        sock.close()
        quiet = _connect(base)  # a connection that says nothing
        closed, _ = _closed_within(quiet, 5)
        assert closed
        quiet.close()


def test_a_body_that_does_not_arrive_in_time_is_refused_and_nothing_written(store_on_disk: EmbeddedStore):
    before = count_triples(store_on_disk)
    app = create_app(store_on_disk, Settings(allow_updates=True, token=TOKEN, body_seconds=1.0))
    with threaded_server(app) as base:
        sock = _connect(base)
        body = GOOD_YAML.encode()
        sock.sendall(
            b"POST /load HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\n"
            + f"Authorization: Bearer {TOKEN}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
            + body[:10]
        )
        _, received = _closed_within(sock, 5)
        sock.close()
    assert received.startswith(b"HTTP/1.1 408"), received
    assert count_triples(store_on_disk) == before


@pytest.mark.parametrize(
    ("options", "token", "words"),
    [
        (["--allow-updates"], None, "--allow-updates needs --token-file FILE"),
        (["--allow-updates", "--token-file", "TOKEN"], "short", "at least 16 printable characters"),
        (["--allow-updates", "--token-file", "TOKEN"], "has a space in it, not a token", "without spaces"),
        (["--token-file", "TOKEN"], TOKEN, "--token-file is for --allow-updates"),
        (["--allow-updates", "--token-file", "MISSING"], None, "cannot read the token file"),
    ],
    ids=["no-file", "short", "spaces", "read-only", "missing"],
)
def test_serve_refuses_a_token_it_cannot_use(runner, tmp_path: Path, options, token, words):  # type: ignore[no-untyped-def]
    from bilat.cli import app

    path = tmp_path / "token"
    if token is not None:
        path.write_text(token + "\n", encoding="utf-8")
    args = [
        str(path) if o == "TOKEN" else str(tmp_path / "missing") if o == "MISSING" else o for o in options
    ]
    result = runner.invoke(app, ["--memory", "serve", *args])
    assert result.exit_code == 2
    assert words in result.stderr
