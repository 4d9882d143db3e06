"""Bounded work and harmless output, where the bad-input corpus cannot express the case: servers that
trickle, stream without end or redirect, named pipes, standard input, signals, large files, and text
from outside shown in a terminal or in Markdown."""

from __future__ import annotations

import gc
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph
import pytest
from markdown_it import MarkdownIt

from bilat.cli import app
from bilat.errors import DataError
from bilat.files import atomic
from bilat.files.atomic import write_atomically
from bilat.files.datafile import MAX_JSONL_BYTES, MAX_YAML_BYTES, read_file
from bilat.files.display import markdown_text, printable
from bilat.files.jsonstream import sparql_rows
from bilat.queries.run import run_user_query
from bilat.store import EmbeddedStore, folder as store_folder

SELECT = "SELECT * WHERE { ?s ?p ?o }"
BILAT = [sys.executable, "-m", "bilat"]


# -- servers ---------------------------------------------------------------------------------------


def _request(connection: socket.socket) -> tuple[str, bytes]:
    """The path and body of the HTTP request on ``connection``."""
    data = b""
    while b"\r\n\r\n" not in data:
        piece = connection.recv(65536)
        if not piece:
            break
        data += piece
    head, _, body = data.partition(b"\r\n\r\n")
    length = re.search(rb"(?i)content-length:\s*(\d+)", head)
    while length and len(body) < int(length.group(1)):
        piece = connection.recv(65536)
        if not piece:
            break
        body += piece
    return head.split(b" ")[1].decode(), body


@contextmanager
def serving(handle: Callable[[socket.socket, str], None]) -> Iterator[str]:
    """A server on 127.0.0.1 that hands each request's connection and path to ``handle`` (in a thread
    of its own); yields the query URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.1)
    stop = threading.Event()

    def answer(connection: socket.socket) -> None:
        with connection:
            connection.settimeout(30)
            try:
                path, _ = _request(connection)
                handle(connection, path)
            except OSError:  # the client went away, as it should
                pass

    def run() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=answer, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/query"
    finally:
        stop.set()
        thread.join()
        listener.close()


JSON_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nConnection: close\r\n\r\n"
ROWS = b'{"head": {"vars": ["s"]}, "results": {"bindings": ['


def _row(number: int) -> bytes:
    return b'{"s": {"type": "uri", "value": "http://example.org/%d"}}' % number


def test_a_limited_query_to_a_server_stops_reading_at_the_limit(runner):
    """The server sends rows without end; only an early stop can answer, and well before the
    request's time is up."""
    sent = [0]

    def endless(connection: socket.socket, path: str) -> None:
        connection.sendall(JSON_HEAD + ROWS)
        number = 0
        while True:
            chunk = b",".join(_row(n) for n in range(number, number + 1000)) + b","
            connection.sendall(chunk)
            sent[0] += len(chunk)
            number += 1000

    with serving(endless) as url:
        result = runner.invoke(app, ["--endpoint", url, "query", "--limit", "10", "--timeout", "30", SELECT])
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[2:-1] == [f"http://example.org/{n}" for n in range(10)]
    assert lines[-1] == "(10 rows)"
    assert sent[0] < 200_000_000


def test_a_limited_query_reads_rows_in_any_order_of_members():
    """``results`` before ``head``: the rows past the limit are read and dropped."""
    document = (
        b'{"results": {"bindings": ['
        + b", ".join(_row(n) for n in range(50))
        + b']}, "head": {"vars": ["s"]}}'
    )
    chunks = iter([document[i : i + 7] for i in range(0, len(document), 7)])
    variables, rows = sparql_rows(lambda size: next(chunks, b""), 3)
    assert variables == ["s"]
    assert [row["s"]["value"] for row in rows] == [f"http://example.org/{n}" for n in range(3)]


def test_a_limited_query_on_a_large_store_reads_only_its_rows(monkeypatch):
    """200,000 triples: reading them all as rdflib terms takes about 100 MB of Python objects, the
    first ten a few kilobytes; the rows are those of the whole answer's start."""
    store = EmbeddedStore(None)
    triples = "".join(f'<http://example.org/s{i}> <http://example.org/p> "v{i}" .\n' for i in range(200_000))
    store.oxigraph.load(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    tracemalloc.start()
    try:
        rows = run_user_query(store, SELECT, limit=10, timeout=None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows is not None and len(rows.rows) == 10
    assert peak < 5_000_000
    in_a_thread = run_user_query(store, SELECT, limit=10, timeout=30)  # under a time limit
    gc.collect()
    assert unraisable == []  # Oxigraph's iterator was dropped on the thread that read it
    assert in_a_thread == rows
    assert rows.rows == store.select(SELECT).rows[:10]
    store.close()


def _trickle_status(connection: socket.socket, path: str) -> None:
    for byte in b"HTTP/1.1 200 OK\r\n" * 1000:
        connection.sendall(bytes([byte]))
        time.sleep(0.05)


def _trickle_body(connection: socket.socket, path: str) -> None:
    connection.sendall(JSON_HEAD)
    for byte in ROWS + b",".join(_row(n) for n in range(1000)):
        connection.sendall(bytes([byte]))
        time.sleep(0.05)


@pytest.mark.parametrize("trickle", [_trickle_status, _trickle_body], ids=["status-line", "body"])
def test_a_server_that_trickles_is_cut_off_at_the_deadline(runner, trickle):
    with serving(trickle) as url:
        started = time.monotonic()
        result = runner.invoke(app, ["--endpoint", url, "query", "--timeout", "1", SELECT])
        took = time.monotonic() - started
    assert (result.exit_code, result.stderr) == (
        4,
        f"Error: the SPARQL server at {url} gave no complete answer within 1 s (the time allowed for a "
        "request, its answer included); the query may be too broad, or the server overloaded or slow\n",
    )
    assert took < 15  # a byte each 0.05 s resets any per-read time-out: only the deadline ends it


def test_a_redirect_on_the_same_server_is_followed_with_the_same_request(runner):
    seen: list[str] = []

    def moved(connection: socket.socket, path: str) -> None:
        seen.append(path)
        if path == "/query":
            connection.sendall(
                b"HTTP/1.1 307 Temporary Redirect\r\nLocation: /sparql\r\nContent-Length: 0\r\n\r\n"
            )
        else:
            body = ROWS + _row(1) + b"]}}"
            connection.sendall(
                JSON_HEAD.replace(b"\r\n\r\n", b"\r\nContent-Length: %d\r\n\r\n" % len(body)) + body
            )

    with serving(moved) as url:
        result = runner.invoke(app, ["--endpoint", url, "query", SELECT])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[2:] == ["http://example.org/1", "(1 row)"]
    assert seen == ["/query", "/sparql"]


def test_a_servers_error_text_cannot_drive_the_terminal(runner):
    def failing(connection: socket.socket, path: str) -> None:
        body = b"\x1b[2J\x1b]0;owned\x07boom \xc2\x9b31mred"
        connection.sendall(
            b"HTTP/1.1 500 Oops\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s"
            % (len(body), body)
        )

    with serving(failing) as url:
        result = runner.invoke(app, ["--endpoint", url, "query", SELECT])
    assert (result.exit_code, result.stderr) == (
        4,
        f"Error: the SPARQL server at {url} failed (500): boom red\n",
    )


# -- files that are not files, and standard input ---------------------------------------------------


def test_extract_refuses_a_named_pipe_without_waiting_for_it(tmp_path):
    pipe = tmp_path / "article.txt"
    os.mkfifo(pipe)
    done = subprocess.run(
        [*BILAT, "--memory", "extract", str(pipe)], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stderr) == (
        2,
        f"Error: {pipe} is a named pipe, not a file; give an article saved as a file, or - to read it from "
        "standard input\n",
    )


def test_query_refuses_a_named_pipe_for_its_rq_file(tmp_path):
    pipe = tmp_path / "q.rq"
    os.mkfifo(pipe)
    done = subprocess.run(
        [*BILAT, "--memory", "query", str(pipe)], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stderr) == (2, f"Error: cannot read {pipe}: it is not a file\n")


def test_extract_reads_at_most_five_mebibytes_of_standard_input(runner):
    result = runner.invoke(app, ["extract", "-"], input=b"a" * (5 * 1024 * 1024 + 1))
    assert (result.exit_code, result.stderr, result.stdout) == (
        2,
        "Error: standard input holds more than 5,242,880 bytes (5 MiB), more than any news article; give "
        "the article alone, one per file\n",
        "",
    )


def test_a_json_lines_file_over_its_cap_is_refused_before_it_is_read(tmp_path):
    """A sparse file of zeros: read, it would be refused for its NUL bytes instead."""
    path = tmp_path / "big.jsonl"
    with path.open("wb") as stream:
        stream.truncate(MAX_JSONL_BYTES + 1)
    with pytest.raises(DataError) as refused:
        read_file(path)
    assert [str(p) for p in refused.value.problems] == [
        f"{path}: is 268,435,457 bytes; a JSON Lines file may have at most 268,435,456 (256 MiB): split it "
        "into several files (split -n l/4) and load them together"
    ]


def test_the_bundled_data_is_within_the_caps():
    from bilat.files.bundled import data_dir

    for path in data_dir().rglob("*"):
        if path.suffix in (".yaml", ".yml"):
            assert path.stat().st_size <= MAX_YAML_BYTES, path
        elif path.suffix == ".jsonl":
            assert path.stat().st_size <= MAX_JSONL_BYTES, path


# -- signals ---------------------------------------------------------------------------------------

WRITER = """
import sys, time
from pathlib import Path
from bilat.files.atomic import atomic_file
with atomic_file(Path(sys.argv[1])) as stream:
    stream.write("half")
    print("writing", flush=True)
    time.sleep(120)
"""


def _default_signals() -> None:
    """In the child: the signals a shell's background job or ``nohup`` would ignore, heard again."""
    for number in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)


def _start_writer(target: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_signals,
    )
    assert process.stdout is not None and process.stdout.readline() == "writing\n"
    return process


def _parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=["TERM", "INT", "HUP"])
def test_a_signal_removes_the_temporary_file_and_keeps_the_old_one(tmp_path, number):
    target = tmp_path / "out.csv"
    target.write_text("old")
    process = _start_writer(target)
    assert len(_parts(tmp_path)) == 1
    process.send_signal(number)
    process.wait(timeout=30)
    assert process.returncode != 0
    if number != signal.SIGINT:  # SIGINT is Python's KeyboardInterrupt, which unwinds
        assert process.returncode == -number
    assert _parts(tmp_path) == []
    assert target.read_text() == "old"


def test_sigkill_leaves_a_temporary_file_that_the_next_write_removes(tmp_path):
    target = tmp_path / "out.csv"
    killed = _start_writer(target)
    killed.kill()
    killed.wait(timeout=30)
    [left] = _parts(tmp_path)
    assert left.startswith(f".out.csv.{killed.pid}.")
    alive = _start_writer(target)  # another writer, still running: its file is not stale
    try:
        write_atomically(target, b"new")
        assert _parts(tmp_path) == [p for p in _parts(tmp_path) if f".{alive.pid}." in p] != []
        assert target.read_bytes() == b"new"
    finally:
        alive.terminate()
        alive.wait(timeout=30)
    assert _parts(tmp_path) == []


def test_a_panel_killed_by_sigterm_leaves_no_temporary_file(store_dir, tmp_path):
    output = tmp_path / "out" / "panel.csv"
    output.parent.mkdir()
    process = subprocess.Popen(
        [*BILAT, "--store", str(store_dir), "panel", "-o", str(output), "--from", "1950", "--to", "2022"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not _parts(output.parent) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.01)
    assert _parts(output.parent), "the panel never started writing"
    process.terminate()
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGTERM
    assert list(output.parent.iterdir()) == []


# -- outputs ---------------------------------------------------------------------------------------


def test_the_marker_is_the_stores_own():
    assert atomic.STORE_MARKER == store_folder.MARKER


def test_a_link_into_the_store_is_refused_as_the_store_itself(runner, small_store_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out.ttl").symlink_to(small_store_dir / "CURRENT")
    before = (small_store_dir / "CURRENT").read_bytes()
    result = runner.invoke(app, ["--store", str(small_store_dir), "export", "-o", "out.ttl"])
    assert (result.exit_code, result.stderr) == (
        5,
        f"Error: cannot write out.ttl: it is inside the bilat store at {small_store_dir}, whose files only "
        "bilat may change; write the file somewhere else\n",
    )
    assert (small_store_dir / "CURRENT").read_bytes() == before


EVIL = """
sources:
  - id: evil-script
    kind: web_page
    title: "</script><script>alert(1)</script>"
    publisher: "*bold* [x](javascript:1)"
events:
  - id: evil-meeting
    kind: meeting
    date: 2023-01-01
    title: "# Heading <img src=x onerror=alert(1)> `code` ![i](http://x/i.png) &amp; | a | b |"
    place: "- item"
    countries: [AZ, CU]
    sources: [evil-script]
"""
EVIL_C1 = (
    '{"type": "source", "id": "evil-c1", "kind": "web_page", "title": "red\\u009b31m text\\u0085 end"}\n'
    '{"type": "event", "id": "evil-c1-meeting", "kind": "meeting", "date": "2023-02-01", '
    '"title": "A \\u009d0;owned\\u009c meeting", "countries": ["AZ", "CU"], "sources": ["evil-c1"]}\n'
)


@pytest.fixture
def evil_store(runner, small_store_dir, tmp_path) -> Path:
    (tmp_path / "evil.yaml").write_text(EVIL)
    (tmp_path / "evil.jsonl").write_text(EVIL_C1)
    loaded = runner.invoke(app, ["--store", str(small_store_dir), "load", str(tmp_path / "evil.yaml")])
    assert loaded.exit_code == 0, loaded.stderr
    loaded = runner.invoke(app, ["--store", str(small_store_dir), "load", str(tmp_path / "evil.jsonl")])
    assert loaded.exit_code == 0, loaded.stderr
    return small_store_dir


def test_markdown_from_titles_and_names_is_inert(runner, evil_store):
    result = runner.invoke(app, ["--store", str(evil_store), "ties", "AZ", "CU", "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(result.stdout)
    for active in ("<script", "<img", "<a ", "<em>", "<strong>", "<code>", "<table", "<ul>\n<li>item"):
        assert active not in html, active
    assert html.count("<h1>") == 1  # bilat's own title
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "*bold* [x](javascript:1)" in html
    assert (
        "# Heading &lt;img src=x onerror=alert(1)&gt; `code` ![i](http://x/i.png) &amp;amp; | a | b |" in html
    )


@pytest.mark.parametrize("format", ["text", "markdown", "json"])
def test_control_characters_from_the_data_never_reach_the_terminal(runner, evil_store, format):
    result = runner.invoke(app, ["--store", str(evil_store), "ties", "AZ", "CU", "--format", format])
    assert result.exit_code == 0, result.stderr
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.stdout)
    if format == "json":  # escaped, not lost
        titles = {s.get("title") for s in json.loads(result.stdout)["sources"].values()}
        assert "red\x9b31m text\x85 end" in titles
    else:
        assert "red text end" in result.stdout.replace("31m ", "")


def test_a_literal_with_escape_sequences_is_shown_without_them(runner, small_store_dir):
    literal = '"a\\u001b[31mred\\u001b]0;owned\\u0007!"'
    update = f"INSERT DATA {{ <http://example.org/x> <http://example.org/p> {literal} }}"
    assert runner.invoke(app, ["--store", str(small_store_dir), "query", "--write", update]).exit_code == 0
    query = "SELECT ?o WHERE { <http://example.org/x> ?p ?o }"
    shown = runner.invoke(app, ["--store", str(small_store_dir), "query", query])
    assert shown.stdout.splitlines()[2] == "ared!"
    as_json = runner.invoke(app, ["--store", str(small_store_dir), "query", query, "--format", "json"])
    assert (
        json.loads(as_json.stdout)["results"]["bindings"][0]["o"]["value"] == "a\x1b[31mred\x1b]0;owned\x07!"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, (kept) as-is", "plain text, (kept) as-is"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b]0;title\x07after", "after"),
        ("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"),
        ("bell\x07 cr\r nul\x00 del\x7f", "bell cr nul del"),
        ("c1 \x9b2J \x85 \x9d0;t\x9c end", "c1    end"),
        ("lone escape \x1b", "lone escape "),
    ],
)
def test_printable_strips_controls_and_their_sequences(text, shown):
    assert printable(text) == shown


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Azerbaijan (AZ) – Cuba (CU)", "Azerbaijan (AZ) – Cuba (CU)"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("[x](javascript:1)", "\\[x\\](javascript:1)"),
        ("</script>", "&lt;/script&gt;"),
        ("&amp;", "&amp;amp;"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
        ("two\nlines", "two lines"),
        ("1992-03-27 dated", "1992-03-27 dated"),
    ],
)
def test_markdown_text_escapes_what_markdown_would_read(text, escaped):
    assert markdown_text(text) == escaped
